/**
 * `@gradio-jobs/core`: a small, typed Gradio client. Submit jobs, watch their queue position, eta, progress and
 * streamed outputs as nanostores, cancel them, and get typed results and typed errors.
 *
 * This entry is the user API. What framework bindings share (`sharedJobs`, `jobView`, `JobState`…) is on
 * `@gradio-jobs/core/bindings`.
 * @module
 */
export {
  Client,
  type ClientOptions,
  type StreamOptions,
  type SubmitOptions,
  type UploadOptions,
} from "./client/client.js";
export type { DuplicateOptions } from "./client/duplicate.js";
export type { SpaceStage, SpaceStatus } from "./client/space-status.js";
export type {
  ApiDescription,
  EndpointArgs,
  EndpointCall,
  EndpointName,
  EndpointReturns,
  EndpointTypes,
  FileArg,
  NamedArguments,
  NoNamedArguments,
  PositionalArguments,
  SubmitArguments,
  SubmitEndpoint,
  SubmitReturns,
  TooManyArguments,
  UncheckedArguments,
  UncheckedCall,
  UncheckedEndpoint,
  UntypedApi,
} from "./client/typed-api.js";
export {
  AppError,
  AppRestartedError,
  AuthError,
  CancelledError,
  ConnectionError,
  EndpointNotFoundError,
  type ErrorCode,
  FileTooLargeError,
  GradioJobsError,
  HttpError,
  InputError,
  MediaEndedError,
  ProtocolError,
  QueueFullError,
  SpaceError,
  StreamClosedError,
  TimeoutError,
} from "./errors.js";
export { type FileData, type FileInput, isFileData, type UploadProgress } from "./http/files.js";
export type { FetchLike } from "./http/http.js";
export { type IterateOptions, Job, type JobCallbacks, type Outputs, type ResultOptions } from "./job/job.js";
export {
  isDone,
  type JobStage,
  type LogMessage,
  type ProgressUnit,
  Status,
  type StatusCode,
  type StatusUpdate,
} from "./job/status.js";
export type { FeedOptions, MediaStreamInput, StreamJob } from "./job/stream-job.js";
export type { Isolation } from "./session/session-pool.js";
export type {
  ConfigComponent,
  ConfigDependency,
  EndpointArguments,
  EndpointInfo,
  GradioConfig,
  ParameterInfo,
  ReturnInfo,
} from "./wire/endpoints.js";
export type { CacheUse, CompletionReport } from "./wire/messages.js";
