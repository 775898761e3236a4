/**
 * size-limit budgets (issue #7), checked by `node scripts/check-packages.mjs` in the test command.
 *
 * The targets are core ≤ 5,500 B gz (`import { Client }` with its dependencies), each adapter ≤ 800 B gz and
 * the IIFE ≤ 7,000 B gz. The adapters meet theirs. Core and the IIFE do not (see bench/RESULTS.md for why, with the
 * numbers): their budgets are today's sizes plus ~2 %, so that any growth fails the build until it is justified here.
 *
 * Justified growth, issue #13 (cancels that stop the server's work): at start 12,672 → 14,308 B, with its parts
 * 14,623 → 16,916 B, IIFE 14,370 → 16,437 B — the extra sessions and their budget (session-pool), the cancel policy
 * table, cancel outcomes and retries in the session stream, diff-chain bases for generators re-run after a cancel.
 * The heartbeat and the wording of unusual cancel outcomes load on first use. Issue #14 plans the smaller start.
 *
 * Justified growth, same day: the layer refactor and the ./bindings entry (at start 14,308 → 14,488 B: shared-chunk
 * exports), Gradio 6.12+ completion metadata and onDone (#15: +153 B), connect errors a newcomer understands (#16:
 * +144 B at start; their long texts load only when connecting fails, +376 B with the parts). At start 14,785 B,
 * with its parts 17,760 B, IIFE 17,194 B; the budgets are those + ~2 %.
 */
import { externalDynamicImports } from "./lib/external-dynamic-imports.mjs";

export default [
  {
    name: "@gradio-jobs/core import { Client }, loaded at start (issue target 5500 B)",
    path: "../packages/core/dist/index.js",
    import: "{ Client }",
    gzip: true,
    limit: "15100 B",
    modifyEsbuildConfig: (config) => ({
      ...config,
      plugins: [...(config.plugins ?? []), externalDynamicImports],
    }),
  },
  {
    name: "@gradio-jobs/core import { Client } with the parts it loads on first use",
    path: "../packages/core/dist/index.js",
    import: "{ Client }",
    gzip: true,
    limit: "18100 B",
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
    name: "IIFE dist/gradio-jobs.iife.js as shipped (issue target 7000 B)",
    path: "../packages/core/dist/gradio-jobs.iife.js",
    gzip: true,
    limit: "17550 B",
    disablePlugins: ["@size-limit/esbuild"],
  },
];
