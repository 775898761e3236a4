/**
 * One multiplexed event stream per session (`GET {P}/queue/data?session_hash=S`, protocol §4.3): every job of the
 * session registers here by event id, messages are routed to it, and the stream is opened only while jobs are
 * pending, reopened after the server closes it, and never doubled.
 * @module
 */
import { AuthError, ConnectionError, type GradioJobsError, messageOf, ProtocolError } from "../errors.js";
import { errorFromResponse, type Http } from "../http.js";
import { postCancel } from "./cancel-request.js";
import type { ServerTraits } from "./dialects.js";
import { type EarlyItem, EarlyMessages } from "./early-messages.js";
import { idleWatch } from "./idle-watch.js";
import { decodeMessage, isObject, type ServerMessage } from "./messages.js";
import { readEventStream } from "./sse.js";

/** What a job gives the stream to hear about its event. */
export interface StreamListener {
  /** A message for this job's event id. */
  message(message: ServerMessage): void;
  /** The job can no longer complete (stream lost, session error, garbled message). Called at most once. */
  lost(error: GradioJobsError): void;
}

/**
 * A queue join in flight. Take one with {@link SessionStream.beginJoin} before sending the join and hand it to
 * {@link SessionStream.register} (or {@link SessionStream.endJoin} when the join failed).
 */
export interface JoinTicket {
  readonly fnIndex: number;
  /** Set when the session's stream failed while the join was in flight: Gradio dropped the job with the session. */
  lost: GradioJobsError | null;
}

/**
 * How long a stream may stay open with nothing pending and no join in flight before the client closes it. Gradio
 * ends a stream right after `close_stream` when its own list of the session's events is empty; one still open after
 * this long lists events this client no longer waits for (a job killed by a cancel of its sibling, protocol §7, or
 * one whose completion was lost with a cut stream), and it would send heartbeats forever.
 */
const IDLE_CLOSE_MS = 1_000;
/** The abort reason of a stream the client closed because nothing was pending. */
const IDLE_CLOSE = Symbol("idle close");

interface Entry {
  readonly fnIndex: number;
  listener: StreamListener | null;
  running: boolean;
  cancelSent: boolean;
  /** Serial of the first stream certain to carry this event's messages. */
  readonly coveredBy: number;
}

/** Settings of a {@link SessionStream}. */
export interface SessionStreamOptions {
  readonly http: Http;
  /** `{root}{P}` of the app. */
  readonly apiBase: string;
  readonly sessionHash: string;
  readonly traits: ServerTraits;
  /** A stream that sends no byte for this long is treated as lost (Gradio sends heartbeats every 15 s). */
  readonly idleTimeoutMs: number;
}

export class SessionStream {
  readonly #entries = new Map<string, Entry>();
  /** Entries whose job was abandoned and whose cancel is not sent yet (a subset of `entries`, pruned lazily). */
  readonly #detached = new Map<string, Entry>();
  #serial = 0;
  #reader: AbortController | null = null;
  #closed = false;
  readonly #joins = new Set<JoinTicket>();
  /**
   * Items for event ids not registered yet, kept while a join is in flight. Gradio writes a job's first messages
   * (and, for a fast job or a 6.12+ cache hit, its completion) to the open stream while it handles the join, so they
   * can arrive before the join answer that names the id.
   */
  readonly #early = new EarlyMessages();
  #idleTimer: ReturnType<typeof setTimeout> | undefined;
  /** `/cancel` requests in flight, by function. */
  readonly #cancelling = new Map<number, Promise<void>>();

  readonly #options: SessionStreamOptions;

  constructor(options: SessionStreamOptions) {
    this.#options = options;
  }

  /** Number of events still pending on the server for this session (abandoned ones included). */
  get pendingCount(): number {
    return this.#entries.size;
  }

  /** Whether a stream response is currently open. */
  get isOpen(): boolean {
    return this.#reader !== null;
  }

  /**
   * Marks a queue join of `fnIndex` as in flight until its ticket is passed to {@link register} or
   * {@link endJoin}, and resolves once no `/cancel` of that function is in flight: Gradio cancels by (session,
   * function), so a join that reached the server before such a cancel would be killed by it and never complete.
   */
  async beginJoin(fnIndex: number): Promise<JoinTicket> {
    const ticket: JoinTicket = { fnIndex, lost: null };
    this.#joins.add(ticket);
    this.#watchIdle();
    while (this.#cancelling.has(fnIndex)) await this.#cancelling.get(fnIndex);
    return ticket;
  }

  /** The join of `ticket` ended without an event id. */
  endJoin(ticket: JoinTicket): void {
    if (!this.#joins.delete(ticket)) return;
    this.#forgetEarly();
    this.#flushCancels();
    this.#watchIdle();
  }

  /** Early items can only belong to joins in flight: without any, they are dropped. */
  #forgetEarly(): void {
    if (this.#joins.size === 0) this.#early.clear();
  }

  /**
   * Routes the messages of `eventId` to `listener` (first those that arrived before the join answer) and makes
   * sure a stream is open to receive the rest.
   */
  register(eventId: string, fnIndex: number, listener: StreamListener, ticket?: JoinTicket): void {
    const early = this.#early.take(eventId);
    if (ticket) this.#joins.delete(ticket);
    this.#forgetEarly();
    if (this.#closed || ticket?.lost) {
      listener.lost(ticket?.lost ?? new ConnectionError("The client was closed."));
      this.#flushCancels();
      return;
    }
    // The entry exists before anything else runs: a deferred cancel must see this job as a sibling.
    this.#entries.set(eventId, {
      fnIndex,
      listener,
      running: false,
      cancelSent: false,
      coveredBy: this.#serial + 1,
    });
    for (const item of early) {
      if ("message" in item) this.#route(item.message);
      else this.#attributeGarbled(item.garbled, "", eventId);
    }
    this.#ensureOpen();
    this.#watchIdle();
  }

  /**
   * Stops routing messages to the job of `eventId` and stops it on the server as soon as that cannot hurt another
   * job. Gradio cancels by (session, function), not by event (protocol §7): a cancel sent while another job of the
   * same function runs in this session would kill that job too, and cancelling a waiting job makes 5.x servers
   * still run it and then abort the stream. So the cancel is sent once the job runs and no other job of its function
   * is pending or joining in this session (on servers that remove waiting jobs, without waiting for it to run);
   * until then the job is only detached.
   */
  abandon(eventId: string): void {
    const entry = this.#entries.get(eventId);
    if (!entry) return;
    entry.listener = null;
    this.#detached.set(eventId, entry);
    this.#flushCancels();
  }

  /** Closes the stream (the server then drops the session's pending jobs) and fails every job still attached. */
  close(error: GradioJobsError): void {
    this.#closed = true;
    clearTimeout(this.#idleTimer);
    this.#failAll(error);
    this.#reader?.abort();
  }

  #ensureOpen(): void {
    if (this.#reader || this.#entries.size === 0 || this.#closed) return;
    const controller = new AbortController();
    this.#reader = controller;
    this.#serial += 1;
    void this.#run(controller, this.#serial);
  }

  async #run(controller: AbortController, serial: number): Promise<void> {
    let sawClose = false;
    let failure: GradioJobsError | null = null;
    try {
      sawClose = await this.#read(controller);
    } catch (error) {
      failure =
        this.#closed || controller.signal.reason === IDLE_CLOSE
          ? null
          : error instanceof AuthError || error instanceof ConnectionError
            ? error
            : new ConnectionError(
                controller.signal.reason instanceof ConnectionError
                  ? controller.signal.reason.message
                  : `The event stream broke while jobs were pending (${messageOf(error)}). Gradio cannot resume a stream; submit again.`,
                { cause: error },
              );
    }
    this.#reader = null;
    this.#watchIdle();
    if (this.#closed) return;
    if (controller.signal.reason === IDLE_CLOSE) {
      this.#ensureOpen(); // a job may have registered since
      return;
    }
    if (failure) {
      this.#failAll(failure);
      return;
    }
    if (this.#options.traits.dialect.closeStream && !sawClose) {
      this.#failAll(
        new ConnectionError("The event stream ended without close_stream: the connection was lost."),
      );
      return;
    }
    for (const [eventId, entry] of this.#entries) {
      if (entry.coveredBy > serial) continue;
      this.#entries.delete(eventId);
      entry.listener?.lost(
        new ProtocolError(
          `The server finished the session's events, but no completion for event ${eventId} arrived.`,
        ),
      );
    }
    this.#ensureOpen();
  }

  /** Reads one stream response to its end; resolves with whether `close_stream` was seen. */
  async #read(controller: AbortController): Promise<boolean> {
    const { http, apiBase, sessionHash, idleTimeoutMs } = this.#options;
    const url = `${apiBase}/queue/data?session_hash=${encodeURIComponent(sessionHash)}`;
    const response = await http.request(
      url,
      // No `cache-control` request header: it would cost a CORS preflight, and a stream URL is never cached.
      { headers: { accept: "text/event-stream" }, signal: controller.signal },
      "Opening the event stream",
    );
    if (!response.ok || !response.body) {
      const error = await errorFromResponse(response, "Opening the event stream");
      throw error instanceof AuthError
        ? error
        : new ConnectionError(error.message, { status: response.status });
    }
    let sawClose = false;
    const idle = idleWatch(idleTimeoutMs, () =>
      controller.abort(
        new ConnectionError(`The event stream sent nothing for ${idleTimeoutMs} ms; it is presumed dead.`),
      ),
    );
    try {
      await readEventStream(
        response.body,
        (data) => {
          if (this.#dispatch(data)) sawClose = true;
        },
        idle.touch,
      );
    } finally {
      idle.stop();
    }
    return sawClose;
  }

  /** Handles one frame; returns true for `close_stream`. */
  #dispatch(data: string): boolean {
    let message: ServerMessage;
    try {
      message = decodeMessage(data);
    } catch (error) {
      this.#attributeGarbled(error as ProtocolError, data);
      return false;
    }
    switch (message.msg) {
      case "close_stream":
        return true;
      case "unexpected_error":
      case "server_stopped":
        this.#failAll(
          new ConnectionError(
            message.sessionNotFound
              ? "The server does not know this session any more (it was restarted or cleaned up)."
              : `The server reported an error for the whole session: ${message.message}`,
          ),
        );
        return false;
      case "heartbeat":
      case "send_hash":
      case "queue_full":
        return false;
      default:
        this.#route(message);
        return false;
    }
  }

  #route(message: ServerMessage): void {
    const eventId = "eventId" in message ? message.eventId : null;
    if (eventId === null) return;
    const entry = this.#entries.get(eventId);
    if (!entry) {
      this.#keepEarly(eventId, { message });
      return;
    }
    if (
      message.msg === "process_starts" ||
      message.msg === "progress" ||
      message.msg === "log" ||
      message.msg === "process_generating"
    ) {
      entry.running = true;
    }
    if (message.msg === "process_completed") {
      this.#entries.delete(eventId);
      entry.listener?.message(message);
      this.#flushCancels();
      this.#watchIdle();
      return;
    }
    entry.listener?.message(message);
    if (entry.listener === null && message.msg === "process_starts") this.#flushCancels();
  }

  /** Keeps an item for an id that may belong to a join in flight. */
  #keepEarly(eventId: string, item: EarlyItem): void {
    if (this.#joins.size > 0) this.#early.keep(eventId, item);
  }

  /** A frame that could not be decoded fails the job it names, if any; other jobs carry on. */
  #attributeGarbled(error: ProtocolError, raw: string, known: string | null = null): void {
    const payload = error.payload;
    let eventId =
      known ?? (isObject(payload) && typeof payload.event_id === "string" ? payload.event_id : null);
    if (eventId === null) {
      for (const id of this.#entries.keys()) {
        if (raw.includes(id)) {
          eventId = id;
          break;
        }
      }
    }
    if (eventId === null) return;
    const entry = this.#entries.get(eventId);
    if (!entry) {
      this.#keepEarly(eventId, { garbled: error });
      return;
    }
    const listener = entry.listener;
    this.abandon(eventId);
    listener?.lost(error);
  }

  /** Closes the open stream once it has stayed idle (nothing pending, no join in flight) for {@link IDLE_CLOSE_MS}. */
  #watchIdle(): void {
    clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
    const reader = this.#reader;
    if (!reader || this.#entries.size > 0 || this.#joins.size > 0) return;
    this.#idleTimer = setTimeout(() => {
      this.#idleTimer = undefined;
      if (this.#reader === reader && this.#entries.size === 0 && this.#joins.size === 0)
        reader.abort(IDLE_CLOSE);
    }, IDLE_CLOSE_MS);
  }

  #flushCancels(): void {
    const { traits } = this.#options;
    if (!traits.cancelRoute) return;
    // Only detached jobs can need a cancel: scanning them, not every pending job, keeps completions O(1).
    for (const [eventId, entry] of this.#detached) {
      if (this.#entries.get(eventId) !== entry || entry.cancelSent) {
        this.#detached.delete(eventId);
        continue;
      }
      if (!entry.running && !traits.cancelRemovesQueued) continue;
      // Not "does a sibling run": what the client knows of the server lags behind it, and a sibling that started
      // meanwhile (or joins meanwhile) would be killed with no message ever after (protocol §7).
      if (this.#siblingPending(entry)) continue;
      entry.cancelSent = true;
      this.#detached.delete(eventId);
      const { fnIndex } = entry;
      const previous = this.#cancelling.get(fnIndex);
      const { http, apiBase, sessionHash } = this.#options;
      const sent = postCancel(http, apiBase, {
        session_hash: sessionHash,
        fn_index: fnIndex,
        event_id: eventId,
      });
      const all = previous ? Promise.all([previous, sent]).then(() => {}) : sent;
      this.#cancelling.set(fnIndex, all);
      void all.then(() => {
        if (this.#cancelling.get(fnIndex) === all) this.#cancelling.delete(fnIndex);
      });
    }
  }

  /** Whether another job of the entry's function, still wanted by its caller, is pending or joining. */
  #siblingPending(entry: Entry): boolean {
    for (const other of this.#entries.values()) {
      if (other !== entry && other.listener !== null && other.fnIndex === entry.fnIndex) return true;
    }
    for (const ticket of this.#joins) if (ticket.fnIndex === entry.fnIndex) return true;
    return false;
  }

  #failAll(error: GradioJobsError): void {
    // Gradio drops a session's events when its stream breaks (protocol §4.9), those of joins in flight included.
    for (const ticket of this.#joins) ticket.lost ??= error;
    const listeners = [...this.#entries.values()].map((entry) => entry.listener);
    this.#entries.clear();
    this.#detached.clear();
    this.#watchIdle();
    for (const listener of listeners) listener?.lost(error);
  }
}
