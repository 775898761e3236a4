/**
 * Keys released by `server.release(key)` for the test-only `/hold` endpoint. A release also latches the
 * key, so a /hold job that reaches its wait after the release returns at once (no race in tests).
 */
export class HoldRegistry {
  private readonly released = new Set<string>();
  private readonly waiters = new Map<string, Set<() => void>>();

  wait(key: string, signal: AbortSignal): Promise<void> {
    if (this.released.has(key)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiters = this.waiters.get(key) ?? new Set<() => void>();
      this.waiters.set(key, waiters);
      const done = () => {
        signal.removeEventListener("abort", onAbort);
        resolve();
      };
      const onAbort = () => {
        waiters.delete(done);
        reject(signal.reason instanceof Error ? signal.reason : new Error("hold aborted"));
      };
      waiters.add(done);
      signal.addEventListener("abort", onAbort, { once: true });
    });
  }

  release(key: string): void {
    this.released.add(key);
    const waiters = this.waiters.get(key);
    this.waiters.delete(key);
    for (const done of waiters ?? []) done();
  }
}
