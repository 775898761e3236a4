/**
 * `@gradio-jobs/vue`: Vue composables for `@gradio-jobs/core`. A Gradio job's queue position, eta, progress and
 * streamed outputs as readonly refs, with one job per distinct call and at most one update per frame.
 *
 * @example
 * ```ts
 * import { useJob, useSubmit } from "@gradio-jobs/vue";
 *
 * const { stage, rank, eta, progress, latest, error, cancel } = useJob(() => client.submit("/predict", args.value));
 * ```
 * @module
 */
export type { JobState } from "@gradio-jobs/core/bindings";
export { type JobRefs, type UseJobOptions, useJob } from "./use-job.js";
export { type UseMediaFeedOptions, type UseMediaFeedResult, useMediaFeed } from "./use-media-feed.js";
export { type UseSubmitResult, useSubmit } from "./use-submit.js";
