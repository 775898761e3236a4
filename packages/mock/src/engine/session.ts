/**
 * One client session: its pending event ids, its State values, and its event stream (`GET {P}/queue/data`).
 * Messages sent while no stream is open wait in a buffer and are replayed when one opens; after the last pending
 * job's `process_completed` the stream gets `close_stream` and ends (protocol §4.1, §4.3).
 * @module
 */

/** A queue message: `{"msg": …, "event_id": …, …}`. */
export type QueueMessage = { readonly msg: string; readonly event_id: string | null } & Record<
  string,
  unknown
>;

const encoder = new TextEncoder();

export function sseFrame(data: string): Uint8Array {
  return encoder.encode(`data: ${data}\n\n`);
}

/** Calls `tick` every `ms` without keeping a Node process alive. */
export function every(ms: number, tick: () => void): () => void {
  const timer = setInterval(tick, ms) as unknown as { unref?: () => void };
  timer.unref?.();
  return () => clearInterval(timer as unknown as number);
}

interface OpenStream {
  controller: ReadableStreamDefaultController<Uint8Array>;
  frames: number;
  dropAfter: number | null;
  stopHeartbeat: () => void;
}

export class Session {
  readonly hash: string;
  /** Event ids whose `process_completed` the session's stream has not delivered yet. */
  readonly pending = new Set<string>();
  /** `gr.State` values by component id. */
  readonly state = new Map<number, unknown>();
  #buffer: QueueMessage[] = [];
  #stream: OpenStream | null = null;
  readonly #onDisconnect: (session: Session) => void;

  constructor(hash: string, onDisconnect: (session: Session) => void) {
    this.hash = hash;
    this.#onDisconnect = onDisconnect;
  }

  get streaming(): boolean {
    return this.#stream !== null;
  }

  send(message: QueueMessage): void {
    if (this.#stream) this.#deliver(this.#stream, message);
    else this.#buffer.push(message);
  }

  /** Opens the session's event stream, replaying what was buffered. */
  open(heartbeatMs: number, dropAfter: number | null): ReadableStream<Uint8Array> {
    return new ReadableStream<Uint8Array>({
      start: (controller) => {
        const stream: OpenStream = { controller, frames: 0, dropAfter, stopHeartbeat: () => {} };
        this.#stream = stream;
        stream.stopHeartbeat = every(heartbeatMs, () => this.send({ msg: "heartbeat", event_id: null }));
        while (this.#stream === stream && this.#buffer.length > 0) {
          this.#deliver(stream, this.#buffer.shift() as QueueMessage);
        }
      },
      cancel: () => {
        const stream = this.#stream;
        if (!stream) return;
        this.#detach(stream);
        this.#onDisconnect(this);
      },
    });
  }

  /** Forgets what a closed stream left behind (jobs lost with it are never reported). */
  forget(): void {
    this.pending.clear();
    this.#buffer = [];
  }

  /** Ends an open stream (the mock is closing). */
  end(): void {
    const stream = this.#stream;
    if (!stream) return;
    this.#detach(stream);
    try {
      stream.controller.close();
    } catch {}
  }

  #deliver(stream: OpenStream, message: QueueMessage): void {
    stream.controller.enqueue(sseFrame(JSON.stringify(message)));
    stream.frames += 1;
    if (stream.dropAfter !== null && stream.frames >= stream.dropAfter) {
      this.#detach(stream);
      // Break the stream once the frames before the drop have been read: error() would discard queued ones.
      const { controller } = stream;
      const drop = () => {
        if ((controller.desiredSize ?? 1) <= 0) setTimeout(drop, 1);
        else controller.error(new TypeError("event stream dropped by an injected fault"));
      };
      drop();
      this.#onDisconnect(this);
      return;
    }
    if (message.msg !== "process_completed" || message.event_id === null) return;
    this.pending.delete(message.event_id);
    if (this.pending.size > 0) return;
    stream.controller.enqueue(sseFrame(JSON.stringify({ msg: "close_stream", event_id: null })));
    this.#detach(stream);
    stream.controller.close();
  }

  #detach(stream: OpenStream): void {
    stream.stopHeartbeat();
    if (this.#stream === stream) this.#stream = null;
  }
}
