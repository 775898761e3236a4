/**
 * The sessions one client holds on the server: its own (shared by every job, carrying `gr.State`, kept alive by the
 * heartbeat when the app asks for one) and, for cancels that must not touch another job, extra sessions of their
 * own.
 *
 * Gradio cancels by (session, function) (protocol §7). A job that needs nothing of the client's session (its
 * endpoint has no State input or output) and would share (session, function) with a pending job can instead run in
 * an extra session, so its cancel is keyed to it alone and reaches the server at once. Extra sessions are opened only
 * for functions that are being cancelled on this client (or for jobs that ask, see `isolate`), reused while they are
 * clean, dropped when a quirk of an earlier job could follow a new one there, and never more at once than the
 * stream budget allows; past it, jobs share the client's session and cancels wait until they are safe.
 * @module
 */
import { type GradioJobsError, loadPart } from "../errors.js";
import type { Heartbeat } from "./heartbeat.js";
import { newSessionHash } from "./session-hash.js";
import { SessionStream, type SessionStreamOptions } from "./session-stream.js";

/** When a job may get a session of its own: see {@link SessionPoolOptions.isolation}. */
export type Isolation = "auto" | "always" | "never";

/** Settings of a {@link SessionPool}. */
export interface SessionPoolOptions extends Omit<SessionStreamOptions, "ownSession"> {
  /** At most this many event streams open at once, the heartbeat included (at least 1). */
  readonly maxStreams: number;
  /**
   * - `auto`: a job of a function that has been cancelled on this client gets a session of its own when another
   *   job of the function is pending (jobs may also ask for it, see `isolate` on submit);
   * - `always`: every job that can, as soon as another job of its function is pending;
   * - `never`: every job shares the client's session.
   */
  readonly isolation: Isolation;
  /** Keep the session heartbeat open (`config.connect_heartbeat`). */
  readonly heartbeat: boolean;
}

/** What decides where one job runs. */
export interface Placement {
  readonly fnIndex: number;
  /** The endpoint reads or writes the session's state (`gr.State`): it must run in the client's session. */
  readonly sessionBound: boolean;
  /** `true`: prefer a session of its own; `false`: never; `undefined`: the pool's {@link Isolation} rule. */
  readonly isolate: boolean | undefined;
}

export class SessionPool {
  /** The client's own session. */
  readonly main: SessionStream;
  readonly #extra: SessionStream[] = [];
  /** Functions a job of which was cancelled on this client. */
  readonly #cancelled = new Set<number>();
  #heartbeat: Heartbeat | null = null;
  #closed = false;
  readonly #options: SessionPoolOptions;

  constructor(options: SessionPoolOptions) {
    this.#options = options;
    this.main = new SessionStream(options);
    if (options.heartbeat) {
      // Only apps that ask for it load the heartbeat; a part that cannot be loaded only costs the unload on close.
      void loadPart(() => import("./heartbeat.js"), "session heartbeat").then(
        ({ openHeartbeat }) => {
          if (!this.#closed)
            this.#heartbeat = openHeartbeat(options.http, options.apiBase, options.sessionHash);
        },
        () => {},
      );
    }
  }

  /** The session a new job joins (see the module description). */
  place({ fnIndex, sessionBound, isolate }: Placement): SessionStream {
    const { isolation } = this.#options;
    if (sessionBound || isolate === false || isolation === "never" || !this.main.hasFunction(fnIndex)) {
      return this.main;
    }
    if (!(isolate || isolation === "always" || this.#cancelled.has(fnIndex))) return this.main;
    for (let i = this.#extra.length - 1; i >= 0; i--) {
      const session = this.#extra[i] as SessionStream;
      if (!session.inUse && !session.reusable) this.#extra.splice(i, 1);
    }
    // A session with nothing in it first (a cancel there can also close its stream), then a new one, then one that
    // has only other functions' jobs.
    const idle = this.#extra.find((session) => session.reusable && !session.inUse);
    if (idle) return idle;
    if (this.#extra.filter((session) => session.inUse).length < this.#extraBudget()) {
      const session = new SessionStream({
        ...this.#options,
        sessionHash: newSessionHash(),
        ownSession: true,
      });
      this.#extra.push(session);
      return session;
    }
    return this.#extra.find((session) => session.reusable && !session.hasFunction(fnIndex)) ?? this.main;
  }

  /** A job of `fnIndex` was cancelled: later jobs of the function get sessions of their own (rule `auto`). */
  noteCancel(fnIndex: number): void {
    this.#cancelled.add(fnIndex);
  }

  /** Event streams open right now: the sessions' streams and the heartbeat. */
  get openStreams(): number {
    let open = (this.main.isOpen ? 1 : 0) + (this.#heartbeat?.isOpen ? 1 : 0);
    for (const session of this.#extra) if (session.isOpen) open += 1;
    return open;
  }

  /** Closes every stream and the heartbeat: the server ends the sessions, runs `unload` listeners. */
  close(error: GradioJobsError): void {
    this.#closed = true;
    this.#heartbeat?.close();
    this.main.close(error);
    for (const session of this.#extra.splice(0)) session.close(error);
  }

  /** How many extra sessions may hold streams at once: the budget less the client's own stream and the heartbeat. */
  #extraBudget(): number {
    return this.#options.maxStreams - 1 - (this.#options.heartbeat ? 1 : 0);
  }
}
