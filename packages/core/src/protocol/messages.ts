/**
 * The messages of Gradio's queue streams (protocol §4.4), decoded from JSON into a checked union. Anything that does
 * not have the shape the protocol promises becomes a {@link ProtocolError} naming what is wrong.
 * @module
 */
import { AppError, ProtocolError } from "../errors.js";
import type { LogMessage, ProgressUnit } from "../status.js";

/** The `output` object of `process_generating` / `process_completed`. */
export interface OutputPayload {
  readonly data?: unknown[];
  readonly error?: string | null;
  readonly title?: string | null;
  readonly duration?: number | null;
  readonly visible?: boolean;
  readonly [key: string]: unknown;
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
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ProtocolError(`The server sent a frame that is not JSON: ${text.slice(0, 120)}`, text);
  }
  if (!isObject(parsed) || typeof parsed.msg !== "string") {
    throw new ProtocolError("The server sent a message without a `msg` field.", parsed);
  }
  return decodeObject(parsed);
}

function decodeObject(m: Json): ServerMessage {
  const bad = (what: string) => new ProtocolError(`Malformed "${String(m.msg)}" message: ${what}.`, m);
  const eventId = (): string => {
    if (typeof m.event_id !== "string") throw bad("event_id is not a string");
    return m.event_id;
  };
  switch (m.msg) {
    case "estimation": {
      if (!isCount(m.rank) || !isCount(m.queue_size)) throw bad("rank and queue_size must be counts");
      return {
        msg: "estimation",
        eventId: typeof m.event_id === "string" ? m.event_id : null,
        rank: m.rank,
        queueSize: m.queue_size,
        eta: optionalNumber(m.rank_eta, bad),
      };
    }
    case "process_starts":
      return { msg: "process_starts", eventId: eventId(), eta: optionalNumber(m.eta, bad) };
    case "progress": {
      if (!Array.isArray(m.progress_data)) throw bad("progress_data is not a list");
      return {
        msg: "progress",
        eventId: eventId(),
        progress: m.progress_data.map((unit) => progressUnit(unit, bad)),
      };
    }
    case "log": {
      if (typeof m.log !== "string") throw bad("log is not a string");
      const level = m.level === "warning" || m.level === "success" || m.level === "error" ? m.level : "info";
      return {
        msg: "log",
        eventId: eventId(),
        log: {
          message: m.log,
          level,
          title: typeof m.title === "string" ? m.title : null,
          duration: optionalNumber(m.duration, bad),
          visible: m.visible !== false,
        },
      };
    }
    case "process_generating":
    case "process_streaming":
    case "process_completed": {
      if (!isObject(m.output)) throw bad("output is not an object");
      if (m.output.data !== undefined && !Array.isArray(m.output.data))
        throw bad("output.data is not a list");
      if (typeof m.success !== "boolean") throw bad("success is not a boolean");
      const id = eventId();
      if (m.msg === "process_completed") {
        const title = typeof m.title === "string" ? m.title : null;
        return { msg: m.msg, eventId: id, output: m.output as OutputPayload, success: m.success, title };
      }
      return { msg: m.msg, eventId: id, output: m.output as OutputPayload, success: m.success };
    }
    case "heartbeat":
    case "close_stream":
    case "send_hash":
    case "queue_full":
      return { msg: m.msg };
    case "send_data":
      return { msg: "send_data", eventId: eventId() };
    case "unexpected_error":
    case "server_stopped":
      return {
        msg: m.msg,
        message: typeof m.message === "string" ? m.message : "The server stopped unexpectedly.",
        // 5.45 flags it; 5.14 only says "404: Session not found." in the message.
        sessionNotFound: m.session_not_found === true || /session not found/i.test(String(m.message)),
      };
    default:
      return {
        msg: "other",
        eventId: typeof m.event_id === "string" ? m.event_id : null,
        name: String(m.msg),
      };
  }
}

function progressUnit(value: unknown, bad: (what: string) => ProtocolError): ProgressUnit {
  if (!isObject(value)) throw bad("a progress_data entry is not an object");
  return {
    index: optionalNumber(value.index, bad),
    length: optionalNumber(value.length, bad),
    unit: typeof value.unit === "string" ? value.unit : "steps",
    progress: optionalNumber(value.progress, bad),
    desc: typeof value.desc === "string" ? value.desc : null,
  };
}

function optionalNumber(value: unknown, bad: (what: string) => ProtocolError): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== "number" || !Number.isFinite(value))
    throw bad(`expected a number, got ${JSON.stringify(value)}`);
  return value;
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
