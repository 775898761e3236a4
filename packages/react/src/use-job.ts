import type { Job, Outputs } from "@gradio-jobs/core";
import {
  type JobBindingOptions,
  type JobState,
  jobView,
  type ReleaseJob,
  sharedJobs,
} from "@gradio-jobs/core/bindings";
import { useEffect, useRef, useSyncExternalStore } from "react";

/** Options of {@link useJob} and {@link useSubmit}: see {@link JobBindingOptions}. */
export type UseJobOptions = JobBindingOptions;

/**
 * Everything a component shows about a Gradio job, as state: `stage`, `code`, `rank`, `queueSize`, `eta`,
 * `progress`, `log`, `success`, `title`, `message`, `outputs`, `latest`, `result`, `error`, `done`, `active` and `cancel`.
 * Re-renders at most once per animation frame however fast the server sends progress.
 *
 * `job` may be `null`/`undefined` (`stage: "idle"`), any job you hold, or `client.submit(...)` written right in
 * the component body: that submits exactly one job per distinct endpoint and arguments, not one per render
 * (StrictMode and concurrent rendering included). When the arguments change, the new job runs and the old one is
 * cancelled (see {@link UseJobOptions.cancelSuperseded}). Components rendering the same call share one job; jobs
 * made elsewhere (an event handler) are never merged, even when several have the same endpoint and arguments.
 * During server rendering nothing is subscribed, and a job created by that render is discarded before it reaches
 * the Gradio server: the HTML shows its first (`pending`) state and the browser submits its own.
 *
 * @example
 * ```tsx
 * function Sum({ client, a, b }: { client: Client; a: number; b: number }) {
 *   const { stage, result, error } = useJob(client.submit<[number]>("/predict", { a, op: "add", b }));
 *   return <p>{stage === "complete" ? result?.[0] : error ? error.message : "…"}</p>;
 * }
 * ```
 */
export function useJob<O extends Outputs = Outputs>(
  job: Job<O> | null | undefined,
  options: UseJobOptions = {},
): JobState<O> {
  const shared =
    job &&
    sharedJobs.share(job, {
      cancelUnused: options.cancelSuperseded !== false,
      serverRendering: typeof window === "undefined",
    });
  return useJobState(shared, options);
}

/** {@link useJob} without sharing: for jobs the component created itself (`useSubmit`). @internal */
export function useJobState<O extends Outputs>(
  job: Job<O> | null | undefined,
  options: UseJobOptions,
): JobState<O> {
  const held = useRef<{ job: Job<O>; release: ReleaseJob; options: UseJobOptions }>(undefined);
  // Every commit: hold the job shown, let go of the one it replaced (cancelled at once unless asked not to).
  useEffect(() => {
    if (held.current?.job !== job) {
      held.current?.release(held.current.options.cancelSuperseded !== false, true);
      held.current = job ? { job, release: sharedJobs.retain(job), options } : undefined;
    }
    if (held.current) held.current.options = options;
  });
  // Unmount (also StrictMode's simulated one: the retain above runs again on remount, within the grace period).
  useEffect(
    () => () => {
      held.current?.release(held.current.options.cancelOnUnmount);
      held.current = undefined;
    },
    [],
  );
  const view = jobView(job);
  return useSyncExternalStore(view.subscribe, view.get, view.get);
}
