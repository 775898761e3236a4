import { defineConfig } from "tsdown";
import { esmLibrary } from "../../tsdown.shared.js";

// The shared ESM + .d.ts build; the framework, @gradio-jobs/core and nanostores stay external (peer dependencies).
export default defineConfig(esmLibrary({ index: "src/index.ts" }));
