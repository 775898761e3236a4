import type { MessageChannel, ServerMessage } from "../queue/messages.js";
import type { Timers } from "../timers.js";
import { pythonJson } from "./python-json.js";
import type { Session } from "./session-store.js";
import type { SseResponse } from "./sse-response.js";

/** Converts a 5.x-shaped message to the 4.0 - 4.8 per-job shape (no event_id except in send_data). */
function legacyShape(message: ServerMessage): ServerMessage {
  const { event_id: eventId, ...rest } = message;
  if (message.msg === "send_data") return { msg: "send_data", event_id: eventId };
  if (message.msg !== "estimation") return rest;
  return {
    msg: "estimation",
    rank: message.rank,
    queue_size: message.queue_size,
    avg_event_process_time: null,
    avg_event_concurrent_process_time: null,
    rank_eta: message.rank_eta,
    queue_eta: 0,
  };
}

/**
 * The `sse` dialect (Gradio 4.0 - 4.8): one SSE response per job at `GET /queue/join`, frames written by
 * Python's `json.dumps` (spaced), ended right after `process_completed`.
 */
export class LegacyJobStream implements MessageChannel {
  private readonly stopHeartbeat: () => void;

  constructor(
    private readonly sse: SseResponse,
    private readonly session: Session,
    timers: Timers,
    heartbeatIntervalMs: number,
  ) {
    this.stopHeartbeat = timers.every(heartbeatIntervalMs, () =>
      this.sse.send(pythonJson({ msg: "heartbeat" })),
    );
    sse.onClose(() => this.stopHeartbeat());
  }

  push(message: ServerMessage): void {
    this.sse.send(pythonJson(legacyShape(message)));
    if (message.msg !== "process_completed" && message.msg !== "queue_full") return;
    if (typeof message.event_id === "string") this.session.pending.delete(message.event_id);
    this.sse.end("end");
  }
}
