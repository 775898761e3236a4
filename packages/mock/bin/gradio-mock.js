#!/usr/bin/env node
// The `gradio-mock` bin (`npx gradio-mock app.ts --port 7860`): runs the built dist/cli.js. A committed file rather
// than dist/cli.js itself, so that package managers can link the bin before the package is built.
try {
  await import("../dist/cli.js");
} catch (error) {
  if (error?.code !== "ERR_MODULE_NOT_FOUND" || !String(error.message).includes("dist/cli.js")) throw error;
  process.stderr.write(
    "gradio-mock: dist/cli.js is missing; build first: corepack pnpm --filter @gradio-jobs/mock build\n",
  );
  process.exitCode = 1;
}
