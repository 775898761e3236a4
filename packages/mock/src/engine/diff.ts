/**
 * The edits Gradio sends in every `process_generating` after the first (protocol §4.6), computed for each output
 * against its previous value: strings that grow become `append`, arrays and objects are walked, anything else that
 * changed is a `replace`.
 * @module
 */

/** `[op, path, value]`. */
export type Edit = [op: "replace" | "append" | "add" | "delete", path: (string | number)[], value: unknown];

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function sameJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** The edits that turn `before` into `after`; `[]` when nothing changed. */
export function editsBetween(before: unknown, after: unknown, at: (string | number)[] = []): Edit[] {
  if (sameJson(before, after)) return [];
  if (typeof before === "string" && typeof after === "string" && after.startsWith(before)) {
    return [["append", at, after.slice(before.length)]];
  }
  const edits: Edit[] = [];
  if (Array.isArray(before) && Array.isArray(after)) {
    const shared = Math.min(before.length, after.length);
    for (let i = 0; i < shared; i++) edits.push(...editsBetween(before[i], after[i], [...at, i]));
    // Each delete shifts the tail left, so the tail goes by deleting at the same index.
    for (let i = after.length; i < before.length; i++) edits.push(["delete", [...at, after.length], null]);
    for (let i = before.length; i < after.length; i++) edits.push(["add", [...at, i], after[i]]);
    return edits;
  }
  if (isPlainObject(before) && isPlainObject(after)) {
    for (const key of Object.keys(before)) {
      edits.push(
        ...(key in after
          ? editsBetween(before[key], after[key], [...at, key])
          : [["delete", [...at, key], null] as Edit]),
      );
    }
    for (const key of Object.keys(after)) if (!(key in before)) edits.push(["add", [...at, key], after[key]]);
    return edits;
  }
  return [["replace", at, after]];
}
