/**
 * One multiplexed event stream per session (`GET {P}/queue/data?session_hash=S`, protocol §4.3): every job of the
 * session registers here by event id, messages are routed to it, and the stream is opened only while jobs are
 * pending, reopened after the server closes it, and never doubled. Jobs their callers gave up are stopped on the
 * server as {@link cancelAction} decides.
 * @module
 */
import { AuthError, ConnectionError, type GradioJobsError, messageOf, ProtocolError } from "../errors.js";
import { errorFromResponse, type Http } from "../http/http.js";
import type { ServerTraits } from "../wire/dialects.js";
import { decodeMessage, isObject, type ServerMessage } from "../wire/messages.js";
import { readEventStream } from "../wire/sse.js";
import { cancelAction } from "./cancel-policy.js";
import { postCancel } from "./cancel-request.js";
import { type EarlyItem, EarlyMessages } from "./early-messages.js";
import { idleWatch } from "./idle-watch.js";

/** What a job gives the stream to hear about its event. */
export interface StreamListener {
  /** A message for this job's event id. */
  message(message: ServerMessage): void;
  /** The job can no longer complete (stream lost, session error, garbled message). Called at most once. */
  lost(error: GradioJobsError): void;
  /** The job's current values (every output of the dependency), or `null` before its first output. */
  values?(): readonly unknown[] | null;
}

/** A `process_completed` message. */
export type Completion = Extract<ServerMessage, { msg: "process_completed" }>;

/** How a cancel ended on the server; see {@link SessionStream.abandon}. */
export type CancelReport =
  /** The server stopped the job, or it never ran there. */
  | { readonly stopped: true }
  /** The server finished the job before the cancel reached it; `completion` is its own completion message. */
  | { readonly stopped: false; readonly reason: "finished"; readonly completion: Completion }
  /** The server could not be told (network, HTTP error; tried twice); the job may still run there. */
  | { readonly stopped: false; readonly reason: "unreachable"; readonly detail: string }
  /** This server has no way to stop the job without stopping others (no `/cancel` route, shared session). */
  | { readonly stopped: false; readonly reason: "unstoppable" };

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
/** The abort reason of a stream the client closed on purpose (idle, or to drop a cancelled job's session). */
const CLIENT_CLOSE = Symbol("client close");
/**
 * How long after closing a session's stream its cancel is sent (action `close-and-send`). Gradio 5.x checks for a
 * disconnected stream every 50 ms (protocol §16.4), then drops the session's waiting jobs; the cancel afterwards only
 * stops a job that started meanwhile.
 */
const CANCEL_AFTER_CLOSE_MS = 150;
/** How many cancelled waiting jobs are watched for a late start (see `SessionStream.#route`). */
const MAX_CANCELLED_WAITING = 64;
/** How many cancelled generator runs are remembered as diff bases (protocol §16.3 a). */
const MAX_DIFF_BASES = 8;

interface Entry {
  readonly fnIndex: number;
  listener: StreamListener | null;
  running: boolean;
  /** Set once the caller gave the job up. */
  cancel: Cancel | null;
  /** Serial of the first stream certain to carry this event's messages. */
  readonly coveredBy: number;
}

interface Cancel {
  /** The listener the job had, for its values. */
  readonly former: StreamListener;
  /** `waiting` for a safe moment; `sent`: the request is out or answered, the completion not seen yet. */
  phase: "waiting" | "sent";
  /** The cancel was sent while the job was believed to wait: if it starts after all, the cancel is sent again. */
  sentWhileWaiting: boolean;
  readonly settle: (report: CancelReport) => void;
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
  /**
   * The session was opened for jobs that need no state of the client's own session (an extra session, see
   * `SessionPool`): a cancelled job that is alone in it may be stopped by closing the stream.
   */
  readonly ownSession?: boolean;
  /** The stream was lost (not closed by the client), with or without pending jobs: the app may have restarted. */
  readonly onLost?: (error: GradioJobsError) => void;
}

export class SessionStream {
  readonly sessionHash: string;
  readonly #entries = new Map<string, Entry>();
  /** Entries whose cancel is not sent yet (a subset of `entries`, pruned lazily). */
  readonly #detached = new Map<string, Entry>();
  #serial = 0;
  #reader: AbortController | null = null;
  /**
   * Aborted by {@link close}: also cancels the stream's body, because Node's fetch can leave a pending read pending
   * after an abort (seen after a `/cancel` in the session), which kept the stream open and the process alive. Only
   * there: cancelling the body on the other closes (idle, close-and-send) changed when Chromium let go of the stream,
   * and 5.x then ran cancelled waiting jobs (e2e "20 concurrent /work jobs").
   */
  readonly #shutdown = new AbortController();
  #closed = false;
  /** Whether a new job may join this session without meeting a quirk of an earlier one (see {@link reusable}). */
  #reusable = true;
  readonly #joins = new Set<JoinTicket>();
  /**
   * Items for event ids not registered yet, kept while a join is in flight. Gradio writes a job's first messages
   * (and, for a fast job or a 6.12+ cache hit, its completion) to the open stream while it handles the join, so they
   * can arrive before the join answer that names the id.
   */
  readonly #early = new EarlyMessages();
  #idleTimer: ReturnType<typeof setTimeout> | undefined;
  /** `/cancel` requests in flight, by function. */
  readonly #cancelling = new Map<number, Promise<unknown>>();
  /**
   * Jobs whose cancel was sent while they waited and that the server reported cancelled (`output:{}`), by event id →
   * function, newest last: see {@link #route}.
   */
  readonly #cancelledWaiting = new Map<string, number>();
  /** Last values of generator runs cancelled while running, newest last (protocol §16.3 a). */
  readonly #diffBases: (readonly unknown[])[] = [];

  readonly #options: SessionStreamOptions;

  constructor(options: SessionStreamOptions) {
    this.#options = options;
    this.sessionHash = options.sessionHash;
  }

  /** Number of events still pending on the server for this session (abandoned ones included). */
  get pendingCount(): number {
    return this.#entries.size;
  }

  /** Whether a stream response is currently open. */
  get isOpen(): boolean {
    return this.#reader !== null;
  }

  /** Whether anything is pending, joining, or a stream is open: the session holds (or is about to hold) a connection. */
  get inUse(): boolean {
    return this.#reader !== null || this.#entries.size > 0 || this.#joins.size > 0;
  }

  /**
   * Whether a new job may join this session as if it were fresh. False once the client closed the session's stream
   * itself (a 6.x server keeps reading that session until its next message and then drops its jobs, protocol §16.4)
   * or once a cancel was sent in it (a generator run of the session may continue the diff chain of the cancelled
   * one, §16.3 a). Extra sessions that are not reusable are dropped; the client's own session lives on with both
   * quirks handled.
   */
  get reusable(): boolean {
    return this.#reusable && !this.#closed;
  }

  /** Whether a job of `fnIndex` is pending or joining that a cancel could still have to wait for or hit. */
  hasFunction(fnIndex: number): boolean {
    for (const entry of this.#entries.values()) {
      if (entry.fnIndex === fnIndex && entry.cancel?.phase !== "sent") return true;
    }
    for (const ticket of this.#joins) if (ticket.fnIndex === fnIndex) return true;
    return false;
  }

  /**
   * Values that a generator's first diff may be relative to: the last values of generator runs cancelled in this
   * session, newest last. Gradio keeps a cancelled run's last value under the run's id and a new run can get the
   * same id (protocol §16.3 a).
   */
  diffBases(): readonly (readonly unknown[])[] {
    return this.#diffBases;
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
      cancel: null,
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
   * job, as {@link cancelAction} decides. Resolves with how that ended: stopped, finished by the server before the
   * cancel reached it, or not stoppable (see {@link CancelReport}). Resolves at once for an unknown or finished event.
   */
  abandon(eventId: string): Promise<CancelReport> {
    const entry = this.#entries.get(eventId);
    if (!entry?.listener) return Promise.resolve({ stopped: true });
    const former = entry.listener;
    entry.listener = null;
    return new Promise<CancelReport>((settle) => {
      entry.cancel = { former, phase: "waiting", sentWhileWaiting: false, settle };
      this.#detached.set(eventId, entry);
      this.#flushCancels();
    });
  }

  /** Closes the stream (the server then drops the session's pending jobs) and fails every job still attached. */
  close(error: GradioJobsError): void {
    this.#closed = true;
    clearTimeout(this.#idleTimer);
    this.#failAll(error);
    this.#reader?.abort(CLIENT_CLOSE);
    this.#shutdown.abort(CLIENT_CLOSE);
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
        this.#closed || controller.signal.reason === CLIENT_CLOSE
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
    if (controller.signal.reason === CLIENT_CLOSE) {
      this.#ensureOpen(); // a job may have registered since
      return;
    }
    if (failure) {
      this.#options.onLost?.(failure);
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
      this.#drop(eventId);
      entry.listener?.lost(
        new ProtocolError(
          `The server finished the session's events, but no completion for event ${eventId} arrived.`,
        ),
      );
      entry.cancel?.settle({ stopped: true });
    }
    this.#ensureOpen();
  }

  /** Reads one stream response to its end; resolves with whether `close_stream` was seen. */
  async #read(controller: AbortController): Promise<boolean> {
    const { http, apiBase, sessionHash, idleTimeoutMs } = this.#options;
    const url = `${apiBase}/queue/data?session_hash=${encodeURIComponent(sessionHash)}`;
    // Watched from the request on: a server that accepts the connection and never answers the headers is as dead.
    const idle = idleWatch(idleTimeoutMs, () =>
      controller.abort(
        new ConnectionError(`The event stream sent nothing for ${idleTimeoutMs} ms; it is presumed dead.`),
      ),
    );
    let sawClose = false;
    try {
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
      idle.touch();
      await readEventStream(
        response.body,
        (data) => {
          if (this.#dispatch(data)) sawClose = true;
        },
        idle.touch,
        this.#shutdown.signal,
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
      case "server_stopped": {
        const error = new ConnectionError(
          message.sessionNotFound
            ? "The server does not know this session any more (it was restarted or cleaned up)."
            : `The server reported an error for the whole session: ${message.message}`,
        );
        this.#options.onLost?.(error);
        this.#failAll(error);
        return false;
      }
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
    const runs =
      message.msg === "process_starts" ||
      message.msg === "progress" ||
      message.msg === "log" ||
      message.msg === "process_generating";
    // A cancel of a waiting job can reach Gradio 6.x just as the queue takes the job: no task to kill yet, and
    // nothing left to remove, so it runs after all (seen on 6.25 when the cancel follows a sibling's completion).
    // When such a job is seen starting, before or after its `output:{}`, the cancel is sent once more.
    const lateStart = entry
      ? runs && !entry.running && entry.cancel?.sentWhileWaiting === true
      : runs && this.#cancelledWaiting.has(eventId);
    if (lateStart) {
      const fnIndex = entry?.fnIndex ?? (this.#cancelledWaiting.get(eventId) as number);
      this.#cancelledWaiting.delete(eventId);
      if (entry?.cancel) entry.cancel.sentWhileWaiting = false;
      if (!this.#wantedPending(fnIndex)) void this.#post(eventId, fnIndex, 0, () => false);
    }
    if (!entry) {
      this.#keepEarly(eventId, { message });
      return;
    }
    if (runs) entry.running = true;
    if (message.msg === "process_completed") {
      this.#drop(eventId);
      entry.listener?.message(message);
      const outcome = cancelOutcome(message);
      if (outcome.stopped && entry.cancel?.sentWhileWaiting)
        this.#rememberCancelledWaiting(eventId, entry.fnIndex);
      entry.cancel?.settle(outcome);
      this.#flushCancels(entry.fnIndex);
      this.#watchIdle();
      return;
    }
    entry.listener?.message(message);
    if (entry.cancel?.phase === "waiting" && message.msg === "process_starts") this.#flushCancels();
  }

  #drop(eventId: string): void {
    this.#entries.delete(eventId);
    this.#detached.delete(eventId);
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
    void this.abandon(eventId);
    listener?.lost(error);
  }

  /**
   * Closes the open stream once it has stayed idle (nothing pending, no join in flight) for {@link IDLE_CLOSE_MS}.
   * Not the client's own session on servers where a closed stream lingers (6.x): its next job could be swallowed
   * (protocol §16.4), so that stream stays open (heartbeats only) until the client closes.
   */
  #watchIdle(): void {
    clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
    const reader = this.#reader;
    if (!reader || this.#entries.size > 0 || this.#joins.size > 0) return;
    if (!this.#options.ownSession && this.#options.traits.closedStreamLingers) return;
    this.#idleTimer = setTimeout(() => {
      this.#idleTimer = undefined;
      if (this.#reader === reader && this.#entries.size === 0 && this.#joins.size === 0) this.#closeStream();
    }, IDLE_CLOSE_MS);
  }

  /**
   * Closes the current stream on purpose; the session is then not {@link reusable} as a fresh one. The server drops
   * the session's waiting jobs and stops its running generators (protocol §4.9), so the given-up jobs end here.
   */
  #closeStream(): void {
    this.#reusable = false;
    this.#reader?.abort(CLIENT_CLOSE);
    for (const [eventId, entry] of this.#entries) {
      if (entry.listener) continue;
      this.#drop(eventId);
      entry.cancel?.settle({ stopped: true });
    }
  }

  /** Applies the cancel policy to every given-up job; `freed`: the function of a job that just completed. */
  #flushCancels(freed: number | null = null): void {
    // Only detached jobs can need a cancel: scanning them, not every pending job, keeps completions O(1).
    for (const [eventId, entry] of this.#detached) {
      const cancel = entry.cancel;
      if (this.#entries.get(eventId) !== entry || !cancel || cancel.phase !== "waiting") {
        this.#detached.delete(eventId);
        continue;
      }
      const action = cancelAction({
        traits: this.#options.traits,
        ownSession: this.#options.ownSession === true,
        running: entry.running,
        // Not "does a sibling run": what the client knows of the server lags behind it, and a sibling that started
        // meanwhile (or joins meanwhile) would be killed with no message ever after (protocol §7).
        siblingPending: this.#wantedPending(entry.fnIndex),
        othersPending: this.#wantedPending(null),
        slotJustFreed: freed === entry.fnIndex,
      });
      if (action === "wait") continue;
      this.#detached.delete(eventId);
      if (action === "none") {
        cancel.phase = "sent";
        cancel.settle({ stopped: false, reason: "unstoppable" });
        continue;
      }
      if (action === "close") {
        this.#drop(eventId);
        cancel.settle({ stopped: true });
        this.#closeStream();
        continue;
      }
      if (action === "close-and-send") {
        // The server must see the closed stream first: a cancel it handles before that answers `output:{}` and
        // `close_stream`, ends the stream itself, and the waiting job is not dropped (it runs later anyway).
        this.#closeStream();
        this.#send(eventId, entry, cancel, CANCEL_AFTER_CLOSE_MS);
      } else this.#send(eventId, entry, cancel, 0);
    }
  }

  /**
   * Sends the cancel of `entry` after `delayMs` (tried twice while that is still safe) and records what it stops.
   * Joins of the function wait for it from now on (see {@link beginJoin}): one joined meanwhile would be killed.
   */
  #send(eventId: string, entry: Entry, cancel: Cancel, delayMs: number): void {
    cancel.phase = "sent";
    cancel.sentWhileWaiting = !entry.running;
    this.#reusable = false;
    const { fnIndex } = entry;
    // Every running task of (session, function) dies with this cancel: the target, and jobs of the function that
    // were given up earlier (no wanted one is left, or the policy would have waited). The killed ones get no message.
    const killed: [string, Entry][] = [];
    for (const [id, other] of this.#entries) {
      if (other.fnIndex !== fnIndex || !other.running || other.listener) continue;
      this.#rememberValues((other.cancel?.former ?? null)?.values?.() ?? null);
      if (other !== entry) killed.push([id, other]);
    }
    const retry = () => this.#entries.get(eventId) === entry && !this.#wantedPending(fnIndex);
    void this.#post(eventId, fnIndex, delayMs, retry).then((failure) => {
      if (failure !== null) {
        if (this.#entries.get(eventId) === entry) {
          this.#drop(eventId);
          cancel.settle({ stopped: false, reason: "unreachable", detail: failure });
        }
        return;
      }
      for (const [id, other] of killed) {
        if (this.#entries.get(id) !== other) continue;
        this.#drop(id);
        other.cancel?.settle({ stopped: true });
      }
      this.#watchIdle();
    });
  }

  /**
   * `POST {P}/cancel` for `eventId` after `delayMs`, once more if it fails and `retry()` still holds; resolves with
   * why it failed, or `null`. Joins of the function wait for it (see {@link beginJoin}): one joined meanwhile would
   * be killed by it.
   */
  #post(eventId: string, fnIndex: number, delayMs: number, retry: () => boolean): Promise<string | null> {
    const { http, apiBase, sessionHash } = this.#options;
    const body = { session_hash: sessionHash, fn_index: fnIndex, event_id: eventId };
    const sent = (async () => {
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      const failure = await postCancel(http, apiBase, body);
      return failure !== null && retry() ? postCancel(http, apiBase, body) : failure;
    })();
    const previous = this.#cancelling.get(fnIndex);
    const all = previous ? Promise.all([previous, sent]) : sent;
    this.#cancelling.set(fnIndex, all);
    void sent.then(() => {
      if (this.#cancelling.get(fnIndex) === all) this.#cancelling.delete(fnIndex);
    });
    return sent;
  }

  #rememberCancelledWaiting(eventId: string, fnIndex: number): void {
    this.#cancelledWaiting.set(eventId, fnIndex);
    if (this.#cancelledWaiting.size > MAX_CANCELLED_WAITING) {
      this.#cancelledWaiting.delete(this.#cancelledWaiting.keys().next().value as string);
    }
  }

  #rememberValues(values: readonly unknown[] | null): void {
    if (!values) return;
    this.#diffBases.push(values);
    if (this.#diffBases.length > MAX_DIFF_BASES) this.#diffBases.shift();
  }

  /** Whether a job still wanted by its caller (of `fnIndex`, or of any function for `null`) is pending or joining. */
  #wantedPending(fnIndex: number | null): boolean {
    for (const entry of this.#entries.values()) {
      if (entry.listener !== null && (fnIndex === null || entry.fnIndex === fnIndex)) return true;
    }
    for (const ticket of this.#joins) if (fnIndex === null || ticket.fnIndex === fnIndex) return true;
    return false;
  }

  #failAll(error: GradioJobsError): void {
    // Gradio drops a session's events when its stream breaks (protocol §4.9), those of joins in flight included.
    for (const ticket of this.#joins) ticket.lost ??= error;
    const entries = [...this.#entries.values()];
    this.#entries.clear();
    this.#detached.clear();
    this.#watchIdle();
    for (const entry of entries) {
      entry.listener?.lost(error);
      // The server drops the jobs of a session whose stream is gone (protocol §4.9): a given-up job ends there too.
      entry.cancel?.settle({ stopped: true });
    }
  }
}

/** What a given-up job's own completion says about its cancel. */
function cancelOutcome(message: Completion): CancelReport {
  // Gradio answers a cancel that found the event pending with a success without data (protocol §7).
  if (message.success && !Array.isArray(message.output.data)) return { stopped: true };
  return { stopped: false, reason: "finished", completion: message };
}
