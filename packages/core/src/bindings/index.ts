/**
 * `@gradio-jobs/core/bindings`: what framework bindings share (`@gradio-jobs/react`, `@gradio-jobs/vue`, or your
 * own for another framework): one job per distinct call ({@link sharedJobs}, {@link JobRegistry}) and a job as one
 * frame-batched immutable state ({@link jobView}). Application code rarely needs it.
 *
 * @example
 * ```ts
 * import { jobView, sharedJobs } from "@gradio-jobs/core/bindings";
 *
 * const job = sharedJobs.share(client.submit("/predict", [1, "add", 2])); // in a render function
 * const view = jobView(job);
 * const stop = view.subscribe(() => render(view.get()));
 * ```
 * @module
 */
export { jobKey } from "../job/job-key.js";
export {
  type JobBindingOptions,
  JobRegistry,
  type JobRegistryOptions,
  type ReleaseJob,
  type ShareOptions,
  sharedJobs,
} from "./job-registry.js";
export { type JobState, type JobView, jobView } from "./job-view.js";
