/**
 * Entry of the IIFE bundle for classic `<script>` tags: `@gradio-jobs/core`'s user API on the global `GradioJobs`.
 * Like `import { Client }`, the file holds only what a page needs before it connects (the `Client` class, the typed
 * errors, `Status`, `isDone`, `isFileData`); the first `GradioJobs.Client.connect` loads the rest — `cdn/engine.js`
 * next to this file, an ES module with nanostores bundled (see `engine.ts`). `import()` in a classic script resolves
 * against the script's own URL, so this works from any CDN or directory that serves `dist/` as it is, in pages and
 * in workers (`importScripts`). The class `Job` is not on the global: jobs come from `client.submit`. The helpers
 * for framework bindings (`@gradio-jobs/core/bindings`) are not in it either: the React and Vue adapters are ES
 * modules that import core's ES modules, never this file.
 *
 * @example
 * ```html
 * <script src="https://cdn.jsdelivr.net/npm/@gradio-jobs/core/dist/gradio-jobs.iife.js"></script>
 * <script>
 *   GradioJobs.Client.connect("http://127.0.0.1:7860").then(async (client) => {
 *     const job = client.submit("/predict", [4, "add", 5]);
 *     job.$status.subscribe((s) => console.log(s.code));
 *     console.log(await job.result()); // [9]
 *   });
 * </script>
 * ```
 * @module
 */
export {
  AppError,
  AppRestartedError,
  AuthError,
  CancelledError,
  Client,
  ConnectionError,
  EndpointNotFoundError,
  FileTooLargeError,
  GradioJobsError,
  HttpError,
  InputError,
  isDone,
  isFileData,
  MediaEndedError,
  ProtocolError,
  QueueFullError,
  SpaceError,
  Status,
  StreamClosedError,
  TimeoutError,
} from "../index.js";

import { Client } from "../client/client.js";
import * as errors from "../errors.js";
import { hostKey } from "./host-key.js";

// What cdn/engine.js takes from this bundle instead of its own copies: the very classes users see on the global.
(globalThis as Record<symbol, unknown>)[hostKey] = { ...errors, Client };
