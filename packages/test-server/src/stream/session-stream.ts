import type { Dialect } from "../options.js";
import { messages, type ServerMessage } from "../queue/messages.js";
import type { Timers } from "../timers.js";
import type { Session, SessionReader } from "./session-store.js";
import type { SseResponse, StreamCloseReason } from "./sse-response.js";

/** What a session stream needs from the server around it. */
export interface SessionStreamHooks {
  dialect: Dialect;
  heartbeatIntervalMs: number;
  /** 5.45's `unexpected_error` carries `session_not_found`; 5.14's does not. */
  richErrorShapes: boolean;
  timers: Timers;
  /** The client went away (or a drop fault cut it): Gradio's `clean_events` for the session. */
  onDisconnect(session: Session): void;
  onClose(reason: StreamCloseReason): void;
}

/**
 * The multiplexed `GET {P}/queue/data?session_hash=S` stream (sse_v1 and later). It drains the session's
 * buffer like Gradio's stream loop: a delivered `process_completed` removes its event id from the pending
 * set; an empty set ends the response (after `close_stream` on sse_v3). A completion whose id is no longer
 * pending is still sent, then raises Gradio's KeyError: `unexpected_error` with message `'<event_id>'` and
 * an aborted socket (sse-cancel-queued.txt).
 */
export class SessionStream implements SessionReader {
  private stopHeartbeat: () => void = () => {};

  constructor(
    private readonly sse: SseResponse,
    private readonly session: Session,
    private readonly hooks: SessionStreamHooks,
  ) {}

  start(): void {
    this.session.reader = this;
    this.sse.onClose((reason) => {
      this.stopHeartbeat();
      if (this.session.reader === this) this.session.reader = null;
      if (reason === "client" || reason === "fault") this.hooks.onDisconnect(this.session);
      this.hooks.onClose(reason);
    });
    this.sse.open();
    if (this.sse.closed) return;
    // 5.x: the timer runs from stream open and from the last heartbeat, not from the last message.
    this.stopHeartbeat = this.hooks.timers.every(this.hooks.heartbeatIntervalMs, () => {
      if (this.session.buffer.length === 0) this.sse.send(JSON.stringify(messages.heartbeat()));
    });
    this.flush();
  }

  flush(): void {
    while (!this.sse.closed && this.session.reader === this) {
      const message = this.session.buffer.shift();
      if (!message) return;
      this.deliver(message);
    }
  }

  private deliver(message: ServerMessage): void {
    if (!this.sse.send(JSON.stringify(message)) || message.msg !== "process_completed") return;
    // Gradio yields the frame first, then removes the id from the pending set.
    if (!this.session.pending.delete(String(message.event_id))) {
      this.sse.send(
        JSON.stringify(
          messages.unexpectedError(`'${String(message.event_id)}'`, false, this.hooks.richErrorShapes),
        ),
      );
      this.sse.abort("end");
      return;
    }
    if (this.session.pending.size > 0) return;
    if (this.hooks.dialect.sendsCloseStream) {
      this.sse.send(JSON.stringify(messages.closeStream()));
      this.sse.end("close_stream");
    } else {
      this.sse.end("end");
    }
  }
}
