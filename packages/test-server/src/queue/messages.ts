import type { LogLevel, ProgressUnit } from "./job-context.js";

/** A message of the queue stream, serialized as one `data:` frame. */
export interface ServerMessage {
  msg: string;
  event_id?: string | null;
  [field: string]: unknown;
}

/** Anything that accepts a job's messages: a session buffer, or a legacy per-job stream. */
export interface MessageChannel {
  push(message: ServerMessage): void;
}

/** The `output` object of `process_generating` / `process_completed` on success (§4.4). */
export interface SuccessOutput {
  data: unknown[];
  is_generating: boolean;
  duration: number;
  average_duration: number;
  /** `gr.render` functions: what they drew (`{render_id, components, dependencies, layout}`); else null. */
  render_config: unknown;
  changed_state_ids: number[];
  /** 6.12+: null unless a `@gr.cache` hit (not modelled). */
  used_cache?: null;
}

/**
 * The 6.12+ cache fields at the top level of `process_completed`: `used_cache` (null: no cache hit),
 * `cache_duration` and `avg_time` (the output's `duration` and `average_duration` on success; null on errors
 * and cancels). Absent before 6.12.
 */
export interface CacheFields {
  cache_duration: number | null;
  avg_time: number | null;
}

/** Builders for every message, with the field order real Gradio 5.x uses (transcripts). */
export const messages = {
  estimation: (eventId: string, rank: number, queueSize: number, rankEta: number | null): ServerMessage => ({
    msg: "estimation",
    event_id: eventId,
    rank,
    queue_size: queueSize,
    rank_eta: rankEta,
  }),
  processStarts: (eventId: string, eta: number | null): ServerMessage => ({
    msg: "process_starts",
    event_id: eventId,
    eta,
  }),
  progress: (eventId: string, units: ProgressUnit[]): ServerMessage => ({
    msg: "progress",
    event_id: eventId,
    progress_data: units,
  }),
  log: (eventId: string, level: LogLevel, text: string): ServerMessage => ({
    msg: "log",
    event_id: eventId,
    log: text,
    level,
    duration: 10,
    visible: true,
    title: level === "info" ? "Info" : level === "warning" ? "Warning" : "Success",
  }),
  generating: (eventId: string, output: SuccessOutput): ServerMessage => ({
    msg: "process_generating",
    event_id: eventId,
    output,
    success: true,
    time_limit: null,
  }),
  completed: (
    eventId: string,
    output: unknown,
    success: boolean,
    title: string | null,
    cache?: CacheFields,
  ): ServerMessage => ({
    msg: "process_completed",
    event_id: eventId,
    output,
    success,
    title,
    ...(cache && { used_cache: null, ...cache }),
  }),
  /**
   * What `/cancel` queues for the cancelled event: empty output, success true (§7); 6.12+ adds the cache
   * fields, all null (sse-cancel-running.txt).
   */
  cancelled: (eventId: string, withCacheFields = false): ServerMessage =>
    messages.completed(
      eventId,
      {},
      true,
      null,
      withCacheFields ? { cache_duration: null, avg_time: null } : undefined,
    ),
  closeStream: (): ServerMessage => ({ msg: "close_stream", event_id: null }),
  heartbeat: (): ServerMessage => ({ msg: "heartbeat", event_id: null }),
  /** `withSessionField`: 5.45 adds `session_not_found`; 5.14 sends only `message` and `success`. */
  unexpectedError: (message: string, sessionNotFound: boolean, withSessionField = true): ServerMessage =>
    withSessionField
      ? {
          msg: "unexpected_error",
          event_id: null,
          message,
          session_not_found: sessionNotFound,
          success: false,
        }
      : { msg: "unexpected_error", event_id: null, message, success: false },
};
