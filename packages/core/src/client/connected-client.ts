/**
 * What {@link Client.connect} loads on first use: the client's implementation (config and endpoint info, the session
 * pool, submitting jobs, uploads). `client.ts` has the public class and its documentation.
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
import { Http } from "../http/http.js";
import { Job, type Outputs } from "../job/job.js";
import { jobKey } from "../job/job-key.js";
import { createExecutor } from "../job/submission.js";
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
import { Client, type ClientOptions, type SubmitOptions } from "./client.js";
import type { DuplicateOptions } from "./duplicate.js";
import { resolveApp } from "./resolve.js";
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
  readonly config: GradioConfig;
  readonly endpoints: readonly EndpointInfo[];
  readonly sessionHash: string;
  readonly apiBase: string;
  readonly traits: ServerTraits;

  readonly #http: Http;
  readonly #sessions: SessionPool;
  readonly #files: FileEndpoints;
  readonly #live = new Set<{ cancel(): void }>();
  #closed = false;

  constructor(init: {
    url: string;
    spaceId: string | null;
    config: GradioConfig;
    info: unknown;
    http: Http;
    sessionHash: string;
    options: ClientOptions;
  }) {
    super();
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

  async upload(
    files: readonly (Blob | Uint8Array)[],
    options: { signal?: AbortSignal } = {},
  ): Promise<FileData[]> {
    const { uploadFiles } = await loadPart(() => import("../http/upload.js"), "upload");
    const uploaded = await uploadFiles(this.#files, files, options.signal);
    return resolveFileUrls(uploaded, this.apiBase) as FileData[];
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

/** {@link Client.duplicate}: copies the Space (duplicate.ts, loaded on first use), then connects to the copy. */
export async function duplicate<Api extends ApiDescription<Api> = UntypedApi>(
  spaceId: string,
  options: DuplicateOptions,
): Promise<Client<Api>> {
  const { duplicateSpace } = await loadPart(() => import("./duplicate.js"), "duplicate");
  return duplicateSpace(spaceId, options, (copyId, copyOptions) => connect<Api>(copyId, copyOptions));
}

/** {@link Client.connect}: resolves the app, logs in, reads its config and endpoint info. */
export async function connect<Api extends ApiDescription<Api> = UntypedApi>(
  src: string,
  options: ClientOptions = {},
): Promise<Client<Api>> {
  const app = await resolveApp(src, options);
  const host = new URL(app.url).hostname;
  if (app.spaceId !== null || host.endsWith(".hf.space")) {
    const { waitForSpace } = await loadPart(() => import("./space-status.js"), "Space status");
    const space = app.spaceId === null ? { subdomain: host.split(".")[0] ?? host } : { id: app.spaceId };
    await waitForSpace(space, options);
  }
  // A page in an iframe may be a Space page inside the Hub's, whose parent gives ZeroGPU headers for joins.
  const page = (globalThis as { window?: Window }).window;
  let fetch = options.fetch;
  if (page && page.parent !== page) {
    fetch = (await loadPart(() => import("./zerogpu.js"), "ZeroGPU")).zeroGpuFetch(fetch) ?? fetch;
  }
  const http = new Http(app.url, {
    fetch,
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
    return new ConnectedClient<Api>({
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
