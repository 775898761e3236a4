/**
 * Gradio's generator diffs (`sse_v2`+, protocol §4.6): after the first `process_generating`, each output is sent as
 * a list of `[op, path, value]` edits against its previous value.
 * @module
 */

/** One edit operation as sent by the server. */
export type DiffOperation = readonly [
  op: "replace" | "append" | "add" | "delete",
  path: readonly (string | number)[],
  value: unknown,
];

type Container = unknown[] | Record<string, unknown>;

/** Thrown by {@link applyDiff} when the edits do not fit the value they are applied to. */
export class DiffMismatch extends Error {}

/**
 * Applies edits in order and returns the new value. The previous value is never mutated: containers on an edited
 * path are copied once per call (structural sharing), so the cost is the size of the change and of the containers
 * along its path, not the size of the whole value.
 *
 * @example
 * ```ts
 * applyDiff("Hel", [["append", [], "lo"]]); // "Hello"
 * applyDiff([1, 2], [["add", [2], 3]]);      // [1, 2, 3]
 * ```
 */
export function applyDiff(previous: unknown, operations: readonly DiffOperation[]): unknown {
  let root = previous;
  let copied: Set<Container> | undefined;
  for (const operation of operations) {
    if (!Array.isArray(operation) || operation.length < 2 || !Array.isArray(operation[1])) {
      throw new DiffMismatch(`not a diff operation: ${JSON.stringify(operation)}`);
    }
    const [op, path, value] = operation;
    if (path.length === 0) {
      root = applyAtRoot(root, op, value);
      continue;
    }
    copied ??= new Set();
    root = writable(root, copied);
    let parent = root as Container;
    for (let i = 0; i < path.length - 1; i++) {
      const key = path[i] as string | number;
      const child = writable(read(parent, key), copied);
      write(parent, key, child);
      parent = child;
    }
    applyAtKey(parent, path[path.length - 1] as string | number, op, value);
  }
  return root;
}

function applyAtRoot(current: unknown, op: string, value: unknown): unknown {
  if (op === "replace") return value;
  if (op === "append") return appendTo(current, value);
  throw new DiffMismatch(`"${op}" needs a non-empty path`);
}

function applyAtKey(parent: Container, key: string | number, op: string, value: unknown): void {
  switch (op) {
    case "replace":
      write(parent, key, value);
      return;
    case "append":
      write(parent, key, appendTo(read(parent, key), value));
      return;
    case "add":
      if (Array.isArray(parent)) {
        const index = arrayIndex(parent, key, parent.length);
        parent.splice(index, 0, value);
      } else parent[String(key)] = value;
      return;
    case "delete":
      if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, parent.length - 1), 1);
      else if (String(key) in parent) delete parent[String(key)];
      else throw new DiffMismatch(`cannot delete missing key ${JSON.stringify(key)}`);
      return;
    default:
      throw new DiffMismatch(`unknown diff operation ${JSON.stringify(op)}`);
  }
}

function appendTo(current: unknown, value: unknown): unknown {
  if (typeof current === "string" && typeof value === "string") return current + value;
  if (Array.isArray(current) && Array.isArray(value)) return current.concat(value);
  throw new DiffMismatch(`cannot append ${typeof value} to ${typeof current}`);
}

function read(parent: Container, key: string | number): unknown {
  if (Array.isArray(parent)) return parent[arrayIndex(parent, key, parent.length - 1)];
  if (!Object.hasOwn(parent, String(key))) throw new DiffMismatch(`no key ${JSON.stringify(key)}`);
  return parent[String(key)];
}

function write(parent: Container, key: string | number, value: unknown): void {
  if (Array.isArray(parent)) parent[arrayIndex(parent, key, parent.length - 1)] = value;
  else parent[String(key)] = value;
}

function arrayIndex(array: unknown[], key: string | number, max: number): number {
  const index = typeof key === "number" ? key : Number.NaN;
  if (!Number.isInteger(index) || index < 0 || index > max) {
    throw new DiffMismatch(`index ${JSON.stringify(key)} out of range for an array of ${array.length}`);
  }
  return index;
}

/** A shallow copy of a container the first time this diff touches it; the same object after that. */
function writable(value: unknown, copied: Set<Container>): Container {
  if (value === null || typeof value !== "object") {
    throw new DiffMismatch(`cannot edit inside ${value === null ? "null" : typeof value}`);
  }
  const container = value as Container;
  if (copied.has(container)) return container;
  const copy: Container = Array.isArray(container) ? container.slice() : { ...container };
  copied.add(copy);
  return copy;
}
