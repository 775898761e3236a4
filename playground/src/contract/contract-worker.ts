/**
 * Runs the contract scenarios inside a module Web Worker, where core has no `window`, no `document` and no
 * `EventSource`: the session's event stream must work on `fetch` alone. Also reports whether core read `window` or
 * `document` there.
 * @module
 */

// First: the trap must be set before any other module body runs (they run in import order).
import "../worker/trap-globals.js";
import * as sdk from "@gradio-jobs/core";
import type { WorkerScope } from "../worker/protocol.js";
import { touched } from "../worker/trap-globals.js";
import type { ScenarioName } from "./names.js";
import { runScenario } from "./run.js";

const scope = self as unknown as WorkerScope;

scope.addEventListener(
  "message",
  async (event: MessageEvent<{ name: ScenarioName; url: string } | "globals">) => {
    if (event.data === "globals") scope.postMessage({ touched });
    else scope.postMessage(await runScenario(event.data.name, "worker", { sdk, url: event.data.url }));
  },
);
