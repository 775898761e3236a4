import type { Endpoint } from "../app/app.js";
import type { Session } from "../stream/session-store.js";
import type { MessageChannel } from "./messages.js";

/** How a job ended (the `job-end` event's `outcome`). */
export type JobOutcome = "completed" | "error" | "cancelled" | "dropped";

/** One queued event (Gradio's `Event`). */
export interface Job {
  readonly eventId: string;
  readonly session: Session;
  readonly endpoint: Endpoint;
  /** Input values; null until a legacy `sse` client POSTs them to `/queue/data`. */
  data: unknown[] | null;
  /** Base URL of the join request, for output file URLs. */
  readonly root: string;
  /** Where the job's messages go: its session buffer, or a legacy per-job stream. */
  channel: MessageChannel;
  status: "waiting" | "running" | "finished";
  /** False once the client disconnected: no more messages, results discarded. */
  alive: boolean;
  /** Aborted by `/cancel` (same session and fn) and by server close. */
  readonly killer: AbortController;
  startedAt: number;
}

/** The payload of the join / job-* events. */
export function jobEventPayload(job: Job): {
  sessionHash: string;
  fnIndex: number;
  apiName: string;
  eventId: string;
} {
  return {
    sessionHash: job.session.hash,
    fnIndex: job.endpoint.id,
    apiName: job.endpoint.apiName,
    eventId: job.eventId,
  };
}
