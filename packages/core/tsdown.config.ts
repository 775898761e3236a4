import { defineConfig } from "tsdown";
import { esmLibrary } from "../../tsdown.shared.js";

const bundleSse = [/^@microsoft\/fetch-event-source(\/|$)/];

/**
 * What index.js and the parts loaded on first use share: core's source (not its .d.ts) and the bundled SSE parser,
 * except the modules that something imports with `import()` (upload.ts, hub.ts…): each of those stays a chunk of
 * its own, fetched when first needed.
 */
function sharedChunkOf(
  id: string,
  // rolldown's ChunkingContext (rolldown is tsdown's dependency, not core's).
  ctx: { getModuleInfo(id: string): { dynamicImporters: readonly string[] } | null },
): string | null {
  if (id.includes("fetch-event-source")) return "shared";
  if (!/[\\/]src[\\/]/.test(id) || id.endsWith(".d.ts")) return null;
  // What only the bindings entry uses stays in bindings.js: `import { Client }` never loads it.
  if (/[\\/]src[\\/]bindings[\\/]/.test(id)) return null;
  return (ctx.getModuleInfo(id)?.dynamicImporters.length ?? 0) > 0 ? null : "shared";
}

/**
 * For single-file builds (IIFE, CLI): `import("./x.js")` becomes a static import of the same module, so the bundler
 * hoists it like any other instead of wrapping every module it touches in lazy initialisers (~200 B gz in the IIFE).
 * The npm ESM build keeps the real `import()` and its chunks: apps then load those parts on first use. Kept because it
 * is measured: the IIFE is 174 B gz smaller with it (16,640 vs 16,814 B), and rolldown's `inlineDynamicImports`
 * option gives the same 16,814 B as no plugin.
 */
const inlineLazyImports = {
  name: "inline-lazy-imports",
  transform(code: string, id: string) {
    if (!id.includes("/src/") || !code.includes("import(")) return undefined;
    const hoisted: string[] = [];
    const out = code.replace(/\bimport\(\s*(["'])(\.{1,2}\/[^"']+)\1\s*\)/g, (_match, quote, path) => {
      const name = `lazyModule${hoisted.length}`;
      hoisted.push(`import * as ${name} from ${quote}${path}${quote};`);
      return `Promise.resolve(${name})`;
    });
    return hoisted.length > 0 ? { code: `${hoisted.join("\n")}\n${out}`, map: null } : undefined;
  },
};

export default defineConfig([
  esmLibrary(
    { index: "src/index.ts", bindings: "src/bindings/index.ts" },
    {
      deps: { alwaysBundle: bundleSse },
      // index.js and bindings.js export only their public API; what they share with each other and with the parts
      // loaded on first use (upload.ts, hub.ts…) goes to one internal chunk instead of a chunk per module.
      inputOptions: { preserveEntrySignatures: "strict" },
      outputOptions: {
        codeSplitting: {
          groups: [{ name: sharedChunkOf }],
        },
      },
    },
  ),
  {
    entry: { "gradio-jobs": "src/cdn.ts" },
    format: "iife",
    globalName: "GradioJobs",
    platform: "browser",
    target: "es2022",
    minify: true,
    dts: false,
    clean: false,
    deps: { alwaysBundle: [/.*/] },
    plugins: [inlineLazyImports],
  },
  {
    // The `gradio-jobs` bin (`gradio-jobs types <app>`): self-contained, so `npx` needs nothing else installed.
    entry: { cli: "src/codegen/cli.ts" },
    format: "esm",
    platform: "node",
    target: "node18",
    fixedExtension: false,
    dts: false,
    clean: false,
    deps: { alwaysBundle: [/.*/] },
    plugins: [inlineLazyImports],
  },
]);
