/**
 * `@gradio-jobs/core`: a small, typed Gradio client. Submit jobs, watch their queue position, eta, progress and
 * streamed outputs as nanostores, cancel them, and get typed results and typed errors.
 * @module
 */
export { Client, type ClientOptions, type SubmitOptions } from "./client.js";
export type {
  ConfigComponent,
  ConfigDependency,
  EndpointArguments,
  EndpointInfo,
  GradioConfig,
  ParameterInfo,
  ReturnInfo,
} from "./endpoints.js";
export {
  AppError,
  AuthError,
  CancelledError,
  ConnectionError,
  EndpointNotFoundError,
  type ErrorCode,
  FileTooLargeError,
  GradioJobsError,
  HttpError,
  InputError,
  ProtocolError,
  QueueFullError,
  TimeoutError,
} from "./errors.js";
export { type FileData, type FileInput, isFileData } from "./files.js";
export type { FetchLike } from "./http.js";
export { type IterateOptions, Job, type JobCallbacks, type Outputs, type ResultOptions } from "./job.js";
export { jobKey } from "./job-key.js";
export { applyDiff, type DiffOperation } from "./protocol/diff.js";
export { newSessionHash } from "./protocol/session-hash.js";
export type { Isolation } from "./protocol/session-pool.js";
export { type ResolvedApp, resolveApp } from "./resolve.js";
// --- For UI bindings (@gradio-jobs/react, @gradio-jobs/vue): one job per distinct call, frame-batched job state ---
export {
  type JobBindingOptions,
  JobRegistry,
  type JobRegistryOptions,
  type JobState,
  type JobView,
  jobView,
  type ReleaseJob,
  type ShareOptions,
  sharedJobs,
} from "./shared-jobs.js";
export {
  isFinalStage,
  type JobStage,
  type LogMessage,
  type ProgressUnit,
  Status,
  type StatusCode,
  type StatusUpdate,
} from "./status.js";
export type {
  ApiDescription,
  EndpointArgs,
  EndpointCall,
  EndpointName,
  EndpointReturns,
  EndpointTypes,
  FileArg,
  UncheckedCall,
  UncheckedEndpoint,
  UntypedApi,
} from "./typed-api.js";
