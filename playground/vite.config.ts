/**
 * The playground: a multi-page Vite app. Every page gets `<meta name="gradio-url">` (the app to talk to: `GRADIO_URL`,
 * default the embedded test server) and `<meta name="gradio-work-url">` (the cancel page's work app:
 * `GRADIO_WORK_URL`, default the embedded one), and the classic page gets its two classic scripts: core's IIFE build and this
 * playground's UI built as an IIFE (see `classicScripts`).
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import react from "@vitejs/plugin-react";
import vue from "@vitejs/plugin-vue";
import { build, defaultClientConditions, defineConfig, type Plugin } from "vite";

const here = dirname(fileURLToPath(import.meta.url));
const coreIife = resolve(here, "../packages/core/dist/gradio-jobs.iife.js");
/** What the IIFE loads on its first connect (`import("./cdn/engine.js")` next to it). */
const coreCdn = resolve(here, "../packages/core/dist/cdn");
const gradioUrl = process.env.GRADIO_URL || "http://127.0.0.1:7860";
const gradioWorkUrl = process.env.GRADIO_WORK_URL || "http://127.0.0.1:7870";
/** The streaming-inputs page's app (conformance/apps/stream.py or `startTestServer({ app: "stream" })`). */
const gradioStreamUrl = process.env.GRADIO_STREAM_URL || "http://127.0.0.1:7880";
const pages = [
  "index",
  "react/index",
  "vue/index",
  "svelte/index",
  "vanilla/index",
  "classic/index",
  "worker/index",
  "contract/index",
  "cancel/index",
  "stream/index",
];

/** Core's IIFE, built by `corepack pnpm --filter @gradio-jobs/core build`. */
function readCoreIife(): string {
  try {
    return readFileSync(coreIife, "utf8");
  } catch {
    throw new Error(
      `${coreIife} is missing: build core first (corepack pnpm --filter @gradio-jobs/core build); scripts/dev.sh does.`,
    );
  }
}

/** The classic page's UI (src/classic/ui-global.ts) as one IIFE, global `PlaygroundUI`; it does not contain core. */
async function buildClassicUi(): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: "warn",
    resolve: { conditions: ["source", ...defaultClientConditions] },
    build: {
      write: false,
      minify: false,
      emptyOutDir: false,
      lib: {
        entry: resolve(here, "src/classic/ui-global.ts"),
        formats: ["iife"],
        name: "PlaygroundUI",
        fileName: () => "playground-ui.js",
      },
    },
  });
  const outputs = Array.isArray(result) ? result : [result];
  for (const output of outputs) {
    if (!("output" in output)) continue;
    for (const chunk of output.output) if (chunk.type === "chunk") return chunk.code;
  }
  throw new Error("the classic UI build produced no script");
}

/** Core's `dist/cdn/` files (the engine the IIFE loads on first connect), by their path under `classic/`. */
function coreCdnScripts(): Record<string, () => string> {
  const files = readdirSync(coreCdn).filter((name) => name.endsWith(".js"));
  return Object.fromEntries(
    files.map((name) => [`classic/cdn/${name}`, () => readFileSync(resolve(coreCdn, name), "utf8")]),
  );
}

/**
 * Serves (dev) and emits (build) `classic/gradio-jobs.iife.js`, the `classic/cdn/` files it loads on first connect,
 * and `classic/playground-ui.js`.
 */
function classicScripts(): Plugin {
  const scripts: Record<string, () => string | Promise<string>> = {
    "classic/gradio-jobs.iife.js": readCoreIife,
    "classic/playground-ui.js": buildClassicUi,
  };
  const scriptAt = (path: string) =>
    scripts[path] ?? (path.startsWith("classic/cdn/") ? coreCdnScripts()[path] : undefined);
  return {
    name: "playground:classic-scripts",
    configureServer(server) {
      server.middlewares.use(async (request, response, next) => {
        const path = request.url?.split("?")[0]?.replace(/^\//, "") ?? "";
        const script = scriptAt(path);
        if (!script) return next();
        try {
          const code = await script();
          response.setHeader("content-type", "text/javascript; charset=utf-8");
          response.end(code);
        } catch (error) {
          next(error);
        }
      });
    },
    async generateBundle() {
      for (const [fileName, script] of Object.entries({ ...scripts, ...coreCdnScripts() })) {
        this.emitFile({ type: "asset", fileName, source: await script() });
      }
    },
  };
}

/**
 * `<meta name="gradio-url">` on every page: where the pages connect unless `?server=` says otherwise; and
 * `<meta name="gradio-work-url">`: where the cancel page connects unless `?work=` says otherwise.
 */
function gradioUrlMeta(): Plugin {
  return {
    name: "playground:gradio-url",
    transformIndexHtml: () => [
      { tag: "meta", attrs: { name: "gradio-url", content: gradioUrl }, injectTo: "head" },
      { tag: "meta", attrs: { name: "gradio-work-url", content: gradioWorkUrl }, injectTo: "head" },
      { tag: "meta", attrs: { name: "gradio-stream-url", content: gradioStreamUrl }, injectTo: "head" },
    ],
  };
}

export default defineConfig({
  root: here,
  appType: "mpa",
  // Workspace packages resolve to their src/ (the `source` export condition): no build needed, edits reload.
  resolve: { conditions: ["source", ...defaultClientConditions] },
  plugins: [react(), vue(), svelte(), gradioUrlMeta(), classicScripts()],
  worker: { format: "es" },
  server: { host: "127.0.0.1", port: 5173, strictPort: true },
  preview: { host: "127.0.0.1", port: 4173, strictPort: true },
  build: {
    target: "es2022",
    rollupOptions: { input: Object.fromEntries(pages.map((page) => [page, resolve(here, `${page}.html`)])) },
  },
});
