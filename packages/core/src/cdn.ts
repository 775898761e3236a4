/**
 * Entry of the IIFE bundle for classic `<script>` tags: `@gradio-jobs/core` on the global `GradioJobs`, nanostores
 * included, except the helpers for framework bindings (`JobRegistry`, `sharedJobs`, `jobView`): the React and Vue
 * adapters are ES modules that import core's ES module, never this file, and leaving them out saves ~840 B gz.
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
  applyDiff,
  CancelledError,
  Client,
  ConnectionError,
  EndpointNotFoundError,
  FileTooLargeError,
  GradioJobsError,
  HttpError,
  InputError,
  isFileData,
  isFinalStage,
  Job,
  jobKey,
  newSessionHash,
  ProtocolError,
  QueueFullError,
  resolveApp,
  Status,
  TimeoutError,
} from "./index.js";
