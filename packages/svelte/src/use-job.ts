import type { Job, Outputs } from "@gradio-jobs/core";
import {
  type JobBindingOptions,
  type JobState,
  jobView,
  type ReleaseJob,
  sharedJobs,
} from "@gradio-jobs/core/bindings";
import { type Readable, readable, toStore } from "svelte/store";

/** Options of {@link useJob} and {@link useSubmit}: see {@link JobBindingOptions}. */
export type UseJobOptions = JobBindingOptions;

/**
 * The value of a {@link JobStore}: everything a component shows about a job ({@link JobState}: `stage`, `rank`,
 * `queueSize`, `eta`, `progress`, `log`, `outputs`, `latest`, `result`, `error`, `message`, `done`, `active`,
 * `cancel`…) and the job itself (`null` when idle), e.g. to `await $story.job?.result()`.
 */
export type JobSnapshot<O extends Outputs = Outputs> = JobState<O> & {
  /** The job shown, `null` when there is none (`stage: "idle"`). */
  readonly job: Job<O> | null;
};

/**
 * A Svelte store of a job's {@link JobSnapshot}, updated at most once per animation frame: `$story.stage` in a
 * component (runes mode or not), `fromStore(story).current` in a `.svelte.ts` module, `story.subscribe(…)` anywhere.
 */
export type JobStore<O extends Outputs = Outputs> = Readable<JobSnapshot<O>>;

/**
 * What {@link useJob} follows: a job, `null`/`undefined` (idle), a getter that returns one (re-run when the
 * `$state` and props it reads change: one job per distinct call), or a store of jobs.
 */
export type JobSource<O extends Outputs = Outputs> =
  | Job<O>
  | null
  | undefined
  | (() => Job<O> | null | undefined)
  | Readable<Job<O> | null | undefined>;

const idle: JobSnapshot<never> = /* @__PURE__ */ Object.freeze({ ...jobView<never>(null).get(), job: null });

/**
 * A Gradio job as a Svelte store of its {@link JobSnapshot}: `stage`, `code`, `rank`, `queueSize`, `eta`,
 * `progress`, `log`, `outputs`, `latest`, `result`, `error`, `success`, `title`, `message`, `done`, `active`,
 * `cancel` and `job`, updated at most once per animation frame however fast the server sends progress.
 *
 * `source` is a job, a getter, or a store of jobs; `null`/`undefined` means idle. A getter that calls
 * `client.submit(...)` (Svelte 5 runes: it reads `$state` and props) submits one job per distinct endpoint and
 * arguments: it re-runs when what it reads changes, an equal call reuses the running job, and the previous job is
 * cancelled at once (see {@link UseJobOptions.cancelSuperseded}). Stores made for the same call share one job; jobs
 * made elsewhere (an event handler) are never merged. Listening starts with the store's first subscriber (`$story`
 * in the template) and stops with its last (the component is destroyed); the job runs on unless `cancelOnUnmount`.
 * During server rendering nothing is subscribed and a job the getter creates is discarded before it reaches the
 * server: the HTML shows its first (`pending`) state.
 *
 * @example
 * ```svelte
 * <script lang="ts">
 *   let { client, a, b }: { client: Client; a: number; b: number } = $props();
 *   const sum = useJob(() => client.submit<[number]>("/predict", { a, op: "add", b }));
 * </script>
 * <p>{$sum.stage === "complete" ? $sum.result?.[0] : ($sum.error?.message ?? "…")}</p>
 * ```
 */
export function useJob<O extends Outputs = Outputs>(
  source: JobSource<O>,
  options: UseJobOptions = {},
): JobStore<O> {
  return followJob(source, options, true);
}

/** {@link useJob}, with or without sharing (`useSubmit` makes its own jobs). @internal */
export function followJob<O extends Outputs>(
  source: JobSource<O>,
  options: UseJobOptions,
  share: boolean,
): JobStore<O> {
  const cancelSuperseded = options.cancelSuperseded !== false;
  const onServer = typeof window === "undefined";
  const shared = (job: Job<O> | null | undefined): Job<O> | null =>
    job && share
      ? sharedJobs.share(job, { cancelUnused: cancelSuperseded, serverRendering: onServer })
      : (job ?? null);
  // Every source as "call me with each job": a getter through Svelte's `toStore` (it tracks the runes the getter
  // reads), a store as it is, a job once.
  const watchJobs: (run: (job: Job<O> | null) => void) => () => void =
    typeof source === "function"
      ? toStore(() => shared(source())).subscribe
      : source && "subscribe" in source
        ? (run) => source.subscribe((job) => run(shared(job)))
        : (run) => readable(shared(source)).subscribe(run);

  return readable<JobSnapshot<O>>(idle, (set) => {
    let shown: Job<O> | null | undefined;
    let release: ReleaseJob | undefined;
    let unlisten: (() => void) | undefined;
    const stopWatching = watchJobs((job) => {
      if (job === shown) return;
      shown = job;
      unlisten?.();
      release?.(cancelSuperseded, true);
      const view = jobView(job);
      const show = () => set({ ...view.get(), job });
      show();
      if (onServer) return;
      release = job ? sharedJobs.retain(job) : undefined;
      unlisten = view.subscribe(show);
    });
    return () => {
      stopWatching();
      unlisten?.();
      release?.(options.cancelOnUnmount);
    };
  });
}
