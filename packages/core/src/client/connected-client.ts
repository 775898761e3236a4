/**
 * What {@link Client.connect} loads on first use: the client's implementation (config and endpoint info, the session
 * pool, submitting jobs, uploads). `client.ts` has the public class and its documentation.
 * @module
 */

import { atom, type ReadableAtom } from "nanostores";
import {
  type AppRestartedError,
  AuthError,
  ConnectionError,
  GradioJobsError,
  InputError,
  keepSecret,
  loadPart,
  messageOf,
  ProtocolError,
  TimeoutError,
} from "../errors.js";
import { type FileData, type FileEndpoints, resolveFileUrls } from "../http/files.js";
import { Http } from "../http/http.js";
import { timeLimit, withDeadline } from "../http/timeouts.js";
import { Job, type Outputs } from "../job/job.js";
import { jobKey } from "../job/job-key.js";
import type { OpenStreamInput, StreamJob } from "../job/stream-job.js";
import { createExecutor, type SubmissionContext } from "../job/submission.js";
import { newSessionHash } from "../session/session-hash.js";
import { SessionPool } from "../session/session-pool.js";
import { type ServerTraits, serverTraits } from "../wire/dialects.js";
import {
  describeEndpoints,
  type EndpointArguments,
  type EndpointInfo,
  findEndpoint,
  type GradioConfig,
} from "../wire/endpoints.js";
import { isObject } from "../wire/messages.js";
import {
  Client,
  type ClientOptions,
  type StreamOptions,
  type SubmitOptions,
  type UploadOptions,
} from "./client.js";
import type { DuplicateOptions } from "./duplicate.js";
import { applyRender, type RenderConfig, renderConfigOf } from "./render.js";
import { resolveApp } from "./resolve.js";
import { RestartWatch } from "./restart-watch.js";
import type {
  ApiDescription,
  SubmitArguments,
  SubmitEndpoint,
  SubmitReturns,
  UncheckedEndpoint,
  UntypedApi,
} from "./typed-api.js";

/** The implementation of {@link Client}; see there for what each member does. */
class ConnectedClient<Api extends ApiDescription<Api> = UntypedApi> extends Client<Api> {
  readonly url: string;
  readonly spaceId: string | null;
  readonly sessionHash: string;
  readonly apiBase: string;
  readonly traits: ServerTraits;

  readonly #http: Http;
  readonly #sessions: SessionPool;
  readonly #files: FileEndpoints;
  readonly #live = new Set<{ cancel(): void }>();
  #closed = false;
  /** `/config` and `{P}/info` as last read (connect, refresh). */
  #read: { config: GradioConfig; info: unknown };
  /** What each `gr.render` last drew in this session, by render id. */
  readonly #renders = new Map<number, RenderConfig>();
  /** Functions seen drawing a render (5.x does not mark them in `/config`): they run in the client's session. */
  readonly #renderFns = new Set<number>();
  #config: GradioConfig;
  readonly #endpoints: ReturnType<typeof atom<readonly EndpointInfo[]>>;
  readonly #watch: RestartWatch;
  readonly #timeouts: Timeouts;
  readonly #oauthToken: string | undefined;

  constructor(init: {
    url: string;
    spaceId: string | null;
    config: GradioConfig;
    info: unknown;
    http: Http;
    sessionHash: string;
    options: ClientOptions;
    timeouts: Timeouts;
  }) {
    super();
    this.url = init.url;
    this.spaceId = init.spaceId;
    this.#read = { config: init.config, info: init.info };
    this.#config = init.config;
    this.#http = init.http;
    this.sessionHash = init.sessionHash;
    this.apiBase = `${init.url}${init.config.api_prefix ?? ""}`;
    this.traits = serverTraits(init.config.protocol, init.config.version);
    this.#endpoints = atom(describeEndpoints(init.config, init.info));
    this.#timeouts = init.timeouts;
    this.#oauthToken = init.options.oauthToken;
    this.#watch = new RestartWatch(init.http, init.url, this.apiBase, init.config.app_id);
    this.#files = { http: init.http, apiBase: this.apiBase, maxFileSize: init.config.max_file_size ?? null };
    const { options } = init;
    this.#sessions = new SessionPool({
      onLost: () => this.#watch.noteLoss(),
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

  get config(): GradioConfig {
    return this.#config;
  }

  get endpoints(): readonly EndpointInfo[] {
    return this.#endpoints.get();
  }

  get $endpoints(): ReadableAtom<readonly EndpointInfo[]> {
    return this.#endpoints;
  }

  get $restarted(): ReadableAtom<AppRestartedError | null> {
    return this.#watch.$restarted;
  }

  async refresh(): Promise<void> {
    const ms = this.#timeouts.connect;
    const read = await withDeadline(
      ms,
      () => new TimeoutError(ms, `client.refresh() got no complete answer from ${this.url} within ${ms} ms.`),
      (signal) => readApp(this.#http, this.url, false, signal),
    );
    const before = this.#read.config;
    if (
      (read.config.api_prefix ?? "") !== (before.api_prefix ?? "") ||
      read.config.protocol !== before.protocol
    ) {
      throw new ProtocolError(
        `${this.url} now serves protocol ${read.config.protocol} under "${read.config.api_prefix ?? ""}" (was ` +
          `${before.protocol} under "${before.api_prefix ?? ""}"): connect a new client.`,
        read.config,
      );
    }
    // Rendered events live in the session on the server, until the app restarts.
    if (read.config.app_id !== before.app_id) {
      this.#renders.clear();
      this.#renderFns.clear();
    }
    this.#read = read;
    this.#publish();
    this.#watch.reset(read.config.app_id);
  }

  /** Config and endpoints from the last read, with what every render drew merged in. */
  #publish(): void {
    let config = this.#read.config;
    for (const render of this.#renders.values()) config = applyRender(config, render);
    this.#config = config;
    this.#endpoints.set(
      describeEndpoints(config, this.#read.info).map((endpoint) =>
        this.#renderFns.has(endpoint.fnIndex) ? { ...endpoint, sessionBound: true } : endpoint,
      ),
    );
  }

  /** A job completed in the client's session: what a render drew becomes part of the config. */
  #completed(endpoint: EndpointInfo, output: unknown): void {
    const render = renderConfigOf(output);
    if (!render) return;
    this.#renders.set(render.render_id, render);
    this.#renderFns.add(endpoint.fnIndex);
    this.#publish();
  }

  endpoint(endpoint: string | number): EndpointInfo {
    return findEndpoint(this.endpoints, endpoint);
  }

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

  async stream<O extends Outputs = Outputs>(
    endpoint: string | number,
    options: StreamOptions<O> = {},
  ): Promise<StreamJob<O>> {
    const part = await loadPart(() => import("../job/stream-job.js"), "streaming input");
    return this.#start(endpoint, undefined, options, part) as StreamJob<O>;
  }

  async upload(files: readonly (Blob | Uint8Array)[], options: UploadOptions = {}): Promise<FileData[]> {
    const { uploadFiles } = await loadPart(() => import("../http/upload.js"), "upload");
    const uploaded = await uploadFiles(this.#files, files, options.signal, options.onProgress);
    return resolveFileUrls(uploaded, this.apiBase) as FileData[];
  }

  async download(file: FileData | string | URL, options: { signal?: AbortSignal } = {}): Promise<File> {
    const { downloadFile } = await loadPart(() => import("../http/download.js"), "download");
    return downloadFile(this.#files, file, options.signal);
  }

  get pendingJobs(): number {
    return this.#live.size;
  }

  get openStreams(): number {
    return this.#sessions.openStreams;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#watch.close();
    for (const job of [...this.#live]) void job.cancel();
    this.#sessions.close(new ConnectionError("The client was closed."));
  }

  /** Creates the job behind `submit` and `predict`, or with `streaming` (its part) the {@link StreamJob} of `stream`. */
  #start<O extends Outputs>(
    endpoint: string | number,
    args: EndpointArguments | undefined,
    options: SubmitOptions<O> = {},
    streaming: StreamPart | null = null,
  ): Job<O> {
    let executor: ConstructorParameters<typeof Job<O>>[1];
    let open: OpenStreamInput<O> | null = null;
    let info: EndpointInfo | null = null;
    let key: () => string;
    try {
      // A job of a closed client must not reach the server: nobody would read its stream.
      if (this.#closed) throw new ConnectionError("The client was closed.");
      const found = this.endpoint(endpoint);
      info = found;
      key = () => `${this.url}#${this.sessionHash}|${jobKey(found.fnIndex, args)}`;
      const context: SubmissionContext = {
        http: this.#http,
        apiBase: this.apiBase,
        sessionHash: this.sessionHash,
        traits: this.traits,
        sessions: this.#sessions,
        files: this.#files,
        joinTimeoutMs: this.#timeouts.join,
        oauthToken: this.#oauthToken,
        watch: this.#watch,
        onCompletion: (completed, output) => this.#completed(completed, output),
      };
      if (streaming) {
        if (found.streamEvery === null) {
          throw new InputError(
            `${found.apiName ?? `fn_index ${found.fnIndex}`} is not a streaming-input event (connection "stream"); ` +
              "call it with client.submit().",
          );
        }
        open = streaming.openStreamInput<O>(context, found, options.eventData);
      }
      executor = createExecutor<O>(context, {
        endpoint: found,
        args,
        eventData: options.eventData,
        isolate: options.isolate,
      });
    } catch (error) {
      key = () => `${this.url}#${this.sessionHash}|${jobKey(endpoint, args)}`;
      executor = (driver) => {
        driver.fail(error as GradioJobsError);
        return () => Promise.resolve(true);
      };
    }
    const signal = options.signal;
    const onAbort = () => void job.abort(signal?.reason);
    const onDone = () => {
      this.#live.delete(job);
      signal?.removeEventListener("abort", onAbort);
    };
    const job: Job<O> = streaming
      ? new streaming.StreamJob<O>(key, info, open ?? streaming.failedStreamInput(executor), options, onDone)
      : new Job<O>(key, executor, options, onDone);
    this.#live.add(job);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener("abort", onAbort, { once: true });
    return job;
  }
}

/** {@link Client.duplicate}: copies the Space (duplicate.ts, loaded on first use), then connects to the copy. */
export async function duplicate<Api extends ApiDescription<Api> = UntypedApi>(
  spaceId: string,
  options: DuplicateOptions,
): Promise<Client<Api>> {
  const { duplicateSpace } = await loadPart(() => import("./duplicate.js"), "duplicate");
  return duplicateSpace(spaceId, options, (copyId, copyOptions) => connect<Api>(copyId, copyOptions));
}

/** `connectTimeout` and `joinTimeout` in ms (`Infinity`: no limit). */
interface Timeouts {
  readonly connect: number;
  readonly join: number;
}

/**
 * {@link Client.connect}: resolves the app, logs in, reads its config and endpoint info. Resolving, and then login,
 * config and info, each have `connectTimeout`; waiting for a sleeping Space to wake does not count.
 */
export async function connect<Api extends ApiDescription<Api> = UntypedApi>(
  src: string,
  options: ClientOptions = {},
): Promise<Client<Api>> {
  const timeouts: Timeouts = {
    connect: timeLimit("connectTimeout", options.connectTimeout, 30_000),
    join: timeLimit("joinTimeout", options.joinTimeout, 30_000),
  };
  const within = <T>(task: (signal: AbortSignal) => Promise<T>) =>
    withDeadline(
      timeouts.connect,
      () =>
        new TimeoutError(
          timeouts.connect,
          `Client.connect(${JSON.stringify(src)}) got no complete answer within ${timeouts.connect} ms (the server ` +
            "accepted the connection and stayed silent, or is very slow). Raise `connectTimeout` if it is just slow.",
        ),
      task,
    );
  const app = await within(() => resolveApp(src, options));
  const host = new URL(app.url).hostname;
  if (app.spaceId !== null || host.endsWith(".hf.space")) {
    const { waitForSpace } = await loadPart(() => import("./space-status.js"), "Space status");
    const space = app.spaceId === null ? { subdomain: host.split(".")[0] ?? host } : { id: app.spaceId };
    await waitForSpace(space, options);
  }
  // A page in an iframe may be a Space page inside the Hub's, whose parent gives ZeroGPU headers for joins.
  // `parent` rather than `window`: workers and Node have neither, and core reads no `window` in a worker.
  const frame = globalThis as { parent?: unknown };
  let fetch = options.fetch;
  if (frame.parent !== undefined && frame.parent !== globalThis) {
    fetch = (await loadPart(() => import("./zerogpu.js"), "ZeroGPU")).zeroGpuFetch(fetch) ?? fetch;
  }
  const http = new Http(app.url, {
    fetch,
    token: options.token,
    headers: options.headers,
    credentials: options.credentials ?? (options.auth ? "include" : "same-origin"),
    cookies: options.cookies,
    query: queryOf(app.query, options.queryParams),
  });
  if (options.oauthToken !== undefined) {
    if (typeof options.oauthToken !== "string" || options.oauthToken.trim() === "")
      throw new InputError("oauthToken must be a Hugging Face token (a non-empty string).");
    keepSecret(options.oauthToken);
  }
  const { config, info } = await within(async (signal) => {
    // No job exists yet: every request until then (the login's too) ends with the deadline.
    http.deadline = signal;
    try {
      if (options.auth)
        await (await loadPart(() => import("./login.js"), "login")).login(http, app.url, options.auth);
      return await readApp(http, app.url, Boolean(options.auth));
    } finally {
      http.deadline = null;
    }
  });
  try {
    return new ConnectedClient<Api>({
      url: app.url,
      spaceId: app.spaceId ?? (typeof config.space_id === "string" ? config.space_id : null),
      config,
      info,
      http,
      sessionHash: options.sessionHash ?? newSessionHash(),
      options,
      timeouts,
    });
  } catch (error) {
    if (error instanceof GradioJobsError) throw error;
    throw new ProtocolError(
      `${app.url}/config or its endpoint info has an unexpected shape (${messageOf(error)}).`,
      { config, info },
    );
  }
}

/** The query string for the app: the app URL's own parameters, with `queryParams` over them. */
function queryOf(query: string, extra: ClientOptions["queryParams"]): string {
  const params = new URLSearchParams(query);
  if (extra !== undefined) {
    if (typeof extra !== "object" || extra === null || Array.isArray(extra))
      throw new InputError('queryParams must be an object of strings, e.g. { lang: "de" }.');
    for (const [name, value] of Object.entries(extra)) {
      if (typeof value !== "string")
        throw new InputError(`queryParams.${name} must be a string, got ${typeof value}.`);
      params.set(name, value);
    }
  }
  return params.toString();
}

/** `/config` and `{P}/info` (`null` when the app does not serve it). */
async function readApp(
  http: Http,
  url: string,
  loggedIn: boolean,
  signal?: AbortSignal,
): Promise<{ config: GradioConfig; info: unknown }> {
  const config = await loadConfig(http, url, loggedIn, signal);
  const info = await http
    .getJson(`${url}${config.api_prefix ?? ""}/info`, "Reading endpoint info", 3, signal)
    .catch((error: unknown) => {
      if (error instanceof AuthError || error instanceof TimeoutError) throw error;
      return null;
    });
  return { config, info };
}

async function loadConfig(
  http: Http,
  url: string,
  loggedIn: boolean,
  signal?: AbortSignal,
): Promise<GradioConfig> {
  let config: unknown;
  try {
    config = await http.getJson(`${url}/config`, "Reading the app config", 3, signal);
  } catch (error) {
    if (error instanceof AuthError) {
      throw new AuthError(
        loggedIn
          ? "The app refused access after login; check the credentials."
          : "This app requires a login: pass `auth: [username, password]` to Client.connect.",
        error.status,
      );
    }
    if (error instanceof TimeoutError) throw error;
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

/** What `client.stream()` loads on first use: `StreamJob` and its input side. */
type StreamPart = typeof import("../job/stream-job.js");
