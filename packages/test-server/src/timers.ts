/** Thrown by {@link Timers.sleep} when its signal aborts or the timers are closed. */
export class SleepAbortedError extends Error {
  constructor() {
    super("sleep aborted");
  }
}

/** Every timer of one server, so `close()` can clear them all at once. */
export class Timers {
  private readonly pending = new Map<NodeJS.Timeout, () => void>();
  private readonly intervals = new Set<NodeJS.Timeout>();
  private closed = false;

  /** Resolves after `ms`; rejects with {@link SleepAbortedError} if `signal` aborts or on {@link clearAll}. */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted || this.closed) return reject(new SleepAbortedError());
      const onAbort = () => {
        clearTimeout(handle);
        this.pending.delete(handle);
        reject(new SleepAbortedError());
      };
      const handle = setTimeout(() => {
        this.pending.delete(handle);
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      this.pending.set(handle, onAbort);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  /** Calls `fire` once after `ms`, unless the returned cancel function is called first. */
  after(ms: number, fire: () => void): () => void {
    const controller = new AbortController();
    this.sleep(ms, controller.signal).then(fire, () => {});
    return () => controller.abort();
  }

  /** Calls `tick` every `ms` until the returned stop function is called. */
  every(ms: number, tick: () => void): () => void {
    if (this.closed) return () => {};
    const handle = setInterval(tick, ms);
    this.intervals.add(handle);
    return () => {
      clearInterval(handle);
      this.intervals.delete(handle);
    };
  }

  /** Clears every timer; later sleeps reject at once and later intervals never tick. */
  clearAll(): void {
    this.closed = true;
    for (const abort of [...this.pending.values()]) abort();
    for (const handle of this.intervals) clearInterval(handle);
    this.intervals.clear();
  }
}
