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
 * 14,8xx B, with its parts 17,820 B, IIFE 1,745 B (+ 13,7xx B of engine on first connect). Budgets: those + ~2–5 %.
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
    limit: "15300 B",
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
    limit: "18300 B",
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
    limit: "1900 B",
    disablePlugins: ["@size-limit/esbuild"],
  },
  {
    name: "IIFE's first connect: dist/cdn/engine.js and its chunk",
    path: ["../packages/core/dist/cdn/engine.js", "../packages/core/dist/cdn/engine-core-*.js"],
    gzip: true,
    limit: "14300 B",
    disablePlugins: ["@size-limit/esbuild"],
  },
];
