/**
 * A job as one immutable {@link JobState} for UIs, with change notifications batched to at most one per animation
 * frame, so a burst of progress messages costs one render. React's and Vue's bindings subscribe to it.
 * @module
 */
import type { GradioJobsError } from "../errors.js";
import type { Job, Outputs } from "../job/job.js";
import {
  isFinalStage,
  type JobStage,
  type LogMessage,
  type ProgressUnit,
  type StatusCode,
} from "../job/status.js";

/**
 * Everything a UI shows about a job, as one immutable snapshot. `status` is `"idle"` when there is no job.
 *
 * @example
 * ```ts
 * const { status, rank, queueSize, progress, latest, error } = jobView(job).get();
 * ```
 */
export interface JobState<O extends Outputs = Outputs> {
  /** `"idle"` (no job), then `pending` → `queued` → `running` → `complete` | `error` | `cancelled`. */
  readonly status: JobStage | "idle";
  /** The detailed {@link StatusCode} of the last update, `null` when idle. */
  readonly code: StatusCode | null;
  /** 0-based place in the queue (0 = next), `null` when not queued. */
  readonly rank: number | null;
  /** Jobs waiting in the queue, this one included, `null` when not queued. */
  readonly queueSize: number | null;
  /** Seconds from `time`: while queued, until the result; while running, the endpoint's average run time. `null`: unknown. */
  readonly eta: number | null;
  /** When the last status update happened (ms since the epoch); `eta` counts from it. `null` when idle. */
  readonly time: number | null;
  /** Latest `gr.Progress` levels (outermost first), `null` before the first one. */
  readonly progress: readonly ProgressUnit[] | null;
  /** Latest `gr.Info` / `gr.Warning` / `gr.Success` message, `null` before the first one. */
  readonly log: LogMessage | null;
  /** Every output so far (each generator yield once), in order. */
  readonly outputs: readonly O[];
  /** The last output, `undefined` before the first. */
  readonly latest: O | undefined;
  /** The final outputs once `status` is `complete`, else `undefined`. */
  readonly result: O | undefined;
  /** The typed error once `status` is `error` or `cancelled`, else `null`. */
  readonly error: GradioJobsError | null;
  /** `pending`, `queued` or `running`. */
  readonly isPending: boolean;
  /** `complete`, `error` or `cancelled`. */
  readonly isDone: boolean;
  /** Cancels the job (no-op when idle or done). The same function for the whole life of the job. */
  readonly cancel: () => void;
}

/**
 * A job as a store a UI can bind to: `get()` returns the same {@link JobState} object until something changes, and
 * `subscribe` calls its listener at most once per animation frame however many messages arrive.
 *
 * @example
 * ```ts
 * const view = jobView(client.submit("/progress", [10]));
 * const stop = view.subscribe(() => render(view.get()));
 * ```
 */
export interface JobView<O extends Outputs = Outputs> {
  /** The current state: read fresh while nobody listens; while subscribed, the same object until the next notification. */
  readonly get: () => JobState<O>;
  /** Listens for changes (batched per frame); returns the function that stops listening. */
  readonly subscribe: (listener: () => void) => () => void;
}

const noop = (): void => {};
const noOutputs: readonly never[] = /* @__PURE__ */ Object.freeze([]);

const idleState: JobState<never> = /* @__PURE__ */ Object.freeze({
  status: "idle",
  code: null,
  rank: null,
  queueSize: null,
  eta: null,
  time: null,
  progress: null,
  log: null,
  outputs: noOutputs,
  latest: undefined,
  result: undefined,
  error: null,
  isPending: false,
  isDone: false,
  cancel: noop,
});

const idleView: JobView<never> = { get: () => idleState, subscribe: () => noop };
// Keyed by object: `Job<O>` is not assignable to `Job` (its private callbacks make it invariant in `O`).
const views = new WeakMap<object, JobView<never>>();

/**
 * The {@link JobView} of a job: one per job (the same object on every call), or an idle view for `null`/`undefined`.
 * Subscribing listens to the job's `$status`; the last unsubscribe removes that listener and any
 * pending frame.
 *
 * @example
 * ```ts
 * const view = jobView(job);
 * view.get().status;                             // "pending"
 * const stop = view.subscribe(() => console.log(view.get().progress));
 * ```
 */
export function jobView<O extends Outputs>(job: Job<O> | null | undefined): JobView<O> {
  if (!job) return idleView;
  let view = views.get(job) as JobView<O> | undefined;
  if (!view) {
    view = createView(job);
    views.set(job, view as JobView<never>);
  }
  return view;
}

function createView<O extends Outputs>(job: Job<O>): JobView<O> {
  const cancel = () => job.cancel();
  const listeners = new Set<() => void>();
  let status = job.status();
  let outputs: readonly O[] = job.outputs();
  let state = toState();
  let cancelFrame: (() => void) | null = null;
  let unlisten = noop;

  function toState(): JobState<O> {
    const latest = outputs[outputs.length - 1];
    const done = isFinalStage(status.stage);
    return {
      status: status.stage,
      code: status.code,
      rank: status.rank,
      queueSize: status.queueSize,
      eta: status.eta,
      time: status.time,
      progress: status.progress,
      log: status.log,
      outputs,
      latest,
      result: status.stage === "complete" ? latest : undefined,
      error: status.error,
      isPending: !done,
      isDone: done,
      cancel,
    };
  }

  /**
   * Takes the job's current status and outputs; returns whether the state changed. Outputs are copied only when
   * their count changed, at most once per frame: a 10,000-step stream costs one copy per frame, not per message.
   */
  const refresh = () => {
    const nextStatus = job.status();
    if (nextStatus === status) return false;
    status = nextStatus;
    if (job.outputCount !== outputs.length) outputs = job.outputs();
    state = toState();
    return true;
  };
  const flush = () => {
    cancelFrame = null;
    if (refresh()) for (const listener of [...listeners]) listener();
  };
  const schedule = () => {
    cancelFrame ??= onNextFrame(flush);
  };

  return {
    // Unobserved, the state is read fresh; observed, it changes only when listeners are told (once per frame).
    get: () => {
      if (listeners.size === 0) refresh();
      return state;
    },
    subscribe(listener) {
      listeners.add(listener);
      if (listeners.size === 1) {
        // Every new output also changes the status (ITERATING, or the final one), so `$status` is enough.
        unlisten = job.$status.listen(schedule);
      }
      // The job may have moved on between the caller's `get()` and now.
      schedule();
      return () => {
        if (!listeners.delete(listener) || listeners.size > 0) return;
        unlisten();
        unlisten = noop;
        cancelFrame?.();
        cancelFrame = null;
      };
    },
  };
}

/** Runs `callback` before the next paint (`requestAnimationFrame`), or in ~16 ms where there are no frames. */
function onNextFrame(callback: () => void): () => void {
  if (typeof requestAnimationFrame === "function") {
    const id = requestAnimationFrame(callback);
    return () => cancelAnimationFrame(id);
  }
  const id = setTimeout(callback, 16);
  return () => clearTimeout(id);
}

/**
 * Pins the view of `job` to `state` for good (server rendering shows a discarded job's first state, as the browser's
 * first render will).
 */
export function pinView<O extends Outputs>(job: Job<O>, state: JobState<O>): void {
  views.set(job, { get: () => state as JobState<never>, subscribe: () => noop });
}
