/**
 * esbuild plugin: every dynamic `import()` stays an `import()` of an external file, so a bundle holds only what is
 * loaded at start. The size budgets (scripts/.size-limit.js) and the bench's size rows (bench/lib/size.mjs) measure
 * both clients this way; the parts loaded on first use are measured separately.
 */
export const externalDynamicImports = externalDynamicImportsExcept(null);

/**
 * The same, except `import()`s whose path matches `inline`: those are bundled like static imports. With
 * `/connected-client/` it measures what a page has loaded once `Client.connect` resolved.
 */
export function externalDynamicImportsExcept(inline) {
  return {
    name: "external-dynamic-imports",
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) =>
        args.kind === "dynamic-import" && !inline?.test(args.path)
          ? { path: args.path, external: true }
          : undefined,
      );
    },
  };
}
