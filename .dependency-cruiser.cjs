/**
 * The import direction of @gradio-jobs/core's layers, checked by dependency-cruiser in the test command
 * (`corepack pnpm check:layers`). Data flows one way, and a layer may import only the ones below it:
 *
 *   errors.ts  (the typed errors every layer throws)
 *   wire/      SSE framing, message decoding, diffs, per-version traits, what /config says about endpoints
 *   http/      requests with the app's credentials, redirects, files, uploads
 *   session/   the multiplexed stream per session, the cancel policy, extra sessions, the heartbeat
 *   job/       status, the pure lifecycle, Job, job messages, submission and its transports
 *   client/    Client, typed API, app resolution, Hub, login
 *   bindings/, codegen/   what framework adapters share; the types generator and its CLI
 *   index.ts, cdn/        the entries (cdn/: the IIFE and the engine it loads)
 *
 * The patterns match `src/<layer>/` anywhere, so the same rules also run on the fixture tree of
 * packages/test-utils/fixtures/layers (a deliberate upward import that must fail).
 */
const layers = ["wire", "http", "session", "job", "client", "bindings", "codegen"];
const rank = { wire: 0, http: 1, session: 2, job: 3, client: 4, bindings: 5, codegen: 5 };

/** One rule per layer: it may not import a layer ranked above it (bindings and codegen not each other either). */
const upward = layers.map((layer) => ({
  name: `${layer}-imports-only-lower-layers`,
  comment: `src/${layer}/ may import errors.ts and the layers below it, not ${layers
    .filter((other) => other !== layer && rank[other] >= rank[layer])
    .join(", ")} or the entries.`,
  severity: "error",
  from: { path: `(^|/)src/${layer}/` },
  to: {
    path: `(^|/)src/(${layers
      .filter((other) => other !== layer && rank[other] >= rank[layer])
      .join("|")})/|(^|/)src/index\\.ts$|(^|/)src/cdn/`,
  },
}));

module.exports = {
  forbidden: [
    ...upward,
    {
      name: "errors-imports-nothing",
      comment: "errors.ts is the bottom: it imports no other module of core.",
      severity: "error",
      from: { path: "(^|/)src/errors\\.ts$" },
      to: { path: "(^|/)src/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "\\.test(-d)?\\.tsx?$|node_modules|/dist/" },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["source", "import", "types"] },
  },
};
