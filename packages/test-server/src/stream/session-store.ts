import { DiffRuns } from "../queue/diff-runs.js";
import type { MessageChannel, ServerMessage } from "../queue/messages.js";

/** Something that delivers a session's buffered messages to a client (an open SSE response). */
export interface SessionReader {
  /** Called whenever new messages were buffered. */
  flush(): void;
}

/** A reader that takes exactly one message, then goes away (6.x: the handler of a closed stream). */
export interface SessionTaker {
  take(message: ServerMessage): void;
}

/**
 * A session as real Gradio keeps it: a message buffer (filled before and while a stream is open), the set
 * of pending event ids (removed when their `process_completed` is delivered), gr.State values, and the diff
 * state of its generator runs.
 */
export class Session implements MessageChannel {
  readonly pending = new Set<string>();
  readonly buffer: ServerMessage[] = [];
  readonly state = new Map<number, unknown>();
  readonly diffRuns: DiffRuns;
  /** The open stream that delivers the buffer; a newer stream of the session replaces it. */
  reader: SessionReader | null = null;
  /**
   * 6.x: handlers of closed streams still waiting on the session's message queue, oldest first. They were
   * waiting before any newer stream, so each takes the next message before the reader sees it.
   */
  readonly lingering: SessionTaker[] = [];
  /** The heartbeat route noticed the close: Gradio marks the State for deletion (after 1 h; not modelled). */
  stateClosed = false;

  constructor(
    readonly hash: string,
    reuseCancelledDiffRuns = false,
  ) {
    this.diffRuns = new DiffRuns(reuseCancelledDiffRuns);
  }

  push(message: ServerMessage): void {
    this.buffer.push(message);
    this.drain();
  }

  /** Hands buffered messages to the lingering handlers first, then to the reader. */
  drain(): void {
    for (let taker = this.lingering[0]; taker && this.buffer.length > 0; taker = this.lingering[0]) {
      this.lingering.shift();
      taker.take(this.buffer.shift()!);
    }
    this.reader?.flush();
  }
}

/** All sessions that ever joined; unknown sessions get `session_not_found` on their stream. */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly reuseCancelledDiffRuns = false) {}

  get(hash: string): Session | undefined {
    return this.sessions.get(hash);
  }

  getOrCreate(hash: string): Session {
    let session = this.sessions.get(hash);
    if (!session) {
      session = new Session(hash, this.reuseCancelledDiffRuns);
      this.sessions.set(hash, session);
    }
    return session;
  }

  /** Events joined and not yet delivered as completed (or removed), over all sessions. */
  pendingCount(): number {
    let total = 0;
    for (const session of this.sessions.values()) total += session.pending.size;
    return total;
  }

  /** 6.x: handlers of closed streams still waiting for their session's next message. */
  lingeringCount(): number {
    let total = 0;
    for (const session of this.sessions.values()) total += session.lingering.length;
    return total;
  }
}
