import type { MessageChannel, ServerMessage } from "../queue/messages.js";

/** Something that delivers a session's buffered messages to a client (an open SSE response). */
export interface SessionReader {
  /** Called whenever new messages were buffered. */
  flush(): void;
}

/**
 * A session as real Gradio keeps it: a message buffer (filled before and while a stream is open), the set
 * of pending event ids (removed when their `process_completed` is delivered), and gr.State values.
 */
export class Session implements MessageChannel {
  readonly pending = new Set<string>();
  readonly buffer: ServerMessage[] = [];
  readonly state = new Map<number, unknown>();
  reader: SessionReader | null = null;

  constructor(readonly hash: string) {}

  push(message: ServerMessage): void {
    this.buffer.push(message);
    this.reader?.flush();
  }
}

/** All sessions that ever joined; unknown sessions get `session_not_found` on their stream. */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  get(hash: string): Session | undefined {
    return this.sessions.get(hash);
  }

  getOrCreate(hash: string): Session {
    let session = this.sessions.get(hash);
    if (!session) {
      session = new Session(hash);
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
}
