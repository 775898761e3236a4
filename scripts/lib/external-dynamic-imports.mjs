/**
 * esbuild plugin: every dynamic `import()` stays an `import()` of an external file, so a bundle holds only what is
 * loaded at start. The size budgets (scripts/.size-limit.js) and the bench's size rows (bench/lib/size.mjs) measure
 * both clients this way; the parts loaded on first use are measured separately.
 */
export const externalDynamicImports = {
  name: "external-dynamic-imports",
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) =>
      args.kind === "dynamic-import" ? { path: args.path, external: true } : undefined,
    );
  },
};
