/**
 * A submitted job: its status and outputs as nanostores, plus `result()`, `cancel()`, async iteration and
 * callbacks. The lifecycle itself is the pure {@link transition} function; this class only stores its results.
 * @module
 */
import { atom, onMount, type ReadableAtom, type WritableAtom } from "nanostores";
import { CancelledError, type GradioJobsError, TimeoutError } from "../errors.js";
import type { CompletionReport } from "../wire/messages.js";
import { initialStatus, type JobEvent, transition } from "./lifecycle.js";
import { isDone, type StatusUpdate } from "./status.js";

let jobsCreated = 0;

/** How many jobs this page has created so far; with {@link Job.serial}, tells which of two jobs came first. @internal */
export function createdJobCount(): number {
  return jobsCreated;
}

/** The outputs of one step: one value per API-visible output of the endpoint. */
export type Outputs = readonly unknown[];

/** Callbacks of a job, the counterpart of Python's `result_callbacks`. */
export interface JobCallbacks<O extends Outputs = Outputs> {
  /** Every status change, in order. */
  readonly onStatus?: (status: StatusUpdate) => void;
  /** Every new output (each generator yield once; the final value of a non-generator). */
  readonly onOutput?: (output: O) => void;
  /**
   * Once, when the job is done (reaches `complete`, `error` or `cancelled`), with that final status; like Python's
   * `job.add_done_callback`, but given the status (the outputs are `job.outputs()`, the error `status.error`).
   *
   * @example
   * ```ts
   * client.submit("/predict", [1, "add", 2], { onDone: (s) => console.log(s.stage, s.duration) });
   * ```
   */
  readonly onDone?: (status: StatusUpdate) => void;
}

/** Options of `job.result()`. */
export interface ResultOptions {
  /** Stop waiting after this many ms with a {@link TimeoutError}. The job keeps running. */
  readonly timeout?: number;
  /** Stop waiting when aborted (rejects with the signal's reason). The job keeps running. */
  readonly signal?: AbortSignal;
}

/** Options of async iteration over a job. */
export interface IterateOptions {
  /** Cancel the job on the server when the loop ends early (`break`, `return`, exception). Default `true`. */
  readonly cancelOnBreak?: boolean;
}

/**
 * Stops a job on the server; resolves with whether the server stopped it (or it never reached the server). It reports
 * anything worth saying (the server could not be told, it had finished) through the driver first.
 * @internal
 */
export type StopOnServer = () => Promise<boolean>;

/**
 * What runs a job: given by the client, called once when the job starts. It reports through `driver` and returns how
 * to stop the job on the server.
 * @internal
 */
export type JobExecutor<O extends Outputs> = (driver: JobDriver<O>) => StopOnServer;

/** The side of a job that protocol code writes to. @internal */
export interface JobDriver<O extends Outputs> {
  apply(event: JobEvent): void;
  /** A new output (each yield once). */
  output(values: O): void;
  /**
   * The final outputs: completes the job. `isNewOutput`: they were not yielded before (non-generators); `report`:
   * the server's timings and cache use.
   */
  complete(values: O, isNewOutput: boolean, report?: CompletionReport): void;
  fail(error: GradioJobsError): void;
  setEventId(eventId: string): void;
  readonly done: boolean;
  /** Whether the job asked for a session of its own (see {@link Job.preferIsolation}); `undefined`: no preference. */
  readonly isolate: boolean | undefined;
}

/**
 * A job submitted to a Gradio endpoint. It starts right after `client.submit()` returns (in a microtask), whether
 * or not anyone listens, and ends in exactly one final stage: `complete`, `error` or `cancelled`.
 *
 * @example
 * ```ts
 * const job = client.submit("/count", [5]);
 * job.$status.subscribe((s) => console.log(s.code, s.rank, s.eta));
 * for await (const [n] of job) console.log("yielded", n);  // 0, 1, 2, 3, 4
 * console.log(await job.result());                         // [4]
 * ```
 */
export class Job<O extends Outputs = Outputs> implements AsyncIterable<O> {
  /** The full status; see {@link StatusUpdate}. */
  readonly $status: ReadableAtom<StatusUpdate>;
  #keyValue: string | (() => string);
  /** Creation order among all jobs (1, 2, …). @internal */
  readonly serial: number = ++jobsCreated;

  /** The value of `#status$`, read from here: a nanostores `get()` without listeners subscribes and unsubscribes. */
  #current: StatusUpdate = initialStatus();
  readonly #status$ = atom<StatusUpdate>(this.#current);
  /** Created on first use of `$outputs`: most jobs are only awaited or watched through `$status`. */
  #outputs$: WritableAtom<readonly O[]> | null = null;
  readonly #outputList: O[] = [];
  #outputsListened = false;
  #finalValue: O | undefined;
  #eventIdValue: string | null = null;
  #stopOnServer: StopOnServer | null = null;
  /** The answer of the first `cancel()`, shared by later calls. */
  #cancelled: Promise<boolean> | null = null;
  #isolate: boolean | undefined = undefined;
  #started = false;
  readonly #waiters = new Set<() => void>();

  // Stored without `O`: a `Job<[number]>` must stay assignable to a plain `Job`.
  readonly #executor: JobExecutor<Outputs>;
  readonly #callbacks: JobCallbacks<Outputs>;
  readonly #onDone: (() => void) | undefined;

  /**
   * @internal Jobs are created by `client.submit()`; `key` may be given lazily (only framework bindings read it);
   * `onDone` runs once when the job is done (reaches a final stage).
   */
  constructor(
    key: string | (() => string),
    executor: JobExecutor<O>,
    callbacks: JobCallbacks<O> = {},
    onDone?: () => void,
  ) {
    this.#onDone = onDone;
    this.#keyValue = key;
    this.#executor = executor as unknown as JobExecutor<Outputs>;
    this.#callbacks = callbacks as JobCallbacks<Outputs>;
    this.$status = this.#status$;
    queueMicrotask(() => this.#start());
  }

  /** Every output so far, in order, each exactly once. */
  get $outputs(): ReadableAtom<readonly O[]> {
    if (this.#outputs$ === null) {
      const store = atom<readonly O[]>([]);
      // Copied only while someone listens: a long stream with no listener costs no copies.
      onMount(store, () => {
        this.#outputsListened = true;
        store.set(this.#outputList.slice());
        return () => {
          this.#outputsListened = false;
        };
      });
      this.#outputs$ = store;
    }
    return this.#outputs$;
  }

  /** A stable identity of this call (endpoint + arguments), used by framework bindings to share one job. */
  // On Job, not in the bindings' registry: `useJob(client.submit(…))` hands the registry a job that already exists,
  // and only the client that made it knows its app, session and resolved endpoint (same for serial/discard below).
  get key(): string {
    if (typeof this.#keyValue === "function") this.#keyValue = this.#keyValue();
    return this.#keyValue;
  }

  /** The server's event id, once the job joined the queue. */
  get eventId(): string | null {
    return this.#eventIdValue;
  }

  /** The current status (the value of `$status`). */
  status(): StatusUpdate {
    return this.#current;
  }

  /** Every output so far, in order (a copy). */
  outputs(): O[] {
    return this.#outputList.slice();
  }

  /** How many outputs the job has produced so far (without copying them). */
  get outputCount(): number {
    return this.#outputList.length;
  }

  /** Whether the job reached a final stage. */
  get done(): boolean {
    return isDone(this.#current.stage);
  }

  /**
   * The final outputs. Rejects with the job's typed error: {@link AppError}, {@link QueueFullError},
   * {@link CancelledError}, {@link ConnectionError}…, or {@link TimeoutError} when `timeout` ms pass first (the job
   * keeps running then).
   *
   * @example
   * ```ts
   * const [sum] = await client.submit("/predict", { a: 1, b: 2 }).result({ timeout: 10_000 });
   * ```
   */
  result(options: ResultOptions = {}): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      const settle = () => {
        cleanup();
        const status = this.#current;
        if (status.stage === "complete") resolve(this.#finalValue as O);
        else reject(status.error ?? new CancelledError());
      };
      let timer: ReturnType<typeof setTimeout> | undefined;
      const onAbort = () => {
        cleanup();
        reject(options.signal?.reason);
      };
      const cleanup = () => {
        this.#waiters.delete(settle);
        clearTimeout(timer);
        options.signal?.removeEventListener("abort", onAbort);
      };
      if (this.done) return settle();
      if (options.signal?.aborted) return reject(options.signal.reason);
      this.#waiters.add(settle);
      options.signal?.addEventListener("abort", onAbort, { once: true });
      if (options.timeout !== undefined) {
        timer = setTimeout(() => {
          cleanup();
          reject(new TimeoutError(options.timeout as number));
        }, options.timeout);
      }
    });
  }

  /**
   * Cancels the job, whatever its stage (before it joined the queue, queued, running, streaming). The job ends in
   * `cancelled` at once and `result()` rejects with {@link CancelledError}; the server is told to stop it at once
   * when that cannot touch another job, else as soon as it can (the core README's "Cancel" section has the rule per
   * Gradio version).
   *
   * Resolves with whether the server stopped the job (or it never reached the server): `false` when the server had
   * already finished it (its outputs are then on the {@link CancelledError}'s `outputs`), when the server could not
   * be told (network; tried twice), or when this Gradio version cannot stop it without stopping other jobs. In those
   * cases the job's status says so: a last `cancelled` update with the reason in `message`. Calling it again returns
   * the same answer; on a job that completed or failed, it resolves `false`.
   *
   * @example
   * ```ts
   * const job = client.submit("/slow", ["x"]);
   * const stopped = await job.cancel(); // true: the server stopped it (its worker is free again)
   * ```
   */
  cancel(): Promise<boolean> {
    return this.#cancel();
  }

  /**
   * Cancels the job because the `signal` given to `submit` was aborted: the {@link CancelledError} names the
   * signal's reason (`TimeoutError` for `AbortSignal.timeout(ms)`) and keeps it as `cause`.
   * @internal
   */
  abort(reason: unknown): Promise<boolean> {
    // String() of an Error, or of AbortSignal.timeout's DOMException, is "name: message".
    return this.#cancel(new CancelledError(`The job was cancelled (${String(reason)}).`, undefined, reason));
  }

  #cancel(error?: CancelledError): Promise<boolean> {
    if (this.#cancelled) return this.#cancelled;
    if (this.done) return Promise.resolve(false);
    this.#update({ type: "cancelled", error });
    this.#cancelled = this.#stopOnServer ? this.#stopOnServer() : Promise.resolve(true);
    return this.#cancelled;
  }

  /**
   * Asks that the job run in a session of its own if another job of its function is pending in the client's
   * session, so that cancelling it later reaches the server at once (Gradio cancels by session and function). Only
   * before the job starts (in the microtask after `submit`); returns whether it was in time. UI bindings call it
   * for jobs they supersede when their arguments change; `submit(…, { isolate: true })` is the same for your own
   * jobs. Endpoints with `gr.State` always use the client's session.
   * @internal
   */
  preferIsolation(): boolean {
    if (this.#started) return false;
    this.#isolate ??= true;
    return true;
  }

  /**
   * Prevents a job that has not started yet from ever reaching the server, and ends it as cancelled. Returns
   * whether it was in time. Framework bindings use it to drop duplicate jobs created during render.
   */
  discard(): boolean {
    if (this.#started) return false;
    this.#started = true;
    // Silent: a discarded duplicate was never the user's job, so its callbacks are not told.
    this.#update(
      { type: "cancelled", error: new CancelledError("The job was discarded before it started.") },
      false,
    );
    return true;
  }

  /** Async iteration over every output, with options. */
  iterate(options: IterateOptions = {}): AsyncIterableIterator<O> {
    let next = 0;
    const cancelOnBreak = options.cancelOnBreak ?? true;
    const iterator: AsyncIterableIterator<O> = {
      next: async (): Promise<IteratorResult<O>> => {
        for (;;) {
          if (next < this.#outputList.length) return { value: this.#outputList[next++] as O, done: false };
          if (this.done) {
            const status = this.#current;
            if (status.stage === "complete") return { value: undefined, done: true };
            throw status.error ?? new CancelledError();
          }
          await new Promise<void>((resolve) => {
            const wake = () => {
              this.#waiters.delete(wake);
              unlisten();
              resolve();
            };
            const unlisten = this.#status$.listen(() => {
              if (next < this.#outputList.length || this.done) wake();
            });
            this.#waiters.add(wake);
          });
        }
      },
      return: async (): Promise<IteratorResult<O>> => {
        if (cancelOnBreak) this.cancel();
        return { value: undefined, done: true };
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  /** `for await (const output of job)`: each output once; breaking out early cancels the job. */
  [Symbol.asyncIterator](): AsyncIterableIterator<O> {
    return this.iterate();
  }

  #start(): void {
    if (this.#started) return;
    this.#started = true;
    if (this.done) return;
    const driver: JobDriver<O> = {
      apply: (event) => this.#update(event),
      output: (values) => this.#pushOutput(values),
      complete: (values, isNewOutput, report) => {
        if (this.done) return;
        this.#finalValue = values;
        if (isNewOutput) this.#recordOutput(values);
        this.#update({ type: "completed", report });
      },
      fail: (error) => this.#update({ type: "failed", error }),
      setEventId: (eventId) => {
        this.#eventIdValue = eventId;
      },
      get done() {
        return self.done;
      },
      isolate: this.#isolate,
    };
    const self = this;
    this.#stopOnServer = this.#executor(driver);
  }

  #pushOutput(values: O): void {
    if (this.done) return;
    this.#recordOutput(values);
    this.#update({ type: "output" });
  }

  #recordOutput(values: O): void {
    this.#outputList.push(values);
    if (this.#outputsListened) notify(() => this.#outputs$?.set(this.#outputList.slice()));
    notify(() => this.#callbacks.onOutput?.(values));
  }

  #update(event: JobEvent, notifyCallbacks = true): void {
    const wasDone = this.done;
    const next = transition(this.#current, event);
    if (!next) return;
    this.#current = next;
    notify(() => this.#status$.set(next));
    if (notifyCallbacks) notify(() => this.#callbacks.onStatus?.(next));
    if (isDone(next.stage)) {
      if (notifyCallbacks && !wasDone) notify(() => this.#callbacks.onDone?.(next));
      this.#onDone?.();
      for (const waiter of [...this.#waiters]) waiter();
    }
  }
}

/**
 * Runs user code (store listeners, callbacks). What it throws is reported, never thrown back: the caller is the
 * session stream routing messages for every job, and a throw there would strand the other jobs and this job's
 * `result()`.
 */
function notify(run: () => void): void {
  try {
    run();
  } catch (error) {
    const reportError = (globalThis as { reportError?: (error: unknown) => void }).reportError;
    if (typeof reportError === "function") reportError(error);
    else console.error("@gradio-jobs/core: a job listener or callback threw", error);
  }
}
