/**
 * The input side of a streaming-input event (protocol §9), loaded with `StreamJob` by the first `client.stream()`: the
 * first chunk joins the queue, the next ones go to `{P}/stream/{event_id}` one after another, `close()` posts
 * `{P}/stream/{event_id}/close`. What the server answers (Gradio 5.14, 5.45 and 6.25 `routes.py`):
 * `{"msg":"success"}`; for an event it no longer has, 404 with an empty body on 6.25 and a KeyError (500) before;
 * 5.x never forgets a finished event and answers success, so the SDK also refuses chunks once the job is done.
 * @module
 */
import { CancelledError, loadPart, StreamClosedError, toJobError } from "../errors.js";
import { hasFileInput } from "../http/files.js";
import { errorFromResponse } from "../http/http.js";
import { buildInputData, type EndpointArguments, type EndpointInfo } from "../wire/endpoints.js";
import type { JobDriver, Outputs, StopOnServer } from "./job.js";
import type { FeedOptions, MediaStreamInput, StreamInputControl } from "./stream-job.js";
import { joinQueue, type SubmissionContext } from "./submission.js";

/** What the media feeder needs from a stream: its endpoint, `send`, `close`, and whether it still takes chunks. */
export interface FeedTarget {
  readonly endpoint: EndpointInfo;
  send(args: EndpointArguments): Promise<void>;
  close(): Promise<void>;
  /** The event takes no more chunks: closed, or the job is done. */
  readonly ended: boolean;
}

/** Starts the input side of a stream job: nothing reaches the server before the first chunk. */
export function startStreamInput<O extends Outputs>(
  context: SubmissionContext,
  endpoint: EndpointInfo,
  eventData: unknown,
  driver: JobDriver<O>,
): StreamInput<O> {
  return new StreamInput(context, endpoint, eventData, driver);
}

/** One stream event's chunks, close and stop. */
class StreamInput<O extends Outputs> implements StreamInputControl, FeedTarget {
  readonly endpoint: EndpointInfo;
  readonly #context: SubmissionContext;
  readonly #eventData: unknown;
  readonly #driver: JobDriver<O>;
  #sent = 0;
  /** Sends run one after another, in call order. */
  #chain: Promise<unknown> = Promise.resolve();
  #closing: Promise<void> | null = null;
  #eventId: string | null = null;
  #sessionHash = "";
  #stopJoined: StopOnServer | null = null;

  constructor(context: SubmissionContext, endpoint: EndpointInfo, eventData: unknown, driver: JobDriver<O>) {
    this.#context = context;
    this.endpoint = endpoint;
    this.#eventData = eventData ?? null;
    let last: O | undefined;
    // The job's own driver, except: the event id is kept for the chunks, and the completion counts as a new output
    // when it differs from the last one streamed (a close or the time limit runs the function once more, and Gradio
    // sends that run only in `process_completed`).
    this.#driver = {
      apply: (event) => driver.apply(event),
      output: (values) => {
        last = values;
        driver.output(values);
      },
      complete: (values, isNewOutput, report) =>
        driver.complete(values, isNewOutput || JSON.stringify(values) !== JSON.stringify(last), report),
      fail: (error) => driver.fail(error),
      setEventId: (eventId) => {
        this.#eventId = eventId;
        driver.setEventId(eventId);
      },
      get done() {
        return driver.done;
      },
      isolate: driver.isolate,
    };
  }

  get sent(): number {
    return this.#sent;
  }

  get ended(): boolean {
    return this.#closing !== null || this.#driver.done;
  }

  send(args: EndpointArguments): Promise<void> {
    if (this.ended) return Promise.reject(this.#closedError());
    const sent = this.#chain.then(() => this.#sendNow(args));
    this.#chain = sent.catch(() => {});
    return sent;
  }

  close(): Promise<void> {
    this.#closing ??= this.#chain.then(async () => {
      if (this.#driver.done) return;
      if (this.#eventId === null) {
        this.#driver.apply({
          type: "cancelled",
          error: new CancelledError("The stream event was closed before its first chunk."),
        });
        return;
      }
      await this.#postClose();
    });
    return this.#closing;
  }

  /** `job.cancel()`: no more chunks; close the event (it then ends on 6.x and with a time limit), then cancel it. */
  async stop(): Promise<boolean> {
    this.#closing ??= Promise.resolve();
    if (this.#eventId !== null) await this.#postClose().catch(() => {});
    return this.#stopJoined ? this.#stopJoined() : true;
  }

  async feed(media: MediaStreamInput, options: FeedOptions): Promise<void> {
    const { feedMedia } = await loadPart(() => import("./media-feed.js"), "media feed");
    return feedMedia(this, media, options);
  }

  async #sendNow(args: EndpointArguments): Promise<void> {
    if (this.#driver.done) throw this.#closedError();
    let data = buildInputData(this.endpoint, args);
    if (hasFileInput(data)) {
      const { prepareFiles } = await loadPart(() => import("../http/upload.js"), "upload");
      data = await prepareFiles(this.#context.files, data);
    }
    if (this.#driver.done) throw this.#closedError();
    if (this.#eventId === null) {
      await this.#join(data);
      this.#sent += 1;
      return;
    }
    const response = await this.#post(`/stream/${this.#eventId}`, {
      data,
      event_data: this.#eventData,
      fn_index: this.endpoint.fnIndex,
      session_hash: this.#sessionHash,
    });
    // 6.25 answers 404 for an event it no longer has; before, the lookup raised a KeyError (500).
    if (response.status === 404 || response.status === 500) {
      void response.body?.cancel();
      throw this.#closedError("the server no longer has it");
    }
    if (!response.ok) throw await errorFromResponse(response, "Sending a stream chunk");
    void response.body?.cancel();
    this.#sent += 1;
  }

  async #join(data: unknown[]): Promise<void> {
    const { endpoint } = this;
    const session = this.#context.sessions.place({
      fnIndex: endpoint.fnIndex,
      sessionBound: endpoint.sessionBound,
      isolate: this.#driver.isolate,
    });
    this.#sessionHash = session.sessionHash;
    const body = {
      data,
      event_data: this.#eventData,
      fn_index: endpoint.fnIndex,
      session_hash: session.sessionHash,
      trigger_id: endpoint.triggerId,
    };
    try {
      await joinQueue(this.#context, session, endpoint, body, this.#driver, (stop) => {
        this.#stopJoined = stop;
      });
    } catch (error) {
      const failure = toJobError(error);
      if (!this.#driver.done) this.#driver.fail(failure);
      throw failure;
    }
  }

  async #postClose(): Promise<void> {
    const response = await this.#post(`/stream/${this.#eventId}/close`, {});
    // 404/500: the server no longer has the event; it has ended already.
    void response.body?.cancel();
  }

  #post(path: string, body: unknown): Promise<Response> {
    return this.#context.http.request(
      `${this.#context.apiBase}${path}`,
      { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) },
      path.endsWith("/close") ? "Closing the stream event" : "Sending a stream chunk",
    );
  }

  #closedError(reason?: string): StreamClosedError {
    const why =
      reason ??
      (this.#driver.done ? "it has ended" : this.#closing ? "it was closed" : "it takes no more chunks");
    return new StreamClosedError(
      `${this.endpoint.apiName ?? `fn_index ${this.endpoint.fnIndex}`}: the chunk was not sent to the stream event: ${why}.`,
    );
  }
}
