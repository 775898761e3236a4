import { defineConfig } from "tsdown";

const bundleSse = [/^@microsoft\/fetch-event-source(\/|$)/];

export default defineConfig([
  {
    entry: { index: "src/index.ts" },
    format: "esm",
    dts: true,
    platform: "neutral",
    target: "es2022",
    clean: true,
    deps: { alwaysBundle: bundleSse },
    inputOptions: { preserveEntrySignatures: "allow-extension" },
  },
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
  },
  {
    // The `gradio-jobs` bin (`gradio-jobs types <app>`): self-contained, so `npx` needs nothing else installed.
    entry: { cli: "src/cli.ts" },
    format: "esm",
    platform: "node",
    target: "node18",
    fixedExtension: false,
    dts: false,
    clean: false,
    deps: { alwaysBundle: [/.*/] },
    outputOptions: { codeSplitting: false },
  },
]);
