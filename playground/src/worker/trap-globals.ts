/**
 * Imported first by the worker: records every read of `window` or `document` (even `typeof window`) from here on,
 * so the page can show that nothing in core touches them. A worker has neither; reading the trap gives `undefined`
 * as before.
 * @module
 */
export const touched: string[] = [];

for (const name of ["window", "document"]) {
  Object.defineProperty(globalThis, name, {
    configurable: true,
    get() {
      const where = new Error().stack?.split("\n")[2]?.trim() ?? "";
      touched.push(`${name} ${where}`);
      return undefined;
    },
  });
}
