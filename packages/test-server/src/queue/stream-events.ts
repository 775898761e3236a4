import type { Job } from "./job.js";

/** One chunk a client POSTed to `{P}/stream/{event_id}`, as the route saw it. */
export interface StreamChunkRecord {
  readonly eventId: string;
  readonly apiName: string;
  readonly sessionHash: string;
  /** 0-based arrival order among the chunks of this event (the join's data is not a chunk). */
  readonly index: number;
  /** Arrival time, ms since the epoch (`performance.timeOrigin + performance.now()`: sub-ms, monotonic). */
  readonly at: number;
  /** The chunk's `data` array as received. */
  readonly data: readonly unknown[];
}

/**
 * One joined `connection: "stream"` event (Gradio's `Event` with its `signal`): the latest chunk's data, whether it
 * was closed, and a wake-up for the runner waiting for the next chunk.
 */
export class StreamEvent {
  /** The newest inputs: the join's data, then each chunk's (Gradio keeps only the latest, `event.data = body`). */
  data: unknown[];
  /** `POST …/close` arrived (Gradio sets `run_time = inf`, and from 6.0 `closed = True`). */
  closed = false;
  /** The event ended on the server (completed, failed, cancelled, dropped). */
  finished = false;
  #signalled = false;
  #wake: (() => void) | null = null;

  constructor(
    readonly job: Job,
    data: unknown[],
  ) {
    this.data = data;
  }

  /** `event.signal.set()`: wakes the runner (a chunk or the close arrived). */
  signal(): void {
    this.#signalled = true;
    this.#wake?.();
  }

  /**
   * Gradio's `wait_for_event_or_timeout`: resolves `true` when signalled (then clears the signal), `false` after
   * `timeoutMs` or when `abort` fires.
   */
  wait(timeoutMs: number, abort: AbortSignal): Promise<boolean> {
    return new Promise((resolve) => {
      const done = (woken: boolean) => {
        clearTimeout(timer);
        abort.removeEventListener("abort", onAbort);
        this.#wake = null;
        this.#signalled = false;
        resolve(woken);
      };
      const onAbort = () => done(false);
      const timer = setTimeout(() => done(false), Math.max(0, timeoutMs));
      abort.addEventListener("abort", onAbort, { once: true });
      this.#wake = () => done(true);
      if (this.#signalled || abort.aborted) done(!abort.aborted);
    });
  }
}

/**
 * The server's stream events by id (Gradio's `event_ids_to_events`, for streaming events) and the log of every
 * chunk the `{P}/stream/{event_id}` route received, in arrival order.
 */
export class StreamEvents {
  readonly #events = new Map<string, StreamEvent>();
  readonly #chunks: StreamChunkRecord[] = [];

  /** Registers the event of a join (before it is queued: chunks may arrive while it waits). */
  add(job: Job, data: unknown[]): StreamEvent {
    const event = new StreamEvent(job, data);
    this.#events.set(job.eventId, event);
    return event;
  }

  get(eventId: string): StreamEvent | undefined {
    return this.#events.get(eventId);
  }

  /** 6.25: a finished event's id is dropped (later chunks get 404); before, it stayed for the process's life. */
  forget(eventId: string): void {
    this.#events.delete(eventId);
  }

  /** Logs a received chunk and returns its record. */
  record(event: StreamEvent, data: unknown[]): StreamChunkRecord {
    const index = this.#chunks.filter((chunk) => chunk.eventId === event.job.eventId).length;
    const record: StreamChunkRecord = {
      eventId: event.job.eventId,
      apiName: event.job.endpoint.apiName,
      sessionHash: event.job.session.hash,
      index,
      at: performance.timeOrigin + performance.now(),
      data,
    };
    this.#chunks.push(record);
    return record;
  }

  /** Copies of the chunk log, optionally of one event. */
  chunks(eventId?: string): StreamChunkRecord[] {
    return this.#chunks.filter((chunk) => eventId === undefined || chunk.eventId === eventId);
  }

  /** Forgets the chunk log (events stay). */
  clearChunks(): void {
    this.#chunks.length = 0;
  }
}
