import type { AppName } from "../options.js";
import type { TestApp } from "./app.js";
import { buildDemoApp } from "./demo-app.js";
import { buildWorkApp } from "./work-app.js";

/**
 * Builds the app a server serves: "demo" (the transcripts' demo app and test-only extras) or "work" (the run
 * log app of conformance/apps/work.py).
 *
 * @example
 * const app = buildApp("work");
 * app.endpoints.map((e) => e.apiName); // ["work", "work_stream", "stateful_work", "runs", …]
 */
export function buildApp(name: AppName): TestApp {
  return name === "work" ? buildWorkApp() : buildDemoApp();
}
