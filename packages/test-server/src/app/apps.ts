import type { AppName } from "../options.js";
import type { TestApp } from "./app.js";
import { buildDemoApp } from "./demo-app.js";
import { buildRenderApp } from "./render-app.js";
import { buildStreamApp } from "./stream-app.js";
import { buildWorkApp } from "./work-app.js";

/**
 * Builds the app a server serves: "demo" (the transcripts' demo app and test-only extras), "work" (the run
 * log app of conformance/apps/work.py), "stream" (the streaming-inputs app of conformance/apps/stream.py) or
 * "render" (the `gr.render` app of conformance/apps/render.py).
 *
 * @example
 * const app = buildApp("work");
 * app.endpoints.map((e) => e.apiName); // ["work", "work_stream", "stateful_work", "runs", …]
 */
export function buildApp(name: AppName): TestApp {
  if (name === "stream") return buildStreamApp();
  if (name === "render") return buildRenderApp();
  return name === "work" ? buildWorkApp() : buildDemoApp();
}
