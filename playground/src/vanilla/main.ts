// The vanilla page: core imported as an ES module, its nanostores read directly (see shared/backend.ts).
import * as core from "@gradio-jobs/core";
import { mountPlayground } from "../dom/playground.js";
import { directBackend } from "../shared/backend.js";

mountPlayground(
  document.getElementById("app") as HTMLElement,
  directBackend(core, "page: ES module, nanostores"),
);
