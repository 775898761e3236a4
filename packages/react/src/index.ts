/**
 * `@gradio-jobs/react`: React hooks for `@gradio-jobs/core`. A Gradio job's queue position, eta, progress and
 * streamed outputs as state, with one job per distinct call and at most one render per frame.
 *
 * @example
 * ```tsx
 * import { useJob, useSubmit } from "@gradio-jobs/react";
 *
 * const { stage, rank, eta, progress, latest, error, cancel } = useJob(client.submit("/predict", args));
 * ```
 * @module
 */
export type { JobState } from "@gradio-jobs/core/bindings";
export { type UseJobOptions, useJob } from "./use-job.js";
export { type UseMediaFeedOptions, type UseMediaFeedResult, useMediaFeed } from "./use-media-feed.js";
export { type UseSubmitResult, useSubmit } from "./use-submit.js";
