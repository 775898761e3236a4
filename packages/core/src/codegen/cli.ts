#!/usr/bin/env node
/**
 * The `gradio-jobs` bin: `npx gradio-jobs types <url-or-space> > src/gradio-api.d.ts`. See {@link runCli}.
 * @module
 */
import { runCli } from "./cli-run.js";

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
