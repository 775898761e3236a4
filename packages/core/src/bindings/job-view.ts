/**
 * A job as one immutable {@link JobState} for UIs, with change notifications batched to at most one per animation
 * frame, so a burst of progress messages costs one render. React's and Vue's bindings subscribe to it.
 * @module
 */
import type { Job, Outputs } from "../job/job.js";
import { isDone, type StatusUpdate } from "../job/status.js";

/** The status of "no job": every field of a {@link StatusUpdate} empty, the stage `"idle"`. */
export type IdleStatus = { readonly [K in keyof StatusUpdate]: K extends "stage" ? "idle" : null };

/**
 * Everything a UI shows about a job, as one immutable snapshot: the job's {@link StatusUpdate} (`stage`, `code`,
 * `rank`, `queueSize`, `eta`, `time`, `progress`, `upload`, `log`, `success`, `error`, `title`, `message`, `duration`,
 * `averageDuration`, `cache`; `stage` is `"idle"` and the rest `null` when there is no job), its outputs, and `done`,
 * `active` and `cancel`.
 *
 * @example
 * ```ts
 * const { stage, rank, queueSize, progress, latest, error } = jobView(job).get();
 * ```
 */
export type JobState<O extends Outputs = Outputs> = (StatusUpdate | IdleStatus) & {
  /** Every output so far (each generator yield once), in order. */
  readonly outputs: readonly O[];
  /** The last output, `undefined` before the first. */
  readonly latest: O | undefined;
  /** The final outputs once `stage` is `complete`, else `undefined`. */
  readonly result: O | undefined;
  /** The job reached a final stage: `complete`, `error` or `cancelled` (as `job.done`). */
  readonly done: boolean;
  /** There is a job and it is not done: `pending`, `queued` or `running`. */
  readonly active: boolean;
  /** Cancels the job (no-op when idle or done). The same function for the whole life of the job. */
  readonly cancel: () => void;
};

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
  stage: "idle",
  code: null,
  rank: null,
  queueSize: null,
  eta: null,
  progress: null,
  upload: null,
  log: null,
  success: null,
  time: null,
  error: null,
  title: null,
  message: null,
  duration: null,
  averageDuration: null,
  cache: null,
  outputs: noOutputs,
  latest: undefined,
  result: undefined,
  done: false,
  active: false,
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
 * view.get().stage;                              // "pending"
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
    const done = isDone(status.stage);
    return {
      ...status,
      outputs,
      latest,
      result: status.stage === "complete" ? latest : undefined,
      done,
      active: !done,
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
