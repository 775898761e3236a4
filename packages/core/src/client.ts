/**
 * The {@link Client}: connects to a Gradio app (URL or Hugging Face Space), reads its config and endpoint info
 * once, and submits jobs on one session.
 * @module
 */
import {
  describeEndpoints,
  type EndpointArguments,
  type EndpointInfo,
  findEndpoint,
  type GradioConfig,
} from "./endpoints.js";
import { AuthError, ConnectionError, type GradioJobsError, HttpError, ProtocolError } from "./errors.js";
import { type FileData, type FileEndpoints, uploadFiles } from "./files.js";
import { type FetchLike, Http } from "./http.js";
import { Job, type JobCallbacks, type Outputs } from "./job.js";
import { jobKey } from "./job-key.js";
import { type ServerTraits, serverTraits } from "./protocol/dialects.js";
import { isObject } from "./protocol/messages.js";
import { SessionStream } from "./protocol/session-stream.js";
import { resolveApp } from "./resolve.js";
import { createExecutor } from "./submission.js";

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
  readonly credentials?: RequestCredentials;
  /** Base URL of the Hugging Face Hub used to resolve Space ids. Default `https://huggingface.co`. */
  readonly hubUrl?: string;
  /** Reuse a session (for `gr.State`); by default a new random one. */
  readonly sessionHash?: string;
  /** A stream silent for this long (no data, no heartbeat) is treated as lost. Default 45,000 ms. */
  readonly streamIdleTimeout?: number;
}

/** Options of {@link Client.submit} and {@link Client.predict}. */
export interface SubmitOptions<O extends Outputs = Outputs> extends JobCallbacks<O> {
  /** Aborting it cancels the job. */
  readonly signal?: AbortSignal;
  /** `event_data` for functions that take `gr.EventData` (e.g. `{ index: 0, value: "x" }` for select events). */
  readonly eventData?: unknown;
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
 */
export class Client {
  /** Base URL of the app, without a trailing slash. */
  readonly url: string;
  /** `owner/name` when the app is a Hugging Face Space. */
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

  private readonly http: Http;
  private readonly stream: SessionStream;
  private readonly files: FileEndpoints;
  private readonly live = new Set<{ cancel(): void }>();

  private constructor(init: {
    url: string;
    spaceId: string | null;
    config: GradioConfig;
    info: unknown;
    http: Http;
    sessionHash: string;
    idleTimeout: number;
  }) {
    this.url = init.url;
    this.spaceId = init.spaceId;
    this.config = init.config;
    this.http = init.http;
    this.sessionHash = init.sessionHash;
    this.apiBase = `${init.url}${init.config.api_prefix ?? ""}`;
    this.traits = serverTraits(init.config.protocol, init.config.version);
    this.endpoints = describeEndpoints(init.config, init.info);
    this.files = { http: init.http, apiBase: this.apiBase, maxFileSize: init.config.max_file_size ?? null };
    this.stream = new SessionStream({
      http: init.http,
      apiBase: this.apiBase,
      sessionHash: init.sessionHash,
      traits: this.traits,
      idleTimeoutMs: init.idleTimeout,
    });
  }

  /**
   * Connects to an app: `src` is its URL (`http://127.0.0.1:7860`, `https://owner-name.hf.space`) or a Space id
   * (`owner/name`). Logs in first when `auth` is given, then reads `/config` and `{P}/info`.
   * Rejects with {@link AuthError} (login needed or refused), {@link ConnectionError}, {@link HttpError} or
   * {@link ProtocolError} (not a Gradio app, or Gradio 3.x).
   */
  static async connect(src: string, options: ClientOptions = {}): Promise<Client> {
    const app = await resolveApp(src, options);
    const http = new Http(app.url, {
      fetch: options.fetch,
      token: options.token,
      headers: options.headers,
      credentials: options.credentials ?? (options.auth ? "include" : "same-origin"),
    });
    if (options.auth) await login(http, app.url, options.auth);
    const config = await loadConfig(http, app.url, Boolean(options.auth));
    const apiBase = `${app.url}${config.api_prefix ?? ""}`;
    const info = await http.getJson(`${apiBase}/info`, "Reading endpoint info").catch((error: unknown) => {
      if (error instanceof AuthError) throw error;
      return null;
    });
    return new Client({
      url: app.url,
      spaceId: app.spaceId ?? (typeof config.space_id === "string" ? config.space_id : null),
      config,
      info,
      http,
      sessionHash: options.sessionHash ?? newSessionHash(),
      idleTimeout: options.streamIdleTimeout ?? 45_000,
    });
  }

  /** The endpoint for an api name (`"/predict"`) or fn index. Throws {@link EndpointNotFoundError}. */
  endpoint(endpoint: string | number): EndpointInfo {
    return findEndpoint(this.endpoints, endpoint);
  }

  /**
   * Submits a job and returns it at once; it starts in a microtask, whether or not anyone listens. Never throws:
   * every failure (unknown endpoint, bad arguments, queue full…) settles the job with a typed error.
   *
   * @param endpoint api name (`"/predict"`) or fn index
   * @param args positional values of the API-visible parameters, or an object by parameter name; missing ones take
   *   their defaults. `Blob`/`File`/`Uint8Array` values are uploaded, `URL`s passed for the server to download.
   */
  submit<O extends Outputs = Outputs>(
    endpoint: string | number,
    args?: EndpointArguments,
    options: SubmitOptions<O> = {},
  ): Job<O> {
    let executor: ConstructorParameters<typeof Job<O>>[1];
    let key: string;
    try {
      const info = this.endpoint(endpoint);
      key = `${this.url}#${this.sessionHash}|${jobKey(info.fnIndex, args)}`;
      executor = createExecutor<O>(
        {
          http: this.http,
          apiBase: this.apiBase,
          sessionHash: this.sessionHash,
          traits: this.traits,
          stream: this.stream,
          files: this.files,
        },
        { endpoint: info, args, eventData: options.eventData },
      );
    } catch (error) {
      key = `${this.url}#${this.sessionHash}|${jobKey(endpoint, args)}`;
      executor = (driver) => {
        driver.fail(error as GradioJobsError);
        return () => {};
      };
    }
    const signal = options.signal;
    const onAbort = () => job.cancel();
    const job: Job<O> = new Job<O>(key, executor, options, () => {
      this.live.delete(job);
      signal?.removeEventListener("abort", onAbort);
    });
    this.live.add(job);
    if (signal?.aborted) job.cancel();
    else signal?.addEventListener("abort", onAbort, { once: true });
    return job;
  }

  /** Submits a job and resolves with its final outputs; rejects with its typed error. */
  predict<O extends Outputs = Outputs>(
    endpoint: string | number,
    args?: EndpointArguments,
    options?: SubmitOptions<O>,
  ): Promise<O> {
    return this.submit<O>(endpoint, args, options).result();
  }

  /**
   * Uploads files and returns their FileData (with absolute URLs), e.g. to pass the same file to several jobs.
   * Rejects with {@link FileTooLargeError} before sending anything when a file exceeds the app's `max_file_size`.
   */
  async upload(
    files: readonly (Blob | Uint8Array)[],
    options: { signal?: AbortSignal } = {},
  ): Promise<FileData[]> {
    const uploaded = await uploadFiles(this.files, files, options.signal);
    return uploaded.map((file) => ({ ...file, url: `${this.apiBase}/file=${file.path}` }));
  }

  /** Jobs of this client that have not reached a final stage. */
  get pendingJobs(): number {
    return this.live.size;
  }

  /** Cancels every pending job and closes the session's stream. The client cannot submit afterwards. */
  close(): void {
    for (const job of [...this.live]) job.cancel();
    this.stream.close(new ConnectionError("The client was closed."));
  }
}

async function login(
  http: Http,
  url: string,
  [username, password]: readonly [string, string],
): Promise<void> {
  const response = await http.request(
    `${url}/login`,
    {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ username, password }).toString(),
      redirect: "manual",
    },
    "Logging in",
  );
  const body = await response.text();
  if (response.ok) return;
  // Gradio without auth configured redirects /login to the root: there is nothing to log in to.
  if (response.type === "opaqueredirect" || (response.status >= 300 && response.status < 400)) return;
  if (response.status === 400 || response.status === 401) {
    throw new AuthError(
      `Login refused: wrong username or password (the server said: ${detail(body)}).`,
      response.status,
    );
  }
  throw new HttpError("Logging in", response.status, body);
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
    throw error;
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

function detail(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    if (isObject(parsed) && typeof parsed.detail === "string") return parsed.detail;
  } catch {}
  return body.slice(0, 200);
}

/** A random session hash (11 base-36 characters, like the official JS client) from `crypto.getRandomValues`. */
export function newSessionHash(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(11));
  return Array.from(bytes, (b) => (b % 36).toString(36)).join("");
}
