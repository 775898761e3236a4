/**
 * `@gradio-jobs/svelte`: Svelte 5 stores for `@gradio-jobs/core`. A Gradio job's queue position, eta, progress and
 * streamed outputs as one store (`$story.stage`), with one job per distinct call and at most one update per frame.
 *
 * @example
 * ```svelte
 * <script lang="ts">
 *   import { useJob } from "@gradio-jobs/svelte";
 *   let { client, prompt }: { client: Client; prompt: string } = $props();
 *   const story = useJob(() => client.submit<[string]>("/generate", { prompt }));
 * </script>
 * <p>{$story.stage}: {$story.latest?.[0]}</p>
 * ```
 * @module
 */
export type { JobState } from "@gradio-jobs/core/bindings";
export {
  type JobSnapshot,
  type JobSource,
  type JobStore,
  type UseJobOptions,
  useJob,
} from "./use-job.js";
export { type UseSubmitResult, useSubmit } from "./use-submit.js";
