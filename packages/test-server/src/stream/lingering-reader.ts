import type { ServerMessage } from "../queue/messages.js";
import type { Timers } from "../timers.js";
import type { Session, SessionTaker } from "./session-store.js";

/** What a lingering handler needs from the server around it. */
export interface LingeringHooks {
  timers: Timers;
  /** Gradio's 10 s `wait_for` timeout (scaled in tests). */
  timeoutMs: number;
  /** 6.11+: a completion whose id is no longer pending is ignored instead of raising a KeyError. */
  completionGuard: boolean;
  /** Stops the closed stream's heartbeat task (it runs until the handler returns). */
  stopHeartbeat(): void;
  /** `clean_events(session)`: what the handler runs once it notices the disconnect. */
  clean(session: Session): void;
  /** The handler returned (with or without cleaning). */
  onEnd(): void;
}

/**
 * Gradio 6.x's handler of a session stream whose client went away (protocol §16.4, measured on 6.25). The
 * handler awaits the session's next message (`wait_for(queue.get(), timeout=10)`) and checks for a disconnect
 * only after it, so until then it stays a second reader of the session's message queue, ahead of any newer
 * stream. It takes that next message and writes it nowhere. If the message was the completion of the last
 * pending event, it returns as after a `close_stream` (sse-disconnect-reuse.txt part 1: the dropped job's own
 * completion ends it and a later stream closes normally). Otherwise it runs `clean_events` for the session,
 * which removes or kills every job the session has at that moment, including jobs joined after the close
 * (part 2: a job joined 0.6 s after the drop vanished without a message). After the timeout it cleans too.
 */
export class LingeringReader implements SessionTaker {
  private cancelTimeout: () => void = () => {};
  private ended = false;

  constructor(
    private readonly session: Session,
    private readonly hooks: LingeringHooks,
  ) {}

  start(): void {
    this.session.lingering.push(this);
    this.cancelTimeout = this.hooks.timers.after(this.hooks.timeoutMs, () => {
      const index = this.session.lingering.indexOf(this);
      if (index >= 0) this.session.lingering.splice(index, 1);
      this.end(true);
    });
    // A message already waiting (a drop fault cut the stream mid-buffer) is taken at once.
    this.session.drain();
  }

  take(message: ServerMessage): void {
    this.end(this.noticesAfter(message));
  }

  /** Whether the handler goes on to notice the disconnect (and clean) after writing `message` nowhere. */
  private noticesAfter(message: ServerMessage): boolean {
    if (message.msg !== "process_completed" || typeof message.event_id !== "string") return true;
    const known = this.session.pending.delete(message.event_id);
    // Before 6.11 an unknown id raises a KeyError inside the handler: it ends without cleaning.
    if (!known && !this.hooks.completionGuard) return false;
    // The last pending completion: the handler "sends" close_stream and returns.
    return this.session.pending.size > 0;
  }

  private end(clean: boolean): void {
    if (this.ended) return;
    this.ended = true;
    this.cancelTimeout();
    this.hooks.stopHeartbeat();
    if (clean) this.hooks.clean(this.session);
    this.hooks.onEnd();
  }
}
