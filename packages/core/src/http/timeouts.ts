/**
 * Time limits of their own for requests a silent server could hold forever: a server that accepts the TCP connection
 * and never answers would otherwise hang `Client.connect` or a queue join, since `fetch` has no timeout.
 * @module
 */
import { type GradioJobsError, InputError } from "../errors.js";

/**
 * The option `name` as a time limit in ms: `fallback` when absent; a positive number, or `Infinity` for none.
 * Throws {@link InputError} for anything else.
 *
 * @example
 * ```ts
 * timeLimit("connectTimeout", undefined, 30_000); // 30000
 * timeLimit("connectTimeout", -1, 30_000);        // throws InputError
 * ```
 */
export function timeLimit(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value === "number" && value > 0) return value;
  throw new InputError(
    `${name} must be a positive number of milliseconds (or Infinity for no limit), got ${JSON.stringify(value) ?? String(value)}.`,
  );
}

/**
 * Runs `task` with a signal that aborts after `ms` with `expired()`'s error, and settles as the task does, or with that
 * error at the deadline even if the task ignores its signal.
 *
 * @example
 * ```ts
 * const config = await withDeadline(5_000, () => new TimeoutError(5_000, "No config within 5 s."), (signal) =>
 *   fetch(url, { signal }).then((response) => response.json()),
 * );
 * ```
 */
export async function withDeadline<T>(
  ms: number,
  expired: () => GradioJobsError,
  task: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    // Timers take at most 2^31 - 1 ms (~24.8 days); a longer one would fire at once, so it means no limit.
    if (ms > 2_147_483_647) return;
    timer = setTimeout(() => {
      const error = expired();
      controller.abort(error);
      reject(error);
    }, ms);
  });
  const running = task(controller.signal);
  // The loser of the race settles later (with the abort): nobody waits for it any more.
  running.catch(() => {});
  try {
    return await Promise.race([running, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
