import { defineConfig } from "tsdown";

// ESM + .d.ts; react/vue, @gradio-jobs/core and nanostores stay external (peer dependencies).
export default defineConfig({
  entry: { index: "src/index.ts" },
  format: "esm",
  dts: true,
  platform: "neutral",
  target: "es2022",
  clean: true,
});
