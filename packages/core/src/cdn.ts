/**
 * Entry of the IIFE bundle for classic `<script>` tags: `@gradio-jobs/core`'s user API on the global `GradioJobs`,
 * nanostores included. The helpers for framework bindings (`@gradio-jobs/core/bindings`) are not in it: the React
 * and Vue adapters are ES modules that import core's ES modules, never this file.
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
  Job,
  ProtocolError,
  QueueFullError,
  Status,
  TimeoutError,
} from "./index.js";
