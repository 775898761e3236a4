/**
 * {@link StreamJob}: the job of a streaming-input event (`connection: "stream"`), with `send`, `close` and `feed`.
 * Loaded by the first `client.stream()` with its input side (`stream-input.ts`); the media feeder (`media-feed.ts`)
 * loads on the first `feed()`.
 * @module
 */
import { StreamClosedError } from "../errors.js";
import type { EndpointArguments, EndpointInfo } from "../wire/endpoints.js";
import {
  Job,
  type JobCallbacks,
  type JobDriver,
  type JobExecutor,
  type Outputs,
  type StopOnServer,
} from "./job.js";
import { startStreamInput } from "./stream-input.js";
import type { SubmissionContext } from "./submission.js";

/** Options of {@link StreamJob.feed}. */
export interface FeedOptions {
  /**
   * The parameter (name or position) that gets the media: by default the first `gr.Image` parameter for a stream
   * with a video track, else the first `gr.Audio` parameter.
   */
  readonly parameter?: string | number;
  /**
   * Builds each chunk's arguments from the encoded media (`chunk`: `{ url: "data:image/jpeg;base64,…" }` for images,
   * a WAV `Blob` for audio) and its 0-based number; by default the media at `parameter` and the other parameters'
   * defaults.
   */
  readonly args?: (chunk: unknown, index: number) => EndpointArguments;
  /** Seconds between chunks; default the endpoint's `stream_every`. */
  readonly every?: number;
  /** Aborting it stops feeding and closes the event. */
  readonly signal?: AbortSignal;
}

/**
 * The DOM's `MediaStream` (a camera or microphone), named through `globalThis` so that core's types also load in
 * projects without the DOM lib (Node): there it is `never`, as Node has no media streams to feed.
 */
export type MediaStreamInput = typeof globalThis extends { MediaStream: { prototype: infer Stream } }
  ? Stream
  : never;

/** What a stream job's input side does; implemented in `stream-input.ts`, loaded on first use. @internal */
export interface StreamInputControl {
  send(args: EndpointArguments): Promise<void>;
  close(): Promise<void>;
  feed(media: MediaStreamInput, options: FeedOptions): Promise<void>;
  readonly sent: number;
}

/** Opens a stream job's input side: how to stop it on the server, and its controls once loaded. @internal */
export type OpenStreamInput<O extends Outputs> = (driver: JobDriver<O>) => {
  readonly stop: StopOnServer;
  readonly control: Promise<StreamInputControl>;
};

/** The input side of a `client.stream()` job (`stream-input.ts`): nothing reaches the server before the first chunk. @internal */
export function openStreamInput<O extends Outputs>(
  context: SubmissionContext,
  endpoint: EndpointInfo,
  eventData: unknown,
): OpenStreamInput<O> {
  return (driver) => {
    const input = startStreamInput(context, endpoint, eventData, driver);
    return { stop: () => input.stop(), control: Promise.resolve(input) };
  };
}

/** The input side of a stream job that failed before it started (unknown endpoint, closed client): it only fails. @internal */
export function failedStreamInput<O extends Outputs>(executor: JobExecutor<O>): OpenStreamInput<O> {
  return (driver) => {
    const stop = executor(driver);
    const control = Promise.reject(new StreamClosedError("The stream event failed before it started."));
    control.catch(() => {});
    return { stop, control };
  };
}

/**
 * A streaming-input event (`.stream(fn, stream_every=…, time_limit=…)` on `gr.Audio(streaming=True)`, webcam
 * `gr.Image(streaming=True)`), made by `await client.stream(endpoint)`. It is a {@link Job} (stores, `result()`,
 * `cancel()`, iteration: one output per chunk the function ran on) that also takes chunks: the first `send` joins
 * the queue with its arguments, each later one goes to `{api_prefix}/stream/{event_id}`, and `close()` ends the
 * event, which then completes with its last outputs. `feed(mediaStream)` sends a camera or microphone at the app's
 * `stream_every`.
 *
 * The event also ends on the server after `timeLimit` seconds, or when no chunk arrives for `timeLimit` (30 s
 * without one). A chunk sent after the end rejects with {@link StreamClosedError}.
 *
 * @example
 * ```ts
 * const stream = await client.stream("/transcribe");
 * stream.$outputs.subscribe((outputs) => console.log(outputs.at(-1)));
 * await stream.send([firstChunk]);
 * await stream.send([nextChunk]);
 * await stream.close();
 * const [text] = await stream.result();
 * ```
 */
export class StreamJob<O extends Outputs = Outputs> extends Job<O> {
  /** Seconds between chunks the app asks for (`stream_every`); `null` when the endpoint is not a stream. */
  readonly streamEvery: number | null;
  /** Seconds the event may run (`time_limit`); `null`: no limit. */
  readonly timeLimit: number | null;
  readonly #control: Promise<StreamInputControl>;
  #sent: () => number = () => 0;

  /** @internal Made by `client.stream()`. */
  constructor(
    key: string | (() => string),
    endpoint: EndpointInfo | null,
    open: OpenStreamInput<O>,
    callbacks: JobCallbacks<O> = {},
    onDone?: () => void,
  ) {
    let attach!: (control: Promise<StreamInputControl>) => void;
    let refuse!: (error: StreamClosedError) => void;
    const control = new Promise<StreamInputControl>((resolve, reject) => {
      attach = resolve;
      refuse = reject;
    });
    control.catch(() => {});
    super(
      key,
      (driver) => {
        const opened = open(driver);
        attach(opened.control);
        return opened.stop;
      },
      callbacks,
      () => {
        // Settles `send` calls made before the job started (it was cancelled or discarded first).
        refuse(new StreamClosedError(`The stream event ended (${this?.status().stage}) before it started.`));
        onDone?.();
      },
    );
    this.#control = control;
    this.streamEvery = endpoint?.streamEvery ?? null;
    this.timeLimit = endpoint?.timeLimit ?? null;
    control.then(
      (c) => {
        this.#sent = () => c.sent;
      },
      () => {},
    );
  }

  /** Chunks the server accepted so far (the first one joined the queue). */
  get chunksSent(): number {
    return this.#sent();
  }

  /**
   * Sends one chunk: the endpoint's arguments (positional or by name, like `submit`; `Blob`s are uploaded). The first
   * chunk starts the event. Chunks go out one after another in call order; resolves once the server took it.
   * Rejects with {@link StreamClosedError} after `close()` or once the event ended, {@link InputError} for arguments
   * that do not fit (the event goes on).
   */
  send(args: EndpointArguments): Promise<void> {
    if (this.done) return Promise.reject(this.#closedError());
    return this.#control.then((control) => control.send(args));
  }

  /**
   * Ends the event: chunks already sent go first, then `{P}/stream/{event_id}/close`. The job then completes with the
   * function's last outputs (Gradio runs it once more on the last chunk). Before any chunk, the job is cancelled.
   * Gradio 5.x ends an event without `time_limit` only when no chunk came for 30 s (its close needs a time limit).
   */
  close(): Promise<void> {
    if (this.done) return Promise.resolve();
    return this.#control.then(
      (control) => control.close(),
      () => {},
    );
  }

  /**
   * Sends a camera or microphone `MediaStream` at `stream_every` as Gradio's own frontend does: a `gr.Image` gets a
   * JPEG frame as `{ url: "data:image/jpeg;base64,…" }`, a `gr.Audio` a 16-bit PCM WAV of the audio since the last
   * chunk (uploaded). Browsers only (it needs a `<video>`, a canvas, an `AudioContext`).
   *
   * Resolves when feeding stops because the event ended: you called `close()` or aborted `options.signal` (the event
   * is closed), or it ended on the server (`time_limit`). Rejects with {@link MediaEndedError} when the media's tracks
   * end on their own (stopped, device gone): the event is closed first, so the server stops too.
   */
  feed(media: MediaStreamInput, options: FeedOptions = {}): Promise<void> {
    if (this.done) return Promise.reject(this.#closedError());
    return this.#control.then((control) => control.feed(media, options));
  }

  #closedError(): StreamClosedError {
    return new StreamClosedError(
      `The stream event has ended (${this.status().stage}): it takes no more chunks.`,
    );
  }
}
