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
  /**
   * 6.11+: a timer task puts a `heartbeat` into the session queue every interval, whatever the traffic. Before,
   * the stream sends one only when nothing is queued at that moment.
   */
  heartbeatTask: boolean;
  /** 6.11+: a completion whose id is no longer pending is sent and ignored; before, it raises a KeyError. */
  completionGuard: boolean;
  timers: Timers;
  /**
   * The client went away (or a drop fault cut it). 5.x notices at once: Gradio's `clean_events` for the
   * session. 6.x: the handler lingers (see LingeringReader); `stopHeartbeat` is its heartbeat task.
   */
  onDisconnect(session: Session, stopHeartbeat: () => void): void;
  onClose(reason: StreamCloseReason): void;
}

/**
 * The multiplexed `GET {P}/queue/data?session_hash=S` stream (sse_v1 and later). It drains the session's
 * buffer like Gradio's stream loop: a delivered `process_completed` removes its event id from the pending
 * set; an empty set ends the response (after `close_stream` on sse_v3). A completion whose id is no longer
 * pending is still sent; before 6.11 it then raises Gradio's KeyError: `unexpected_error` with message
 * `'<event_id>'` and an aborted socket (sse-cancel-queued.txt); from 6.11 it is ignored, so the stream only
 * ends once the other pending ids are done (6.25 sse-cancel-queued-same-session.txt: never).
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
      if (this.session.reader === this) this.session.reader = null;
      if (reason === "client" || reason === "fault") {
        this.hooks.onDisconnect(this.session, this.stopHeartbeat);
      } else {
        this.stopHeartbeat();
      }
      this.hooks.onClose(reason);
    });
    this.sse.open();
    if (this.sse.closed) return;
    const { timers, heartbeatIntervalMs } = this.hooks;
    this.stopHeartbeat = this.hooks.heartbeatTask
      ? timers.every(heartbeatIntervalMs, () => this.session.push(messages.heartbeat()))
      : // 5.x: the timer runs from stream open and from the last heartbeat, not from the last message.
        timers.every(heartbeatIntervalMs, () => {
          if (this.session.buffer.length === 0) this.sse.send(JSON.stringify(messages.heartbeat()));
        });
    this.session.drain();
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
    const known = this.session.pending.delete(String(message.event_id));
    if (!known && !this.hooks.completionGuard) {
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
