/**
 * The work app's run log (`conformance/apps/work.py`, and the test server's `app: "work"`): what ran on the server,
 * in which session, for how long, and whether it was cancelled. Read with a plain `POST {P}/run/runs` (no queue, so
 * reading it never waits behind `/work` and never shares a session with the page's jobs).
 * @module
 */
import type { Client } from "@gradio-jobs/core";

/** One started run of `/work`, `/work_stream` or `/stateful_work` (times in epoch seconds). */
export interface Run {
  readonly fn: string;
  readonly text: string;
  readonly session: string;
  readonly started: number;
  readonly ended: number | null;
  readonly outcome: "running" | "completed" | "cancelled";
}

/** The run log, in start order. */
export function fetchRuns(client: Client, signal?: AbortSignal): Promise<Run[]> {
  return call(client, "runs", signal) as Promise<Run[]>;
}

/** Clears the run log (and the app's list of unloaded sessions). */
export async function resetRuns(client: Client): Promise<void> {
  await call(client, "reset_runs");
}

async function call(client: Client, name: string, signal?: AbortSignal): Promise<unknown> {
  const response = await fetch(`${client.apiBase}/run/${name}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ data: [] }),
    signal,
  });
  if (!response.ok) throw new Error(`POST /run/${name}: HTTP ${response.status}`);
  return ((await response.json()) as { data: unknown[] }).data[0];
}

/** A run's duration in seconds (up to `now` while it runs). */
export function runSeconds(run: Run, now = Date.now() / 1000): number {
  return (run.ended ?? now) - run.started;
}
