import { fileURLToPath, pathToFileURL } from "node:url";
import { defineConfig } from "tsdown";
import { esmLibrary } from "../../tsdown.shared.js";

/** The part of rolldown's module graph that chunking reads (rolldown is tsdown's dependency, not core's). */
interface ModuleGraph {
  getModuleInfo(
    id: string,
  ): { importers: readonly string[]; dynamicImporters: readonly string[]; isEntry: boolean } | null;
}

/**
 * Whether `root` imports `id` statically, directly or through other static imports (an `import()` on the way does not
 * count: what it loads comes later).
 */
function importedStatically(id: string, root: RegExp, graph: ModuleGraph, seen = new Set<string>()): boolean {
  if (root.test(id)) return true;
  if (seen.has(id)) return false;
  seen.add(id);
  return (graph.getModuleInfo(id)?.importers ?? []).some((importer) =>
    importedStatically(importer, root, graph, seen),
  );
}

/**
 * Three kinds of chunks besides the entries: `shared` holds what `index.js` needs at start (the `Client` facade, the
 * errors); `engine` holds what `Client.connect` loads with the implementation (`connected-client.ts` and what it
 * imports statically: HTTP, sessions, jobs); the parts loaded on first use (upload.ts, hub.ts, stream-job.ts…) and
 * what only they import are left to rolldown, which makes them chunks of their own, fetched when first needed. What
 * only the bindings entry uses stays in bindings.js, and what only the node entry uses (it imports `node:fs`) in
 * node.js, out of every chunk a browser loads.
 */
function chunkOf(id: string, graph: ModuleGraph): string | null {
  const ours = /[\\/]src[\\/]/.test(id) && !id.endsWith(".d.ts");
  if (!ours || /[\\/]src[\\/](bindings[\\/]|node\.ts$|http[\\/]node-files\.ts$)/.test(id)) return null;
  if (importedStatically(id, /[\\/]src[\\/]index\.ts$/, graph)) return "shared";
  // connected-client.ts itself stays the chunk `import()` names (in a group, rolldown merges `shared` into it).
  const implementation = /[\\/]src[\\/]client[\\/]connected-client\.ts$/;
  return !implementation.test(id) && importedStatically(id, implementation, graph) ? "engine" : null;
}

const source = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

/**
 * The IIFE holds what a page needs before it connects; `Client.connect`'s `import("./connected-client.js")` becomes
 * `import("./cdn/engine.js")`, left for the browser to resolve against the script's URL.
 */
const engineFromCdn = {
  name: "engine-from-cdn",
  resolveId(specifier: string, importer: string | undefined) {
    if (specifier === "./connected-client.js" && importer === source("client/client.ts")) {
      return { id: "./cdn/engine.js", external: true };
    }
    return null;
  },
};

/** In `cdn/engine.js`, errors.ts and the `Client` class come from the IIFE that loaded it (see src/cdn/host.ts). */
const hostFromIife = {
  name: "host-from-iife",
  resolveId(specifier: string, importer: string | undefined) {
    if (!importer || importer === source("cdn/host.ts") || !specifier.startsWith(".")) return null;
    const target = fileURLToPath(new URL(specifier.replace(/\.js$/, ".ts"), pathToFileURL(importer)));
    return target === source("errors.ts") || target === source("client/client.ts")
      ? source("cdn/host.ts")
      : null;
  },
};

/** Browser builds for a CDN: minified, with every dependency bundled. */
const cdnBuild = { platform: "browser", target: "es2022", minify: true, dts: false, clean: false } as const;

export default defineConfig([
  esmLibrary(
    { index: "src/index.ts", bindings: "src/bindings/index.ts", node: "src/node.ts" },
    {
      // node.js imports Node's built-ins (`node:fs`…); the runtime provides them.
      deps: { neverBundle: [/^node:/] },
      // index.js and bindings.js export only their public API; the rest goes to the few chunks `chunkOf` names
      // instead of a chunk per module.
      inputOptions: { preserveEntrySignatures: "strict" },
      outputOptions: {
        codeSplitting: {
          groups: [{ name: chunkOf }],
        },
      },
    },
  ),
  {
    ...cdnBuild,
    entry: { "gradio-jobs": "src/cdn/iife.ts" },
    format: "iife",
    globalName: "GradioJobs",
    deps: { alwaysBundle: [/.*/] },
    plugins: [engineFromCdn],
  },
  {
    // What the IIFE loads on first connect: an ES module (with its own lazy parts as chunks) in dist/cdn/.
    ...cdnBuild,
    entry: { engine: "src/cdn/engine.ts" },
    format: "esm",
    outDir: "dist/cdn",
    deps: { alwaysBundle: [/.*/] },
    plugins: [hostFromIife],
    // engine.js and one chunk with all it needs at once; the parts it loads on first use (upload, login…) apart.
    outputOptions: {
      codeSplitting: {
        groups: [
          {
            name: (id: string, graph: ModuleGraph) =>
              importedStatically(id, /[\\/]src[\\/]cdn[\\/]engine\.ts$/, graph) ? "engine-core" : null,
          },
        ],
      },
    },
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
    // One file, whatever the sources load lazily.
    outputOptions: { codeSplitting: false },
  },
]);
