/**
 * Helpers of the reliability suite (issue #8): bounded waits that fail instead of hanging, a watch on unhandled
 * errors, server-side waits driven by the test server's events, and a count of the timers the process holds.
 */

import type { Job } from "@gradio-jobs/core";
import type { ServerEventMap, TestServer } from "@gradio-jobs/test-server";
import { afterEach, beforeEach, expect } from "vitest";

/** How a job ended, in a form `toEqual` can compare. */
export interface Outcome {
  readonly stage: string;
  readonly code: string;
  /** The error's class name, `null` when the job completed. */
  readonly error: string | null;
  readonly value: unknown;
}

/**
 * The job's outcome, or a rejection naming the job's last status when it does not settle within `ms`. A hang then
 * fails the test at once with a useful message instead of running into the test timeout.
 */
export async function settled(job: Job, ms = 5_000): Promise<Outcome> {
  const result = await within(
    job.result().then(
      (value) => ({ value, error: null as unknown }),
      (error: unknown) => ({ value: undefined, error }),
    ),
    ms,
    () =>
      `job ${job.eventId ?? "(no event id)"} did not settle in ${ms} ms; last status ${job.status().code}`,
  );
  const status = job.status();
  return {
    stage: status.stage,
    code: status.code,
    error: result.error === null ? null : ((result.error as Error).constructor?.name ?? String(result.error)),
    value: result.value,
  };
}

/** `promise`, or a rejection with `describe()` after `ms`. The timer is cleared either way. */
export function within<T>(promise: Promise<T>, ms: number, describe: () => string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(describe())), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const SERVER_EVENTS: (keyof ServerEventMap)[] = [
  "request",
  "join",
  "job-start",
  "job-output",
  "job-end",
  "cancel",
  "stream-open",
  "stream-close",
];

/**
 * Resolves once `predicate()` holds, checked now and after every test-server event (so it waits on the server,
 * never on a clock). Rejects with `what` after `ms`.
 */
export function serverUntil(
  server: TestServer,
  predicate: () => boolean,
  what: string,
  ms = 5_000,
): Promise<void> {
  if (predicate()) return Promise.resolve();
  let check = () => {};
  const done = new Promise<void>((resolve) => {
    check = () => {
      // Events fire before the server updates its gauges (e.g. stream-close before the stream leaves the set).
      queueMicrotask(() => {
        if (predicate()) resolve();
      });
    };
    for (const name of SERVER_EVENTS) server.events.on(name, check);
  });
  return within(done, ms, () => `${what} (stats: ${JSON.stringify(gauges(server))})`).finally(() => {
    for (const name of SERVER_EVENTS) server.events.off(name, check);
  });
}

/** The server's live gauges: what "nothing pending" is measured by. */
export function gauges(server: TestServer): {
  openStreams: number;
  pendingEvents: number;
  runningJobs: number;
} {
  const { openStreams, pendingEvents, runningJobs } = server.stats;
  return { openStreams, pendingEvents, runningJobs };
}

/** Waits until the server has no open queue stream, no pending event and no running job. */
export function serverIdle(server: TestServer, ms = 5_000): Promise<void> {
  return serverUntil(
    server,
    () =>
      server.stats.openStreams === 0 && server.stats.pendingEvents === 0 && server.stats.runningJobs === 0,
    "the server still has open streams, pending events or running jobs",
    ms,
  );
}

/**
 * Resolves once `predicate()` holds, checked on every turn of the event loop (`setImmediate`): for client-side
 * state that has no event of its own (e.g. a job's event id). Rejects with `what` after `ms`.
 */
export function until(predicate: () => boolean, what: string, ms = 5_000): Promise<void> {
  const started = Date.now();
  return new Promise<void>((resolve, reject) => {
    const check = () => {
      if (predicate()) return resolve();
      if (Date.now() - started > ms) return reject(new Error(`${what} (not within ${ms} ms)`));
      setImmediate(check);
    };
    check();
  });
}

/** Timers (`setTimeout`/`setInterval`) the process holds right now. */
export function activeTimers(): number {
  return process.getActiveResourcesInfo().filter((name) => name === "Timeout").length;
}

/**
 * Fails the current test if any promise rejection goes unhandled or any exception goes uncaught while it runs.
 * Call once at the top of a test file.
 */
export function failOnUnhandled(): void {
  const seen: unknown[] = [];
  const record = (error: unknown) => seen.push(error);
  beforeEach(() => {
    seen.length = 0;
    process.on("unhandledRejection", record);
    process.on("uncaughtException", record);
  });
  afterEach(async () => {
    // Rejections are reported after the microtask queue drains; give them one macrotask to show up.
    await new Promise((resolve) => setImmediate(resolve));
    process.off("unhandledRejection", record);
    process.off("uncaughtException", record);
    expect(seen.map(String), "unhandled rejections or uncaught exceptions").toEqual([]);
  });
}
