/**
 * The messages of Gradio's queue streams (protocol §4.4), decoded from JSON into a checked union. Anything that does
 * not have the shape the protocol promises becomes a {@link ProtocolError} naming what is wrong.
 * @module
 */
import { AppError, ProtocolError } from "../errors.js";

/** One level of `gr.Progress` (nested loops give several, outermost first). */
export interface ProgressUnit {
  /** Current step (0-based, tqdm style), or `null` when `progress` is a fraction. */
  readonly index: number | null;
  /** Total steps, or `null` when unknown. */
  readonly length: number | null;
  /** Unit name, e.g. `"steps"`. */
  readonly unit: string;
  /** Fraction 0..1 when the app reported one, else `null` (use `index`/`length`). */
  readonly progress: number | null;
  /** Description the app gave, or `null`. */
  readonly desc: string | null;
}

/** A `gr.Info` / `gr.Warning` / `gr.Success` message sent while the job runs. */
export interface LogMessage {
  readonly message: string;
  readonly level: "info" | "warning" | "success" | "error";
  readonly title: string | null;
  /** Seconds to show it; `null` means until dismissed. */
  readonly duration: number | null;
  readonly visible: boolean;
}

/** The `output` object of `process_generating` / `process_completed`. */
export interface OutputPayload {
  readonly data?: unknown[];
  readonly error?: string | null;
  readonly title?: string | null;
  readonly duration?: number | null;
  readonly visible?: boolean;
  readonly [key: string]: unknown;
}

/** How `gr.cache` served a result (Gradio 6.12+): `"full"` (nothing ran) or `"partial"` (a manual cache was used). */
export type CacheUse = "full" | "partial";

/**
 * What Gradio 6.12+ sends with a completion besides the outputs (all `null` before 6.12, on failures and cancels),
 * named as on the job's status.
 */
export interface CompletionReport {
  /** `cache_duration`: seconds this run (or, for a cache hit, serving it from the cache) took. */
  readonly duration: number | null;
  /** `avg_time`: the function's average run time in seconds. */
  readonly averageDuration: number | null;
  /** `used_cache` (top level, else `output.used_cache`): whether `gr.cache` served the result. */
  readonly cache: CacheUse | null;
}

/** A decoded stream message. Unknown `msg` values are kept as `other` so newer servers do not break old clients. */
export type ServerMessage =
  | {
      readonly msg: "estimation";
      readonly eventId: string | null;
      readonly rank: number;
      readonly queueSize: number;
      readonly eta: number | null;
    }
  | { readonly msg: "process_starts"; readonly eventId: string; readonly eta: number | null }
  | { readonly msg: "progress"; readonly eventId: string; readonly progress: readonly ProgressUnit[] }
  | { readonly msg: "log"; readonly eventId: string; readonly log: LogMessage }
  | {
      readonly msg: "process_generating" | "process_streaming";
      readonly eventId: string;
      readonly output: OutputPayload;
      readonly success: boolean;
    }
  | {
      readonly msg: "process_completed";
      readonly eventId: string;
      readonly output: OutputPayload;
      readonly success: boolean;
      readonly title: string | null;
      readonly report: CompletionReport;
    }
  | { readonly msg: "heartbeat" | "close_stream" | "send_hash" | "queue_full" }
  | { readonly msg: "send_data"; readonly eventId: string }
  | {
      readonly msg: "unexpected_error" | "server_stopped";
      readonly message: string;
      readonly sessionNotFound: boolean;
    }
  | { readonly msg: "other"; readonly eventId: string | null; readonly name: string };

type Json = Record<string, unknown>;

/** Parses one SSE `data:` payload. Throws {@link ProtocolError} for malformed JSON or a malformed known message. */
export function decodeMessage(text: string): ServerMessage {
  let m: unknown;
  try {
    m = JSON.parse(text);
  } catch {
    throw new ProtocolError(`The server sent a frame that is not JSON: ${text.slice(0, 120)}`, text);
  }
  if (!isObject(m) || typeof m.msg !== "string") {
    throw new ProtocolError("The server sent a message without a `msg` field.", m);
  }
  // Module-level helpers, not closures: a long stream decodes a message per yield.
  const msg = m.msg;
  switch (msg) {
    case "process_generating":
    case "process_streaming":
    case "process_completed": {
      const output = m.output;
      if (!isObject(output)) return bad(m, "output is not an object");
      if (output.data !== undefined && !Array.isArray(output.data)) bad(m, "output.data is not a list");
      if (typeof m.success !== "boolean") bad(m, "success is not a boolean");
      const id = eventIdOf(m);
      if (msg !== "process_completed") return { msg, eventId: id, output, success: m.success as boolean };
      const cache = m.used_cache ?? output.used_cache ?? null;
      if (cache !== null && cache !== "full" && cache !== "partial") bad(m, "used_cache");
      return {
        msg,
        eventId: id,
        output,
        success: m.success as boolean,
        title: stringOrNull(m.title),
        report: {
          duration: number(m, m.cache_duration),
          averageDuration: number(m, m.avg_time),
          cache: cache as CacheUse | null,
        },
      };
    }
    case "estimation":
      if (!isCount(m.rank) || !isCount(m.queue_size)) bad(m, "rank and queue_size must be counts");
      return {
        msg,
        eventId: stringOrNull(m.event_id),
        rank: m.rank as number,
        queueSize: m.queue_size as number,
        eta: number(m, m.rank_eta),
      };
    case "process_starts":
      return { msg, eventId: eventIdOf(m), eta: number(m, m.eta) };
    case "progress":
      if (!Array.isArray(m.progress_data)) bad(m, "progress_data is not a list");
      return {
        msg,
        eventId: eventIdOf(m),
        progress: (m.progress_data as unknown[]).map((unit) =>
          isObject(unit)
            ? {
                index: number(m, unit.index),
                length: number(m, unit.length),
                unit: stringOrNull(unit.unit) ?? "steps",
                progress: number(m, unit.progress),
                desc: stringOrNull(unit.desc),
              }
            : bad(m, "a progress_data entry is not an object"),
        ),
      };
    case "log":
      if (typeof m.log !== "string") bad(m, "log is not a string");
      return {
        msg,
        eventId: eventIdOf(m),
        log: {
          message: m.log as string,
          level: m.level === "warning" || m.level === "success" || m.level === "error" ? m.level : "info",
          title: stringOrNull(m.title),
          duration: number(m, m.duration),
          visible: m.visible !== false,
        },
      };
    case "heartbeat":
    case "close_stream":
    case "send_hash":
    case "queue_full":
      return { msg };
    case "send_data":
      return { msg, eventId: eventIdOf(m) };
    case "unexpected_error":
    case "server_stopped":
      return {
        msg,
        message: stringOrNull(m.message) ?? "The server stopped unexpectedly.",
        // 5.45 flags it; 5.14 only says "404: Session not found." in the message.
        sessionNotFound: m.session_not_found === true || /session not found/i.test(String(m.message)),
      };
    default:
      return { msg: "other", eventId: stringOrNull(m.event_id), name: msg };
  }
}

function bad(m: Json, what: string): never {
  throw new ProtocolError(`Malformed "${m.msg}" message: ${what}.`, m);
}

function number(m: Json, value: unknown): number | null {
  if (value === null || value === undefined) return null;
  return typeof value === "number" && Number.isFinite(value)
    ? value
    : bad(m, `expected a number, got ${JSON.stringify(value)}`);
}

function stringOrNull(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

function eventIdOf(m: Json): string {
  return typeof m.event_id === "string" ? m.event_id : bad(m, "event_id is not a string");
}

function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0;
}

/** Whether a value is a plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The {@link AppError} for a failed function's `output` (protocol §4.8): `gr.Error` gives `{error, duration,
 * visible, title}`, other exceptions `{error}` (`null` with `show_error=False`). `title` is used when the output has
 * none.
 */
export function appErrorFromOutput(output: OutputPayload, title: string | null): AppError {
  return new AppError({
    title: typeof output.title === "string" ? output.title : title,
    message: typeof output.error === "string" ? output.error : null,
    duration: typeof output.duration === "number" ? output.duration : null,
    visible: output.visible !== false,
  });
}
