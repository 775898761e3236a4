/**
 * The {@link Client}: connects to a Gradio app (URL or Hugging Face Space), reads its config and endpoint info
 * once, and submits jobs on one session.
 *
 * This module is what `import { Client }` loads at start: the class as users see it (its members are abstract) and
 * `Client.connect`, which loads the implementation (`connected-client.ts`: sessions, jobs, endpoints, HTTP) on first
 * use. A page that imports the client and connects later pays for the rest only then.
 * @module
 */

import type { ReadableAtom } from "nanostores";
import type { AppRestartedError } from "../errors.js";
import { loadPart } from "../errors.js";
import type { FileData, UploadProgress } from "../http/files.js";
import type { FetchLike } from "../http/http.js";
import type { Job, JobCallbacks, Outputs } from "../job/job.js";
import type { StreamJob } from "../job/stream-job.js";
import type { Isolation } from "../session/session-pool.js";
import type { ServerTraits } from "../wire/dialects.js";
import type { EndpointInfo, GradioConfig } from "../wire/endpoints.js";
import type { DuplicateOptions } from "./duplicate.js";
import type { SpaceStatus } from "./space-status.js";
import type {
  ApiDescription,
  SubmitArguments,
  SubmitEndpoint,
  SubmitReturns,
  UncheckedEndpoint,
  UntypedApi,
} from "./typed-api.js";

/** Options of {@link Client.connect}. */
export interface ClientOptions {
  /** A Hugging Face token (`hf_…`) or any bearer token: sent as `Authorization: Bearer …` to the app's origin only. */
  readonly token?: string;
  /** Username and password for apps launched with `auth=…`; the SDK logs in through `/login`. */
  readonly auth?: readonly [username: string, password: string];
  /** Extra headers for every request to the app's origin. */
  readonly headers?: Record<string, string>;
  /** Your own `fetch` (e.g. one with a proxy agent). */
  readonly fetch?: FetchLike;
  /**
   * `fetch` credentials mode for requests to the app. Defaults to `"include"` when `auth` is given (browsers then
   * send the login cookie cross-origin), else `"same-origin"`.
   */
  readonly credentials?: "include" | "omit" | "same-origin";
  /** Base URL of the Hugging Face Hub used to resolve Space ids. Default `https://huggingface.co`. */
  readonly hubUrl?: string;
  /**
   * Called with a Hugging Face Space's stage while `Client.connect` waits for it to run (`sleeping`, `building`,
   * `running`, or `error` with the Hub's reason), once per change. Connecting to a Space (an id or an `*.hf.space`
   * URL) always asks the Hub for its stage first, wakes it if it sleeps and waits while it starts or builds; a Space
   * that cannot run rejects the connect with {@link SpaceError}.
   */
  readonly onSpaceStatus?: (status: SpaceStatus) => void;
  /** How long `Client.connect` waits for a sleeping or building Space, in ms. Default 300,000 (5 min). */
  readonly spaceTimeout?: number;
  /** The first pause between two reads of a Space's stage, in ms; it grows 1.5× per read, up to 10×. Default 1,000. */
  readonly spacePollInterval?: number;
  /** Reuse a session (for `gr.State`); by default a new random one. */
  readonly sessionHash?: string;
  /** A stream silent for this long (no data, no heartbeat) is treated as lost. Default 45,000 ms. */
  readonly streamIdleTimeout?: number;
  /**
   * At most this many event streams open at once, the session heartbeat included. Default 4: a browser talking
   * HTTP/1.1 opens at most 6 connections per origin, which leaves 2 for joins, uploads and cancels. Extra sessions
   * (see `isolation`) are opened only within it; past it, jobs share the client's session and their cancels wait
   * until they are safe.
   */
  readonly maxStreams?: number;
  /**
   * When a job gets a session of its own so that cancelling it reaches the server at once (Gradio cancels by
   * session and function, so a cancel in a shared session could stop another job of the same function):
   * - `"auto"` (default): jobs of a function that has been cancelled on this client, and jobs that ask for it
   *   (`isolate: true`; `useJob`/`useSubmit` do), whenever another job of their function is pending;
   * - `"always"`: every job whenever another job of its function is pending;
   * - `"never"`: every job shares the client's session.
   * Jobs of endpoints with a `gr.State` always run in the client's session. See the README's "Cancel" section.
   */
  readonly isolation?: Isolation;
  /**
   * Keep Gradio's session heartbeat open when the app asks for one (`config.connect_heartbeat`: apps with a
   * `gr.State`, an `unload` listener or a streaming event), so that `close()` ends the session on the server and
   * runs its `demo.unload` listeners. Default `true`. In Node, an open heartbeat keeps the process alive until
   * `client.close()`.
   */
  readonly heartbeat?: boolean;
  /**
   * Milliseconds `Client.connect` (and `client.refresh()`) may take in all, login and Space lookup included, before
   * it rejects with a {@link TimeoutError}: a server that accepts the connection and never answers cannot hang it.
   * Default 30,000; `Infinity` for no limit.
   */
  readonly connectTimeout?: number;
  /**
   * Milliseconds a queue join (`POST {P}/queue/join`, which Gradio answers at once, before the job runs) may go
   * unanswered before the job fails with a {@link TimeoutError}. It does not limit how long a job waits in the
   * queue or runs. Default 30,000; `Infinity` for no limit.
   */
  readonly joinTimeout?: number;
  /**
   * Query parameters for the app, as Gradio gets them from the page's URL: sent with `/config` and with every event
   * (`{P}/queue/join`, `{P}/run/…`), where the app reads them as `gr.Request.query_params`. Merged over the query of
   * the app URL given to `Client.connect` (which is kept). Example: `{ lang: "de" }`.
   */
  readonly queryParams?: Readonly<Record<string, string>>;
  /**
   * A `Cookie` header sent to the app's origin (e.g. `"session=abc; other=1"`): for server runtimes (Node, Deno, Bun)
   * talking to an app behind a cookie-based proxy or login. Browsers send their own cookies instead (see
   * `credentials`) and do not let scripts set this header.
   */
  readonly cookies?: string;
  /**
   * A Hugging Face token handed to the app's own code, for functions that take a `gr.OAuthToken` (Gradio 6.21+ says so
   * in `/info`: `endpoint.oauthToken`). Unlike `token`, which only lets you into the app, this lets the app act on
   * the Hub as you, so it is sent only with jobs of those functions. A job of a function that requires one fails with
   * {@link InputError} without it.
   */
  readonly oauthToken?: string;
}

/** Options of {@link Client.submit} and {@link Client.predict}. */
export interface SubmitOptions<O extends Outputs = Outputs> extends JobCallbacks<O> {
  /** Aborting it cancels the job. */
  readonly signal?: AbortSignal;
  /** `event_data` for functions that take `gr.EventData` (e.g. `{ index: 0, value: "x" }` for select events). */
  readonly eventData?: unknown;
  /**
   * `true`: if another job of the same function is pending in the client's session, run this one in a session of
   * its own, so that cancelling it reaches the server at once (within `maxStreams`). `false`: always the client's
   * session. Default: the client's `isolation` rule. Ignored for endpoints with a `gr.State`.
   */
  readonly isolate?: boolean;
}

/** Options of {@link Client.stream}. */
export interface StreamOptions<O extends Outputs = Outputs> extends JobCallbacks<O> {
  /** Aborting it cancels the event (it is closed on the server first). */
  readonly signal?: AbortSignal;
  /** `event_data` sent with every chunk, for functions that take `gr.EventData`. */
  readonly eventData?: unknown;
}

/** Options of {@link Client.upload}. */
export interface UploadOptions {
  /** Aborting it stops the upload (the promise rejects with the signal's reason). */
  readonly signal?: AbortSignal;
  /**
   * Hears the bytes of file content the server has received: `{ loaded: 0, total }` first, then as Gradio's
   * `upload_progress` stream reports them (uploads of 256 KiB or more), and `loaded === total` once uploaded.
   */
  readonly onProgress?: (progress: UploadProgress) => void;
}

/**
 * A connection to one Gradio app.
 *
 * @example
 * ```ts
 * import { Client } from "@gradio-jobs/core";
 *
 * const client = await Client.connect("http://127.0.0.1:7860");
 * const [sum] = await client.predict("/predict", { a: 4, op: "add", b: 5 }); // 9
 *
 * const job = client.submit("/slow", ["hello"]);
 * job.$status.subscribe(({ stage, rank, queueSize, eta }) => render(stage, rank, queueSize, eta));
 * await job.result();
 * ```
 *
 * `Api` is the app's typed description, generated by `npx gradio-jobs types <app>`: with it, endpoint names and
 * arguments are checked at compile time and outputs are typed (see {@link Client.connect}). Without it every name and
 * argument is accepted and outputs are `unknown`.
 */
export abstract class Client<Api extends ApiDescription<Api> = UntypedApi> {
  /** Base URL of the app, without a trailing slash. */
  abstract readonly url: string;
  /**
   * `owner/name` when the app is a Hugging Face Space: the id you connected with, else the app's own
   * `config.space_id` (Gradio sets it on Spaces). `null` otherwise — also for a `*.hf.space` URL whose app does not
   * say it: `owner-name.hf.space` does not tell where the owner ends, as both may contain `-`.
   */
  abstract readonly spaceId: string | null;
  /** The app's `/config`, with the blocks `gr.render` drew in this client's session merged in. */
  abstract readonly config: GradioConfig;
  /**
   * Every callable function of the app: those of `/config`, plus the events a `gr.render` drew in this client's
   * session once that render ran (a later run of the same render replaces them). The current value of
   * {@link Client.$endpoints}.
   */
  abstract readonly endpoints: readonly EndpointInfo[];
  /**
   * The endpoint list as a store: it changes when a render function completes in this client's session (its events
   * become callable by api name) and on {@link Client.refresh}.
   *
   * @example
   * ```ts
   * client.$endpoints.subscribe((endpoints) => renderButtons(endpoints.map((e) => e.apiName)));
   * await client.predict("/set_count", [3]); // a State the render listens to
   * await client.predict("/apply", []); // the render: /shout_0 … /shout_2 appear
   * await client.predict("/shout_2", ["hi"]); // ["HI!!!"]
   * ```
   */
  abstract readonly $endpoints: ReadableAtom<readonly EndpointInfo[]>;
  /**
   * `null` while the client matches the running app; the {@link AppRestartedError} once it noticed that the app
   * restarted (its app id changed: after a lost event stream or a failed join the client asks `{P}/app_id` before the
   * next join). Jobs then fail with that error, and nothing is resubmitted, until {@link Client.refresh}.
   */
  abstract readonly $restarted: ReadableAtom<AppRestartedError | null>;
  /** This client's session: all its jobs share it (and `gr.State`). */
  abstract readonly sessionHash: string;
  /** `{url}{api_prefix}`: where the API routes live. */
  abstract readonly apiBase: string;
  /** What this server's protocol version does differently. */
  abstract readonly traits: ServerTraits;

  /** Only {@link Client.connect} makes clients. */
  protected constructor() {}

  /**
   * Connects to an app: `src` is its URL (`http://127.0.0.1:7860`, `https://owner-name.hf.space`) or a Space id
   * (`owner/name`). Logs in first when `auth` is given, then reads `/config` and `{P}/info`.
   * Rejects with {@link AuthError} (login needed or refused), {@link ConnectionError}, {@link HttpError} or
   * {@link ProtocolError} (not a Gradio app, or Gradio 3.x).
   *
   * The first call loads the rest of the client (sessions, jobs, endpoints), so `import { Client }` stays small.
   *
   * Pass the description generated by `npx gradio-jobs types <app> > src/gradio-api.d.ts` as `Api` to get checked
   * endpoint names and arguments and typed outputs. It is trusted as it is: regenerate it when the app changes.
   *
   * @example
   * ```ts
   * import type { GradioApi } from "./gradio-api";
   *
   * const client = await Client.connect<GradioApi>("http://127.0.0.1:7860");
   * const [sum] = await client.predict("/predict", { a: 4, op: "add", b: 5 }); // sum: number
   * ```
   */
  static async connect<Api extends ApiDescription<Api> = UntypedApi>(
    src: string,
    options: ClientOptions = {},
  ): Promise<Client<Api>> {
    const { connect } = await loadPart(() => import("./connected-client.js"), "client");
    return connect<Api>(src, options);
  }

  /**
   * Copies a Hugging Face Space into the account of `options.token` (a token with write access) and connects to the
   * copy, waiting while it builds (`onSpaceStatus` reports it). If that account already has a copy of that name, it
   * is reused. The copy keeps the original's hardware unless `hardware` says otherwise; paid hardware is billed to
   * the account and sleeps after `sleepTime` s (default 300) without requests.
   * Rejects with {@link AuthError} without a token (before any request) or when the Hub refuses it,
   * {@link InputError} for a malformed id or a hardware the Hub refuses, {@link SpaceError} when the copy fails to
   * build, and as {@link Client.connect} does.
   *
   * @example
   * ```ts
   * const client = await Client.duplicate("gradio/hello_world", {
   *   token: "hf_…",
   *   private: true,
   *   hardware: "t4-small",
   *   onSpaceStatus: ({ stage, message }) => console.log(stage, message),
   * });
   * ```
   */
  static async duplicate<Api extends ApiDescription<Api> = UntypedApi>(
    spaceId: string,
    options: DuplicateOptions,
  ): Promise<Client<Api>> {
    const { duplicate } = await loadPart(() => import("./connected-client.js"), "client");
    return duplicate<Api>(spaceId, options);
  }

  /** The endpoint for an api name (`"/predict"`) or fn index. Throws {@link EndpointNotFoundError}. */
  abstract endpoint(endpoint: string | number): EndpointInfo;

  /**
   * Submits a job and returns it at once; it starts in a microtask, whether or not anyone listens. Never throws:
   * every failure (unknown endpoint, bad arguments, queue full…) settles the job with a typed error.
   *
   * On a typed client (`Client.connect<GradioApi>`), `endpoint` must be one of the description's api names, `args`
   * must fit its parameters, and the job carries its output types. Fn indexes, and any endpoint on an untyped client,
   * go unchecked: `O` types their outputs (`client.submit<[number]>("/predict", [1, "add", 2])`).
   *
   * One signature, not an overload per case: the compiler then reports the mistake itself (an unknown name, a wrong
   * or extra argument) instead of why another overload did not match.
   *
   * @param endpoint api name (`"/predict"`) or fn index
   * @param call the arguments — positional values of the API-visible parameters, or an object by parameter name
   *   (missing ones take their defaults; `Blob`/`File`/`Uint8Array` values are uploaded, http(s) `URL`s passed for the
   *   server to download, `data:`/`blob:` URLs read and uploaded; local paths through `handleFile` of
   *   `@gradio-jobs/core/node`) — then {@link SubmitOptions}. The job's `upload` status follows its uploads.
   */
  abstract submit<
    O extends Outputs = Outputs,
    Name extends SubmitEndpoint<Api>["endpoint"] = UncheckedEndpoint<Api>,
  >(endpoint: Name, ...call: SubmitArguments<Api, Name, O>): Job<SubmitReturns<Api, Name, O>>;

  /**
   * Submits a job and resolves with its final outputs; rejects with its typed error. Typed like
   * {@link Client.submit}.
   */
  abstract predict<
    O extends Outputs = Outputs,
    Name extends SubmitEndpoint<Api>["endpoint"] = UncheckedEndpoint<Api>,
  >(endpoint: Name, ...call: SubmitArguments<Api, Name, O>): Promise<SubmitReturns<Api, Name, O>>;

  /**
   * Starts a streaming-input event: an endpoint made with `.stream(fn, stream_every=…, time_limit=…)` on
   * `gr.Audio(streaming=True)` or webcam `gr.Image(streaming=True)` (`endpoint.streamEvery` is not `null`). Resolves
   * with its {@link StreamJob} once that part of the SDK is loaded (the first call loads it); nothing reaches the
   * server before its first chunk. `send(args)` sends chunks (the
   * first joins the queue), `feed(mediaStream)` sends a camera or microphone at the app's `stream_every`, `close()`
   * ends the event; the job gets one output per chunk the function ran on, and completes when the event ends. An
   * unknown or non-streaming endpoint fails the job ({@link EndpointNotFoundError}, {@link InputError}); it rejects
   * only when the part cannot be loaded ({@link ConnectionError}).
   *
   * @example
   * ```ts
   * const stream = await client.stream("/frames");
   * const media = await navigator.mediaDevices.getUserMedia({ video: true });
   * stream.feed(media).catch((error) => console.warn(error.message)); // MediaEndedError when the camera stops
   * stream.$outputs.subscribe((outputs) => show(outputs.at(-1)));
   * // later: await stream.close(); → the job completes with the last outputs
   * ```
   */
  abstract stream<O extends Outputs = Outputs>(
    endpoint: SubmitEndpoint<Api>["endpoint"] | UncheckedEndpoint<Api>,
    options?: StreamOptions<O>,
  ): Promise<StreamJob<O>>;

  /**
   * Uploads files and returns their FileData (with absolute URLs), e.g. to pass the same file to several jobs.
   * Rejects with {@link FileTooLargeError} before sending anything when a file exceeds the app's `max_file_size`.
   * `onProgress` hears the bytes the server has received (see {@link UploadOptions}).
   */
  abstract upload(files: readonly (Blob | Uint8Array)[], options?: UploadOptions): Promise<FileData[]>;

  /**
   * Fetches a file of the app (an output's FileData, or its URL) with the client's credentials — its `token`,
   * `headers` and login cookies — and returns it as a `File` (named after `orig_name`, with the server's content
   * type). A plain URL in an `<img>` does not carry them, so it fails for private Spaces and apps behind `auth=`;
   * use an object URL of the download instead (and revoke it when done). Files on other origins (a remote input
   * echoed back) are fetched without credentials.
   *
   * Rejects with {@link InputError} for something that is neither a FileData nor an http(s) URL, {@link AuthError}
   * when the app wants a login, and {@link HttpError} otherwise (Gradio answers 403 "File not allowed" for paths
   * outside its folders, 404 for a file it no longer has).
   *
   * @example
   * ```ts
   * const [image] = await client.predict("/flip", [photo]);
   * const file = await client.download(image as FileData);
   * img.src = URL.createObjectURL(file); // URL.revokeObjectURL(img.src) when it is no longer shown
   * ```
   */
  abstract download(file: FileData | string | URL, options?: { signal?: AbortSignal }): Promise<File>;

  /** Jobs of this client that have not reached a final stage. */
  abstract get pendingJobs(): number;

  /**
   * Reads `/config` and `{P}/info` again (within `connectTimeout`) and updates `config`, `endpoints` and
   * `$endpoints`; clears `$restarted`. Call it after an {@link AppRestartedError}, or when the app changed. Events a
   * render drew are kept while the app id is the same (they live on in the session) and dropped after a restart.
   * Pending jobs are not touched. Rejects like `Client.connect`; with a {@link ProtocolError} when the app now
   * serves another protocol or API prefix (connect a new client then).
   *
   * @example
   * ```ts
   * client.$restarted.subscribe((restart) => restart && client.refresh());
   * ```
   */
  abstract refresh(): Promise<void>;

  /**
   * Event streams this client holds open right now: its session's, those of extra sessions, and the heartbeat. Never
   * more than `maxStreams`.
   */
  abstract get openStreams(): number;

  /**
   * Cancels every pending job, closes the session's streams and its heartbeat: the session ends on the server, which
   * runs the app's `demo.unload` listeners and marks its State for deletion (if it notices the closed heartbeat; see
   * the README). The client cannot submit afterwards.
   */
  abstract close(): void;
}
