/**
 * A stable identity for a call: the endpoint plus its arguments, equal for equal arguments however they were
 * built (object key order does not matter), so framework bindings can recognise a repeated `client.submit(...)`.
 * @module
 */

const objectIds = new WeakMap<object, number>();
let nextObjectId = 1;

/**
 * The key of a call. Files (`Blob`, `Uint8Array`) count by identity: the same `File` object gives the same key.
 *
 * @example
 * ```ts
 * jobKey("/predict", { a: 1, b: 2 }) === jobKey("/predict", { b: 2, a: 1 }); // true
 * ```
 */
export function jobKey(endpoint: string | number, args: unknown): string {
  return `${typeof endpoint === "number" ? `#${endpoint}` : endpoint}|${stableStringify(args ?? [])}`;
}

function stableStringify(value: unknown): string {
  if (value === null || typeof value !== "object") {
    return value === undefined ? "undefined" : (JSON.stringify(value) ?? String(value));
  }
  if (value instanceof URL) return `url(${JSON.stringify(value.href)})`;
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return `obj#${identity(value)}`;
  const entries = Object.keys(value)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${stableStringify((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(",")}}`;
}

function identity(value: object): number {
  let id = objectIds.get(value);
  if (id === undefined) {
    id = nextObjectId++;
    objectIds.set(value, id);
  }
  return id;
}
