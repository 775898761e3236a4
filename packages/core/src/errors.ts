/**
 * Every error the SDK rejects with is a {@link GradioJobsError}: branch on `instanceof` or on the stable `code`.
 *
 * @example
 * ```ts
 * try {
 *   await client.predict("/predict", [1, "add", 2]);
 * } catch (error) {
 *   if (error instanceof QueueFullError) showBusyBanner(error.detail);
 *   else if (error instanceof AppError) showToast(error.title ?? "Error", error.serverMessage);
 *   else throw error;
 * }
 * ```
 * @module
 */

/** The stable machine-readable code of every error class. */
export type ErrorCode =
  | "APP_ERROR"
  | "QUEUE_FULL"
  | "CANCELLED"
  | "TIMEOUT"
  | "CONNECTION"
  | "ENDPOINT_NOT_FOUND"
  | "AUTH"
  | "SPACE"
  | "PROTOCOL"
  | "INVALID_INPUT"
  | "FILE_TOO_LARGE"
  | "STREAM_CLOSED"
  | "MEDIA_ENDED"
  | "LOCAL_FILE"
  | "HTTP"
  | "APP_RESTARTED";

/** Secrets the SDK was given (tokens, login cookies): never repeated in an error, even when a server echoes them. */
const secrets = new Set<string>();

/** @internal Keeps `value` out of every error message and body from now on. */
export function keepSecret(value: string): void {
  if (value.length >= 8) secrets.add(value);
}

/** @internal `text` with every kept secret replaced by `[redacted]`. */
export function redact(text: string): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join("[redacted]");
  return out;
}

/** Base class of every error thrown or rejected by `@gradio-jobs/core`. */
export class GradioJobsError extends Error {
  // A literal, not `new.target.name`: minifiers rename classes.
  override readonly name: string = "GradioJobsError";
  /** Stable code to branch on, the same for every instance of a class. */
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(redact(message), options);
    this.code = code;
  }
}

/**
 * The app's function failed: `raise gr.Error(...)` (with `title`, `duration`, `visible`) or any other exception
 * (then `serverMessage` is the exception text, or `null` when the app runs with `show_error=False`).
 *
 * @example
 * ```ts
 * job.result().catch((e) => { if (e instanceof AppError) alert(`${e.title}: ${e.serverMessage}`); });
 * ```
 */
export class AppError extends GradioJobsError {
  override readonly name: string = "AppError";
  /** Title of the error (`gr.Error(title=...)`), `"Error"` by default, `null` if the server sent none. */
  readonly title: string | null;
  /** The message the server sent (may contain HTML for `gr.Error`), or `null` when hidden by `show_error=False`. */
  readonly serverMessage: string | null;
  /** Seconds the app wants the message shown (`null`: until dismissed). */
  readonly duration: number | null;
  /** Whether the app wants the message shown to the user. */
  readonly visible: boolean;

  constructor(info: {
    title: string | null;
    message: string | null;
    duration?: number | null;
    visible?: boolean;
  }) {
    super(
      "APP_ERROR",
      info.message === null
        ? "The app raised an error and hides its details (show_error=False)."
        : `${info.title ?? "Error"}: ${info.message}`,
    );
    this.title = info.title;
    this.serverMessage = info.message;
    this.duration = info.duration ?? null;
    this.visible = info.visible ?? true;
  }
}

/** The server refused the job because its queue is full (`queue(max_size=N)`, HTTP 503). Try again later. */
export class QueueFullError extends GradioJobsError {
  override readonly name: string = "QueueFullError";
  /** The server's own words, e.g. `"Queue is full. Max size is 2 and size is 2."`. */
  readonly detail: string;
  constructor(detail: string) {
    super("QUEUE_FULL", `The app's queue is full; try again later. Server said: ${detail}`);
    this.detail = redact(detail);
  }
}

/** The job was cancelled (by `job.cancel()`, an aborted `signal`, or by the server). */
export class CancelledError extends GradioJobsError {
  override readonly name: string = "CancelledError";
  /**
   * The final outputs of a job that the server finished before the cancel reached it (`await job.cancel()` then
   * resolved `false`); `undefined` otherwise.
   */
  readonly outputs: readonly unknown[] | undefined;
  /** `cause`: an aborted `signal`'s reason (`AbortSignal.timeout(ms)`'s is a `TimeoutError` `DOMException`). */
  constructor(message = "The job was cancelled.", outputs?: readonly unknown[], cause?: unknown) {
    super("CANCELLED", message, { cause });
    this.outputs = outputs;
  }
}

/**
 * Something took longer than its time limit: `job.result({ timeout })` gave up waiting (the job keeps running; call
 * `job.cancel()` to stop it), `Client.connect` got no answer within `connectTimeout`, or a queue join none within
 * `joinTimeout` (the server accepted the connection and stayed silent). The message says which.
 */
export class TimeoutError extends GradioJobsError {
  override readonly name: string = "TimeoutError";
  readonly timeoutMs: number;
  constructor(
    timeoutMs: number,
    message = `No result within ${timeoutMs} ms; the job is still running (call job.cancel() to stop it).`,
  ) {
    super("TIMEOUT", message);
    this.timeoutMs = timeoutMs;
  }
}

/**
 * The app restarted since the client read its config: its app id changed (or it no longer knows the client's session).
 * Sessions, `gr.State` and rendered events of the old process are gone, and its endpoints may have changed, so the
 * job was **not** sent again. Call `client.refresh()` (re-reads the config and endpoints), then submit again.
 * `client.$restarted` holds the error from the moment it is noticed until the refresh.
 *
 * @example
 * ```ts
 * try {
 *   await client.predict("/predict", [1, "add", 2]);
 * } catch (error) {
 *   if (!(error instanceof AppRestartedError)) throw error;
 *   await client.refresh();
 *   await client.predict("/predict", [1, "add", 2]);
 * }
 * ```
 */
export class AppRestartedError extends GradioJobsError {
  override readonly name: string = "AppRestartedError";
  /** The app id the client knew (`config.app_id`). */
  readonly previousAppId: string | number | null;
  /** The app id the server reports now (`{P}/app_id`), `null` when only a forgotten session told. */
  readonly appId: string | number | null;
  constructor(url: string, previousAppId: string | number | null, appId: string | number | null) {
    super(
      "APP_RESTARTED",
      `The app at ${url} restarted (${appId === null ? "it no longer knows this session" : `app id ${previousAppId} is now ${appId}`}): ` +
        "its sessions, State and rendered events are gone and its endpoints may have changed. Nothing was sent again; " +
        "call client.refresh() and submit again.",
    );
    this.previousAppId = previousAppId;
    this.appId = appId;
  }
}

/**
 * The connection to the app failed or the job's event stream was lost. Gradio cannot resume a lost stream, so
 * every job pending on it settles with this error; submit again to retry.
 */
export class ConnectionError extends GradioJobsError {
  override readonly name: string = "ConnectionError";
  /** HTTP status when the server answered with an unexpected one, else `undefined`. */
  readonly status: number | undefined;
  constructor(message: string, options?: { cause?: unknown; status?: number }) {
    super("CONNECTION", message, options);
    this.status = options?.status;
  }
}

/** No endpoint with that api name or fn index exists (or it cannot be called from a client). */
export class EndpointNotFoundError extends GradioJobsError {
  override readonly name: string = "EndpointNotFoundError";
  readonly endpoint: string | number;
  /** The api names that do exist, to help fix a typo. */
  readonly available: readonly string[];
  constructor(endpoint: string | number, available: readonly string[], reason?: string) {
    super(
      "ENDPOINT_NOT_FOUND",
      reason ??
        `No endpoint ${typeof endpoint === "number" ? `with fn_index ${endpoint}` : JSON.stringify(endpoint)}. ` +
          `Available: ${available.length ? available.join(", ") : "(none)"}.`,
    );
    this.endpoint = endpoint;
    this.available = available;
  }
}

/** The app needs a login, or the credentials / token were refused. */
export class AuthError extends GradioJobsError {
  override readonly name: string = "AuthError";
  /** HTTP status of the refusal (401, or 400 for a wrong password on Gradio's `/login`). */
  readonly status: number;
  constructor(message: string, status: number) {
    super("AUTH", message);
    this.status = status;
  }
}

/**
 * A Hugging Face Space cannot serve the app: it failed to build or crashed (`BUILD_ERROR`, `RUNTIME_ERROR`…), its
 * owner paused it, it did not start within `spaceTimeout`, or the Hub refused to duplicate it. The message gives the
 * Hub's reason and what to do.
 *
 * @example
 * ```ts
 * try {
 *   await Client.connect("owner/space", { onSpaceStatus: (s) => showStage(s.stage) });
 * } catch (error) {
 *   if (error instanceof SpaceError) showBanner(`${error.spaceId}: ${error.message}`);
 *   else throw error;
 * }
 * ```
 */
export class SpaceError extends GradioJobsError {
  override readonly name: string = "SpaceError";
  /** The Space, `owner/name` (or its subdomain when only an `*.hf.space` URL was known). */
  readonly spaceId: string;
  /** The Hub's stage when it failed (`BUILD_ERROR`, `PAUSED`, `BUILDING` for a timeout…), or `DUPLICATE`. */
  readonly hubStage: string;
  constructor(spaceId: string, hubStage: string, message: string) {
    super("SPACE", message);
    this.spaceId = spaceId;
    this.hubStage = hubStage;
  }
}

/** The server sent something the Gradio protocol does not allow (malformed frame, diff that does not apply…). */
export class ProtocolError extends GradioJobsError {
  override readonly name: string = "ProtocolError";
  /** The offending payload, when there is one. */
  readonly payload: unknown;
  constructor(message: string, payload?: unknown) {
    super("PROTOCOL", message);
    this.payload = payload;
  }
}

/** The arguments do not fit the endpoint (missing required parameter, unknown keyword, too many values). */
export class InputError extends GradioJobsError {
  override readonly name: string = "InputError";
  constructor(message: string) {
    super("INVALID_INPUT", message);
  }
}

/** A file is larger than the app's `max_file_size`; nothing was uploaded. */
export class FileTooLargeError extends GradioJobsError {
  override readonly name: string = "FileTooLargeError";
  readonly fileName: string;
  readonly size: number;
  readonly maxFileSize: number;
  constructor(fileName: string, size: number, maxFileSize: number) {
    super(
      "FILE_TOO_LARGE",
      `File ${JSON.stringify(fileName)} has ${size} bytes; the app accepts at most ${maxFileSize} bytes.`,
    );
    this.fileName = fileName;
    this.size = size;
    this.maxFileSize = maxFileSize;
  }
}

/**
 * A chunk was sent to a streaming-input event (`client.stream(…)`) that no longer takes any: you closed it, or it
 * ended (its `time_limit`, an error, a cancel, or the server dropped it). The chunk was not used; the job keeps its
 * outputs and result.
 *
 * @example
 * ```ts
 * await stream.send([frame]).catch((e) => { if (e instanceof StreamClosedError) stopCamera(); });
 * ```
 */
export class StreamClosedError extends GradioJobsError {
  override readonly name: string = "StreamClosedError";
  constructor(message: string) {
    super("STREAM_CLOSED", message);
  }
}

/**
 * The `MediaStream` fed to a streaming-input event ended on its own (its tracks were stopped, or the camera or
 * microphone went away): the SDK closed the event, whose job completes with the outputs so far.
 */
export class MediaEndedError extends GradioJobsError {
  override readonly name: string = "MediaEndedError";
  constructor(message: string) {
    super("MEDIA_ENDED", message);
  }
}

/** The server answered a request with an HTTP status the SDK has no more specific error for. */
export class HttpError extends GradioJobsError {
  override readonly name: string = "HttpError";
  readonly status: number;
  /** The response body as text (truncated to 2,000 characters). */
  readonly body: string;
  constructor(what: string, status: number, body: string) {
    super("HTTP", `${what} failed with HTTP ${status}${body ? `: ${body.slice(0, 300)}` : ""}`);
    this.status = status;
    this.body = redact(body).slice(0, 2000);
  }
}

/** @internal The message of anything thrown: an Error's `message`, anything else as a string. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** @internal `error` as a job's failure: SDK errors as they are, anything else (a TypeError from fetch…) as a ConnectionError. */
export function toJobError(error: unknown): GradioJobsError {
  if (error instanceof GradioJobsError) return error;
  return new ConnectionError(messageOf(error), { cause: error });
}

/**
 * @internal Loads a part of the SDK fetched on first use (`import()` of one of its chunks). A chunk that cannot be
 * loaded (offline, or a deploy replaced the files) rejects with a {@link ConnectionError}, not a bare `TypeError`.
 */
export async function loadPart<T>(load: () => Promise<T>, part: string): Promise<T> {
  try {
    return await load();
  } catch (error) {
    throw new ConnectionError(`Could not load the ${part} part of @gradio-jobs/core (${messageOf(error)}).`, {
      cause: error,
    });
  }
}
