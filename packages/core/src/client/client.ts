/**
 * The {@link Client}: connects to a Gradio app (URL or Hugging Face Space), reads its config and endpoint info
 * once, and submits jobs on one session.
 * @module
 */

import {
  AuthError,
  ConnectionError,
  GradioJobsError,
  loadPart,
  messageOf,
  ProtocolError,
} from "../errors.js";
import { type FileData, type FileEndpoints, resolveFileUrls } from "../http/files.js";
import { type FetchLike, Http } from "../http/http.js";
import { Job, type JobCallbacks, type Outputs } from "../job/job.js";
import { jobKey } from "../job/job-key.js";
import { createExecutor } from "../job/submission.js";
import { newSessionHash } from "../session/session-hash.js";
import { type Isolation, SessionPool } from "../session/session-pool.js";
import { type ServerTraits, serverTraits } from "../wire/dialects.js";
import {
  describeEndpoints,
  type EndpointArguments,
  type EndpointInfo,
  findEndpoint,
  type GradioConfig,
} from "../wire/endpoints.js";
import { isObject } from "../wire/messages.js";
import { resolveApp } from "./resolve.js";
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
export class Client<Api extends ApiDescription<Api> = UntypedApi> {
  /** Base URL of the app, without a trailing slash. */
  readonly url: string;
  /**
   * `owner/name` when the app is a Hugging Face Space: the id you connected with, else the app's own
   * `config.space_id` (Gradio sets it on Spaces). `null` otherwise — also for a `*.hf.space` URL whose app does not
   * say it: `owner-name.hf.space` does not tell where the owner ends, as both may contain `-`.
   */
  readonly spaceId: string | null;
  /** The app's `/config`. */
  readonly config: GradioConfig;
  /** Every callable function of the app. */
  readonly endpoints: readonly EndpointInfo[];
  /** This client's session: all its jobs share it (and `gr.State`). */
  readonly sessionHash: string;
  /** `{url}{api_prefix}`: where the API routes live. */
  readonly apiBase: string;
  /** What this server's protocol version does differently. */
  readonly traits: ServerTraits;

  readonly #http: Http;
  readonly #sessions: SessionPool;
  readonly #files: FileEndpoints;
  readonly #live = new Set<{ cancel(): void }>();
  #closed = false;

  private constructor(init: {
    url: string;
    spaceId: string | null;
    config: GradioConfig;
    info: unknown;
    http: Http;
    sessionHash: string;
    options: ClientOptions;
  }) {
    this.url = init.url;
    this.spaceId = init.spaceId;
    this.config = init.config;
    this.#http = init.http;
    this.sessionHash = init.sessionHash;
    this.apiBase = `${init.url}${init.config.api_prefix ?? ""}`;
    this.traits = serverTraits(init.config.protocol, init.config.version);
    this.endpoints = describeEndpoints(init.config, init.info);
    this.#files = { http: init.http, apiBase: this.apiBase, maxFileSize: init.config.max_file_size ?? null };
    const { options } = init;
    this.#sessions = new SessionPool({
      http: init.http,
      apiBase: this.apiBase,
      sessionHash: init.sessionHash,
      traits: this.traits,
      idleTimeoutMs: options.streamIdleTimeout ?? 45_000,
      maxStreams: Math.max(1, options.maxStreams ?? 4),
      isolation: options.isolation ?? "auto",
      heartbeat: options.heartbeat !== false && init.config.connect_heartbeat === true,
    });
  }

  /**
   * Connects to an app: `src` is its URL (`http://127.0.0.1:7860`, `https://owner-name.hf.space`) or a Space id
   * (`owner/name`). Logs in first when `auth` is given, then reads `/config` and `{P}/info`.
   * Rejects with {@link AuthError} (login needed or refused), {@link ConnectionError}, {@link HttpError} or
   * {@link ProtocolError} (not a Gradio app, or Gradio 3.x).
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
    const app = await resolveApp(src, options);
    const http = new Http(app.url, {
      fetch: options.fetch,
      token: options.token,
      headers: options.headers,
      credentials: options.credentials ?? (options.auth ? "include" : "same-origin"),
    });
    if (options.auth)
      await (await loadPart(() => import("./login.js"), "login")).login(http, app.url, options.auth);
    const config = await loadConfig(http, app.url, Boolean(options.auth));
    const apiBase = `${app.url}${config.api_prefix ?? ""}`;
    const info = await http.getJson(`${apiBase}/info`, "Reading endpoint info").catch((error: unknown) => {
      if (error instanceof AuthError) throw error;
      return null;
    });
    try {
      return new Client<Api>({
        url: app.url,
        spaceId: app.spaceId ?? (typeof config.space_id === "string" ? config.space_id : null),
        config,
        info,
        http,
        sessionHash: options.sessionHash ?? newSessionHash(),
        options,
      });
    } catch (error) {
      if (error instanceof GradioJobsError) throw error;
      throw new ProtocolError(
        `${app.url}/config or its endpoint info has an unexpected shape (${messageOf(error)}).`,
        { config, info },
      );
    }
  }

  /** The endpoint for an api name (`"/predict"`) or fn index. Throws {@link EndpointNotFoundError}. */
  endpoint(endpoint: string | number): EndpointInfo {
    return findEndpoint(this.endpoints, endpoint);
  }

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
   * @param args positional values of the API-visible parameters, or an object by parameter name; missing ones take
   *   their defaults. `Blob`/`File`/`Uint8Array` values are uploaded, `URL`s passed for the server to download.
   */
  submit<O extends Outputs = Outputs, Name extends SubmitEndpoint<Api>["endpoint"] = UncheckedEndpoint<Api>>(
    endpoint: Name,
    ...call: SubmitArguments<Api, Name, O>
  ): Job<SubmitReturns<Api, Name, O>>;
  submit(
    endpoint: string | number,
    args?: EndpointArguments,
    options?: SubmitOptions<Outputs>,
  ): Job<Outputs> {
    return this.#start(endpoint, args, options);
  }

  /**
   * Submits a job and resolves with its final outputs; rejects with its typed error. Typed like
   * {@link Client.submit}.
   */
  predict<O extends Outputs = Outputs, Name extends SubmitEndpoint<Api>["endpoint"] = UncheckedEndpoint<Api>>(
    endpoint: Name,
    ...call: SubmitArguments<Api, Name, O>
  ): Promise<SubmitReturns<Api, Name, O>>;
  predict(
    endpoint: string | number,
    args?: EndpointArguments,
    options?: SubmitOptions<Outputs>,
  ): Promise<Outputs> {
    return this.#start(endpoint, args, options).result();
  }

  /**
   * Uploads files and returns their FileData (with absolute URLs), e.g. to pass the same file to several jobs.
   * Rejects with {@link FileTooLargeError} before sending anything when a file exceeds the app's `max_file_size`.
   */
  async upload(
    files: readonly (Blob | Uint8Array)[],
    options: { signal?: AbortSignal } = {},
  ): Promise<FileData[]> {
    const { uploadFiles } = await loadPart(() => import("../http/upload.js"), "upload");
    const uploaded = await uploadFiles(this.#files, files, options.signal);
    return resolveFileUrls(uploaded, this.apiBase) as FileData[];
  }

  /** Jobs of this client that have not reached a final stage. */
  get pendingJobs(): number {
    return this.#live.size;
  }

  /**
   * Event streams this client holds open right now: its session's, those of extra sessions, and the heartbeat. Never
   * more than `maxStreams`.
   */
  get openStreams(): number {
    return this.#sessions.openStreams;
  }

  /**
   * Cancels every pending job, closes the session's streams and its heartbeat: the session ends on the server, which
   * runs the app's `demo.unload` listeners and marks its State for deletion (if it notices the closed heartbeat; see
   * the README). The client cannot submit afterwards.
   */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const job of [...this.#live]) void job.cancel();
    this.#sessions.close(new ConnectionError("The client was closed."));
  }

  /** Creates the job behind `submit` and `predict`. */
  #start<O extends Outputs>(
    endpoint: string | number,
    args: EndpointArguments | undefined,
    options: SubmitOptions<O> = {},
  ): Job<O> {
    let executor: ConstructorParameters<typeof Job<O>>[1];
    let key: () => string;
    try {
      // A job of a closed client must not reach the server: nobody would read its stream.
      if (this.#closed) throw new ConnectionError("The client was closed.");
      const info = this.endpoint(endpoint);
      key = () => `${this.url}#${this.sessionHash}|${jobKey(info.fnIndex, args)}`;
      executor = createExecutor<O>(
        {
          http: this.#http,
          apiBase: this.apiBase,
          sessionHash: this.sessionHash,
          traits: this.traits,
          sessions: this.#sessions,
          files: this.#files,
        },
        { endpoint: info, args, eventData: options.eventData, isolate: options.isolate },
      );
    } catch (error) {
      key = () => `${this.url}#${this.sessionHash}|${jobKey(endpoint, args)}`;
      executor = (driver) => {
        driver.fail(error as GradioJobsError);
        return () => Promise.resolve(true);
      };
    }
    const signal = options.signal;
    const onAbort = () => void job.abort(signal?.reason);
    const job: Job<O> = new Job<O>(key, executor, options, () => {
      this.#live.delete(job);
      signal?.removeEventListener("abort", onAbort);
    });
    this.#live.add(job);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener("abort", onAbort, { once: true });
    return job;
  }
}

async function loadConfig(http: Http, url: string, loggedIn: boolean): Promise<GradioConfig> {
  let config: unknown;
  try {
    config = await http.getJson(`${url}/config`, "Reading the app config");
  } catch (error) {
    if (error instanceof AuthError) {
      throw new AuthError(
        loggedIn
          ? "The app refused access after login; check the credentials."
          : "This app requires a login: pass `auth: [username, password]` to Client.connect.",
        error.status,
      );
    }
    throw (await loadPart(() => import("./connect-errors.js"), "error")).explain(error, url);
  }
  if (!isObject(config) || !Array.isArray(config.dependencies) || !Array.isArray(config.components)) {
    if (isObject(config) && config.auth_required === true) {
      throw new AuthError(
        "This app requires a login: pass `auth: [username, password]` to Client.connect.",
        401,
      );
    }
    throw new ProtocolError(`${url}/config is not a Gradio app config.`, config);
  }
  return config as unknown as GradioConfig;
}
