import { isDeepStrictEqual } from "node:util";

/** One edit operation of a `process_generating` diff: `[op, path, value]`. */
export type DiffOperation = ["replace" | "append" | "add" | "delete", Array<string | number>, unknown];

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return kindOf(value) === "object";
}

/**
 * Gradio's differ (`gradio.utils.diff`, protocol §4.6): a type change or a non-prefix string change is a
 * `replace`; a string that extends the old one is an `append`; arrays compare item by item, then `delete` /
 * `add` the tail; objects compare key by key. Deletes of a tail use the already-shifted index, so applying
 * the operations in order works (`["delete",[2]]` twice shortens 4 items to 2).
 */
export function diff(previous: unknown, next: unknown, path: Array<string | number> = []): DiffOperation[] {
  if (isDeepStrictEqual(previous, next)) return [];
  if (kindOf(previous) !== kindOf(next)) return [["replace", path, next]];
  if (typeof previous === "string" && typeof next === "string" && next.startsWith(previous)) {
    return [["append", path, next.slice(previous.length)]];
  }
  if (Array.isArray(previous) && Array.isArray(next)) {
    const common = Math.min(previous.length, next.length);
    const edits: DiffOperation[] = [];
    for (let i = 0; i < common; i++) edits.push(...diff(previous[i], next[i], [...path, i]));
    for (let i = common; i < previous.length; i++) edits.push(["delete", [...path, common], null]);
    for (let i = common; i < next.length; i++) edits.push(["add", [...path, i], next[i]]);
    return edits;
  }
  if (isRecord(previous) && isRecord(next)) {
    const edits: DiffOperation[] = [];
    for (const key of Object.keys(previous)) {
      if (key in next) edits.push(...diff(previous[key], next[key], [...path, key]));
      else edits.push(["delete", [...path, key], null]);
    }
    for (const key of Object.keys(next)) {
      if (!(key in previous)) edits.push(["add", [...path, key], next[key]]);
    }
    return edits;
  }
  return [["replace", path, next]];
}

/** Applies edit operations in order (the client side of §4.6); used to check the differ. */
export function applyDiff(value: unknown, operations: DiffOperation[]): unknown {
  let root = structuredClone(value);
  for (const [op, path, operand] of operations) {
    if (path.length === 0) {
      root = op === "append" ? `${String(root)}${String(operand)}` : operand;
      continue;
    }
    let parent = root as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
    const key = path[path.length - 1]!;
    if (op === "replace") parent[key] = operand;
    else if (op === "append") parent[key] = `${String(parent[key])}${String(operand)}`;
    else if (op === "add" && Array.isArray(parent)) parent.splice(Number(key), 0, operand);
    else if (op === "add") parent[key] = operand;
    else if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  }
  return root;
}
