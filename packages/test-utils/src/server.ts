/**
 * Test helper: one in-process test server per test file (started once, reused by its tests), and small waiting
 * helpers that wait on store changes instead of timers.
 */

import type { Job, StatusUpdate } from "@gradio-jobs/core";
import { startTestServer, type TestServer, type TestServerOptions } from "@gradio-jobs/test-server";
import { afterAll, beforeAll } from "vitest";

/** Starts a test server before the file's tests and closes it after them. */
export function useTestServer(options: TestServerOptions = {}): () => TestServer {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startTestServer({ timeScale: 0.05, ...options });
  });
  afterAll(async () => {
    await server?.close();
  });
  return () => {
    if (!server) throw new Error("test server not started");
    return server;
  };
}

/** Resolves with the first status of `job` that satisfies `predicate` (checked on every change). */
export function statusWhere(job: Job, predicate: (status: StatusUpdate) => boolean): Promise<StatusUpdate> {
  return new Promise((resolve) => {
    const unsubscribe = job.$status.subscribe((status) => {
      if (predicate(status)) {
        queueMicrotask(() => unsubscribe());
        resolve(status);
      }
    });
  });
}

/** Every status a job goes through, recorded from now on. */
export function recordStatuses(job: Job): StatusUpdate[] {
  const seen: StatusUpdate[] = [];
  job.$status.subscribe((status) => seen.push(status));
  return seen;
}
