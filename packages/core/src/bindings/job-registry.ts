/**
 * One job per distinct call: a `client.submit(...)` written in a render function runs on every render;
 * {@link JobRegistry.share} keeps the first job of a {@link Job.key} and discards the later duplicates before they
 * reach the server. Bindings {@link JobRegistry.retain} the job they show and release it when they stop; a superseded
 * job is cancelled at once, an unreferenced one is dropped after a grace period (which survives React StrictMode's
 * mount–unmount–mount), and cancelled then if its last holder asked for that.
 * @module
 */
import { createdJobCount, type Job, type Outputs } from "../job/job.js";
import { jobView, pinView } from "./job-view.js";

/**
 * What UI bindings (`useJob`, `useSubmit` in React and Vue) let users decide about the job they show.
 *
 * @example
 * ```ts
 * useJob(client.submit("/slow", [text]), { cancelSuperseded: false, cancelOnUnmount: true });
 * ```
 */
export interface JobBindingOptions {
  /**
   * Cancel the job when the component unmounts (its effect scope is disposed), after the grace period, so StrictMode's
   * remount and a quick remount keep it. Default `false`: unmounting only stops listening, the job runs on.
   */
  readonly cancelOnUnmount?: boolean;
  /**
   * Cancel a job the binding stopped showing because it got another one (new arguments, a new `submit`, `reset`,
   * `null`), at once, unless something else still retains it. Default `true`: nobody can see a superseded job's
   * result, and on Gradio it would keep a queue slot (often a GPU) busy; set `false` to let it finish. Jobs that may
   * be superseded ask for a session of their own (see `Job.preferIsolation`), so the cancel reaches the server at
   * once even while the next job of the same function is pending.
   */
  readonly cancelSuperseded?: boolean;
}

/** Options of a {@link JobRegistry}. */
export interface JobRegistryOptions {
  /** How long an unreferenced job stays shared before it is dropped (and cancelled if asked). Default 1000 ms. */
  readonly gracePeriod?: number;
}

/**
 * Releases a job taken with {@link JobRegistry.retain}. `cancel: true` cancels it if nobody retains it by the end of
 * the grace period; with `superseded: true` too (the binding now shows another job), at once if nobody else retains
 * it: the grace period is for unmount and remount (StrictMode, quick navigation), not for a job replaced by another.
 */
export type ReleaseJob = (cancel?: boolean, superseded?: boolean) => void;

/** Options of {@link JobRegistry.share}. */
export interface ShareOptions {
  /** Cancel the job if nobody retains it within the grace period. Default `true`. */
  readonly cancelUnused?: boolean;
  /** Rendering on a server: discard the job instead of sharing it. */
  readonly serverRendering?: boolean;
}

interface Entry {
  readonly job: { readonly key: string; cancel(): Promise<boolean>; preferIsolation(): boolean };
  /** {@link createdJobCount} when it became the shared job of its key; jobs created later are re-render duplicates. */
  sharedAt: number;
  refs: number;
  cancel: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * Shares jobs between renders and components, with reference counting. UI bindings use the default instance,
 * {@link sharedJobs}; make your own for tests or for another lifetime.
 *
 * @example
 * ```ts
 * // In a render function (runs many times): the first job of this call is kept, duplicates never start.
 * const job = sharedJobs.share(client.submit("/predict", { a: 1, op: "add", b: 2 }));
 * // When the UI shows it (an effect), and when it stops:
 * const release = sharedJobs.retain(job);
 * release(true); // cancel it unless someone retains it within the grace period
 * ```
 */
export class JobRegistry {
  /** How long an unreferenced job stays shared (ms); see {@link JobRegistryOptions.gracePeriod}. */
  gracePeriod: number;
  /** The shared job of each call key. */
  private readonly byKey = new Map<string, Entry>();
  /** Every job that is shared or retained. */
  private readonly entries = new Map<object, Entry>();

  constructor(options: JobRegistryOptions = {}) {
    this.gracePeriod = options.gracePeriod ?? 1000;
  }

  /**
   * The job to use for a `client.submit(...)` made during render. When a job of the same {@link Job.key} is shared,
   * and `job` was created after it was shared and has not started yet (a re-render made it in this same tick),
   * `job` is discarded (it never reaches the server) and the shared one is returned. Otherwise `job` is returned;
   * if nothing was shared under its key, it becomes the shared job, and if nobody retains it within the grace period
   * it is dropped and, when `cancelUnused` (default `true`), cancelled: a render that never commits must not leave a
   * job running.
   *
   * Jobs created before the shared one was shared (say, three identical jobs submitted in one click handler and
   * then rendered) are calls of their own and are never merged; neither is a job that has already started.
   *
   * With `serverRendering` (the binding renders on a server, e.g. there is no `window`), nothing is shared: `job` is
   * discarded if it has not started, and returned; its {@link jobView} keeps showing its first (`pending`) state, as
   * the browser's first render will. (Core itself never looks at `window`.)
   */
  share<O extends Outputs>(job: Job<O>, options: ShareOptions = {}): Job<O> {
    if (options.serverRendering) {
      // Server rendering: nothing made during this render may reach the Gradio server, and the HTML must show the
      // state the browser's first render will show (`pending`), so the discarded job's view stays at its first state.
      const first = jobView(job).get();
      if (job.discard()) pinView(job, first);
      return job;
    }
    const shared = this.byKey.get(job.key);
    if (shared) {
      const madeByRerender = job.serial > shared.sharedAt;
      if (shared.job !== job && madeByRerender && job.discard()) return shared.job as unknown as Job<O>;
      return job;
    }
    const entry = this.entry(job);
    entry.sharedAt = createdJobCount();
    this.byKey.set(job.key, entry);
    const cancelUnused = options.cancelUnused ?? true;
    // A job a binding cancels when it is superseded: its cancel must not wait for its successor (same function).
    if (cancelUnused) job.preferIsolation();
    if (entry.refs === 0) this.expire(entry, cancelUnused);
    return job;
  }

  /**
   * Marks `job` as in use until the returned function is called (once; later calls do nothing). When the last
   * holder releases it, the job stays shared for the grace period, then is dropped, and cancelled if that last
   * release passed `cancel: true`. A retain within the grace period (StrictMode's remount) keeps it alive.
   */
  retain<O extends Outputs>(job: Job<O>): ReleaseJob {
    const entry = this.entry(job);
    entry.refs += 1;
    clearTimeout(entry.timer);
    entry.timer = undefined;
    let released = false;
    return (cancel = false, superseded = false) => {
      if (released) return;
      released = true;
      entry.refs -= 1;
      if (entry.refs > 0) return;
      if (cancel && superseded) this.drop(entry, true);
      else this.expire(entry, cancel);
    };
  }

  /** The job shared for a call key ({@link Job.key}), if any (for tests and devtools). */
  sharedWith(key: string): Job | undefined {
    return this.byKey.get(key)?.job as unknown as Job | undefined;
  }

  /** The number of jobs shared or retained right now (for tests and leak checks). */
  get size(): number {
    return this.entries.size;
  }

  private entry(job: Entry["job"]): Entry {
    let entry = this.entries.get(job);
    if (!entry) {
      entry = { job, sharedAt: Number.POSITIVE_INFINITY, refs: 0, cancel: false, timer: undefined };
      this.entries.set(job, entry);
    }
    return entry;
  }

  private expire(entry: Entry, cancel: boolean): void {
    entry.cancel = cancel;
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      if (entry.refs === 0) this.drop(entry, entry.cancel);
    }, this.gracePeriod);
  }

  private drop(entry: Entry, cancel: boolean): void {
    clearTimeout(entry.timer);
    this.entries.delete(entry.job);
    if (this.byKey.get(entry.job.key) === entry) this.byKey.delete(entry.job.key);
    if (cancel) void entry.job.cancel();
  }
}

/**
 * The registry `@gradio-jobs/react` and `@gradio-jobs/vue` share jobs through. Set `sharedJobs.gracePeriod` to change
 * how long an unreferenced job survives (default 1000 ms, like nanostores' unmount delay).
 *
 * @example
 * ```ts
 * import { sharedJobs } from "@gradio-jobs/core";
 * sharedJobs.gracePeriod = 250;
 * ```
 */
export const sharedJobs: JobRegistry = /* @__PURE__ */ new JobRegistry();
