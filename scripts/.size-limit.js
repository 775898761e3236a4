/**
 * size-limit budgets, checked by `node scripts/check-packages.mjs` in the test command.
 *
 * Targets: `import { Client }` loaded at start ≤ 0.6× the official client's (issue #14; bench/RESULTS.md measures
 * both in the same run), each adapter ≤ 800 B gz, the IIFE ≤ 10,000 B gz. Since issue #14 the start is the `Client`
 * class and `Client.connect`, which loads the implementation on first use (client/connected-client.ts); the IIFE
 * likewise loads dist/cdn/engine.js on its first connect. What a first job needs (start + that implementation) and
 * everything with the rarer parts are gated too, so that growth anywhere fails until it is justified here.
 *
 * History: issue #13 (cancels that stop the server's work) grew the start 12,672 → 14,308 B and the IIFE
 * 14,370 → 16,437 B; the layer refactor, Gradio 6.12+ metadata and clearer connect errors brought the start to
 * 14,785 B, with its parts 17,760 B, the IIFE 17,194 B. The facade (issue #14): at start 722 B, once connected
 * 15,036 B, with its parts 17,820 B, IIFE 1,745 B (+ 13,751 B of engine on first connect).
 *
 * Justified growth, issue #15 (everything the official client does): at start +20 B (742 B; the issue allows
 * +300 B). Once connected 15,036 → 17,599 B: what every client carries for features that cannot wait for first use —
 * connect/join timeouts and their messages, query parameters, cookies and oauthToken on requests, the app-restart
 * watch on lost streams and joins, gr.render's endpoint updates and `$endpoints`/`$restarted`, `refresh()`, upload
 * progress on the status, Space detection on connect, and the glue of `stream()`, `download()` and `duplicate()`.
 * Their bodies load on first use (streaming inputs 3.8 kB and the media feed 2.9 kB, Space status and duplicate,
 * ZeroGPU, downloads, upload progress, the app-id check): with its parts 26,838 B. The IIFE +320 B (four new error
 * classes it must share with its engine), its engine 16,178 B. Budgets: those + ~2 %.
 */
import { externalDynamicImports, externalDynamicImportsExcept } from "./lib/external-dynamic-imports.mjs";

export default [
  {
    name: "@gradio-jobs/core import { Client }, loaded at start (issue target: 0.6x the official client's)",
    path: "../packages/core/dist/index.js",
    import: "{ Client }",
    gzip: true,
    limit: "800 B",
    modifyEsbuildConfig: (config) => ({
      ...config,
      plugins: [...(config.plugins ?? []), externalDynamicImports],
    }),
  },
  {
    name: "@gradio-jobs/core import { Client } once Client.connect loaded the implementation (a first job's needs)",
    path: "../packages/core/dist/index.js",
    import: "{ Client }",
    gzip: true,
    limit: "17950 B",
    modifyEsbuildConfig: (config) => ({
      ...config,
      plugins: [...(config.plugins ?? []), externalDynamicImportsExcept(/connected-client/)],
    }),
  },
  {
    name: "@gradio-jobs/core import { Client } with the parts it loads on first use",
    path: "../packages/core/dist/index.js",
    import: "{ Client }",
    gzip: true,
    limit: "27400 B",
  },
  {
    name: "@gradio-jobs/react alone (core, nanostores, react external)",
    path: "../packages/react/dist/index.js",
    import: "*",
    ignore: ["@gradio-jobs/core", "nanostores", "react", "react-dom"],
    gzip: true,
    limit: "800 B",
  },
  {
    name: "@gradio-jobs/vue alone (core, nanostores, vue external)",
    path: "../packages/vue/dist/index.js",
    import: "*",
    ignore: ["@gradio-jobs/core", "nanostores", "vue"],
    gzip: true,
    limit: "800 B",
  },
  {
    name: "@gradio-jobs/svelte alone (core, nanostores, svelte external)",
    path: "../packages/svelte/dist/index.js",
    import: "*",
    ignore: ["@gradio-jobs/core", "nanostores", "svelte"],
    gzip: true,
    limit: "800 B",
  },
  {
    // Issue #17: the mock's browser entry (what MSW and service workers load) ≤ 15 kB gz, nothing Node-only in it.
    name: "@gradio-jobs/mock browser entry, all of it (issue target 15 kB)",
    path: "../packages/mock/dist/index.js",
    import: "*",
    gzip: true,
    limit: "15 kB",
  },
  {
    name: "IIFE dist/gradio-jobs.iife.js as shipped (issue target 10000 B)",
    path: "../packages/core/dist/gradio-jobs.iife.js",
    gzip: true,
    limit: "2110 B",
    disablePlugins: ["@size-limit/esbuild"],
  },
  {
    name: "IIFE's first connect: dist/cdn/engine.js and its chunk",
    path: ["../packages/core/dist/cdn/engine.js", "../packages/core/dist/cdn/engine-core-*.js"],
    gzip: true,
    limit: "16500 B",
    disablePlugins: ["@size-limit/esbuild"],
  },
];
