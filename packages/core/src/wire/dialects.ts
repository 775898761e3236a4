/**
 * What differs between Gradio's queue protocols and server versions, as data (protocol §1, §5, §7, §13).
 * Code paths read these traits; they never branch on a version string themselves.
 * @module
 */
import { ProtocolError } from "../errors.js";

/** How a protocol version behaves on the wire. */
export interface Dialect {
  /** `session`: join by POST, then one multiplexed stream per session. `per-job`: one stream per job (4.0–4.8). */
  readonly transport: "session" | "per-job";
  /** Whether `process_generating` carries diffs after its first message. */
  readonly diffs: boolean;
  /** Whether the server announces the end of a stream with `close_stream` (so an end without it is a failure). */
  readonly closeStream: boolean;
  /** Whether a full queue is an SSE message (`queue_full`) rather than HTTP 503 on join. */
  readonly queueFullMessage: boolean;
}

/** The protocols the SDK speaks, keyed by `config.protocol`. */
export const DIALECTS: Readonly<Record<string, Dialect>> = {
  sse: { transport: "per-job", diffs: false, closeStream: false, queueFullMessage: true },
  sse_v1: { transport: "session", diffs: false, closeStream: false, queueFullMessage: false },
  sse_v2: { transport: "session", diffs: true, closeStream: false, queueFullMessage: false },
  "sse_v2.1": { transport: "session", diffs: true, closeStream: false, queueFullMessage: false },
  sse_v3: { transport: "session", diffs: true, closeStream: true, queueFullMessage: false },
};

/** Traits of one server: its dialect plus behaviour that changed between releases. */
export interface ServerTraits {
  readonly dialect: Dialect;
  /** `POST {P}/cancel` exists (Gradio 4.31+). */
  readonly cancelRoute: boolean;
  /** `/cancel` removes a waiting job from the queue (6.14+). Before, a cancelled waiting job still runs later. */
  readonly cancelRemovesQueued: boolean;
  /**
   * A stream the client closes lingers on the server until the session's next message (up to 10 s) and then takes
   * that message and drops every job of the session (measured on 6.25, protocol §16.4; assumed for 6.x). Before,
   * the server noticed the close within ~50 ms.
   */
  readonly closedStreamLingers: boolean;
}

/** Version thresholds of behaviour changes, as `major * 1e6 + minor * 1e3 + patch`. */
const SINCE = {
  cancelRoute: 4_031_000,
  cancelRemovesQueued: 6_014_000,
  closedStreamLingers: 6_000_000,
} as const;

/** The traits of a server from its `config.protocol` and `config.version`. */
export function serverTraits(protocol: string | undefined, version: string | undefined): ServerTraits {
  const name = protocol ?? "ws";
  const dialect = DIALECTS[name];
  if (!dialect) {
    throw new ProtocolError(
      `The app speaks the "${name}" protocol (Gradio 3.x or older), which this SDK does not support; ` +
        "it needs Gradio 4.0 or newer.",
    );
  }
  const match = /^(\d+)\.(\d+)\.(\d+)/.exec(version ?? "");
  const at = match ? Number(match[1]) * 1e6 + Number(match[2]) * 1e3 + Number(match[3]) : null;
  return {
    dialect,
    cancelRoute: at === null ? name === "sse_v3" : at >= SINCE.cancelRoute,
    cancelRemovesQueued: at !== null && at >= SINCE.cancelRemovesQueued,
    closedStreamLingers: at !== null && at >= SINCE.closedStreamLingers,
  };
}
