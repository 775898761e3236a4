#!/usr/bin/env node
// The `gradio-jobs` bin (`npx gradio-jobs types <app>`): runs the built dist/cli.js. A committed file rather than
// dist/cli.js itself, so that package managers can link the bin before the package is built (in this workspace,
// right after `pnpm install`, which otherwise warns "Failed to create bin … dist/cli.js" once per dependent).
try {
  await import("../dist/cli.js");
} catch (error) {
  if (error?.code !== "ERR_MODULE_NOT_FOUND" || !String(error.message).includes("dist/cli.js")) throw error;
  process.stderr.write(
    "gradio-jobs: dist/cli.js is missing; build first: corepack pnpm --filter @gradio-jobs/core build\n",
  );
  process.exitCode = 1;
}
