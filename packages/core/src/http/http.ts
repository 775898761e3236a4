/**
 * Every request the SDK makes goes through {@link Http}: it adds the app's credentials only to requests for the
 * app's own origin, keeps login cookies in memory where the runtime does not (Node, workers), and turns network
 * failures into typed errors.
 * @module
 */
import {
  AuthError,
  ConnectionError,
  GradioJobsError,
  HttpError,
  InputError,
  keepSecret,
  loadPart,
  ProtocolError,
} from "../errors.js";

/** The subset of `fetch` the SDK needs; pass your own through `ClientOptions.fetch`. */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** Settings of {@link Http}. */
export interface HttpOptions {
  readonly fetch?: FetchLike;
  /** Sent as `Authorization: Bearer <token>`, only to the app's origin. */
  readonly token?: string;
  /** Extra headers for requests to the app's origin. */
  readonly headers?: Record<string, string>;
  /**
   * `fetch` credentials mode; `"include"` sends browser cookies cross-origin (needed for logins). Spelled out rather
   * than the DOM's `RequestCredentials`, which Node's typings (`lib: ["es2022"]`, `@types/node`) do not have.
   */
  readonly credentials?: "include" | "omit" | "same-origin";
  /**
   * A `Cookie` header for the app's origin (server runtimes: browsers refuse to let scripts set it and send their own
   * cookies instead). Sent together with login cookies, if any.
   */
  readonly cookies?: string;
  /**
   * Query parameters of the app URL (`a=1&b=2`), sent with `/config` and with the requests that start an event
   * (`{P}/queue/join`, `{P}/run/…`): Gradio hands the latter to the app as `gr.Request.query_params`.
   */
  readonly query?: string;
}

/** `RequestInit` with headers as a plain object (the only form the SDK passes). */
export type AppRequestInit = Omit<RequestInit, "headers"> & { readonly headers?: Record<string, string> };

/** Requests that start an event, or read the config: where Gradio reads the page's query parameters. */
const TAKES_QUERY = /\/(config|queue\/join|run\/[^?/]+)$/;

/** Statuses of idempotent requests worth retrying: the server or a proxy is briefly unavailable. */
const TRANSIENT = new Set([429, 502, 503, 504]);

export class Http {
  readonly origin: string;
  readonly #fetchImpl: FetchLike;
  /** @internal The login cookie jar, installed by a login (Node and workers; browsers keep their own). */
  cookies: { header(): string | undefined; keep(response: Response): void } | null = null;

  /**
   * @internal While set (during `Client.connect`, before any job exists), requests without a signal of their own
   * are aborted with it: its reason (a `TimeoutError`) is what they reject with.
   */
  deadline: AbortSignal | null = null;

  readonly #options: HttpOptions;
  readonly #hasHeaders: boolean;

  constructor(appUrl: string, options: HttpOptions = {}) {
    this.#options = options;
    this.#hasHeaders = Object.keys(options.headers ?? {}).length > 0 || Boolean(options.cookies);
    // fetch would throw a TypeError quoting the whole header, cookies included.
    if (options.cookies !== undefined) {
      if (typeof options.cookies !== "string" || !/^[\x20-\x7e]*$/.test(options.cookies)) {
        throw new InputError(
          "The cookies option must be one Cookie header value (`name=value; other=value`, printable ASCII without " +
            "line breaks). It is not shown here.",
        );
      }
      for (const pair of options.cookies.split(";")) keepSecret(pair.slice(pair.indexOf("=") + 1).trim());
    }
    this.origin = new URL(appUrl).origin;
    if (options.token !== undefined) {
      // fetch would throw a TypeError quoting the whole header value, token included.
      if (!/^[\x21-\x7e]+$/.test(options.token.trim())) {
        throw new AuthError(
          "The token cannot be sent in an HTTP header: it contains a space, a line break, a control character or a " +
            "non-ASCII character (often a copy-and-paste accident). It is not shown here.",
          0,
        );
      }
      keepSecret(options.token.trim());
    }
    const given = options.fetch;
    this.#fetchImpl = given ?? ((input, init) => globalThis.fetch(input, init));
  }

  /** Whether a URL belongs to the app's origin (and may receive its token and cookies). */
  isAppUrl(url: string): boolean {
    // The SDK's own URLs are built from the app's base URL: a prefix check spares a URL parse per request. Anything
    // else (other origins, odd spellings) goes through the parser.
    if (url.startsWith(`${this.origin}/`)) return true;
    try {
      return new URL(url).origin === this.origin;
    } catch {
      return false;
    }
  }

  /** `fetch` with the app's credentials when `url` is on the app's origin. Network failures → ConnectionError. */
  async request(url: string, init: AppRequestInit = {}, what = "Request"): Promise<Response> {
    const query = this.#options.query;
    if (query && TAKES_QUERY.test(url) && this.isAppUrl(url)) url = `${url}?${query}`;
    // A plain object, not `Headers`: fetch copies whatever it is given, and this runs for every request.
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(init.headers ?? {})) {
      headers[name.toLowerCase()] = value;
    }
    const ownOrigin = this.isAppUrl(url);
    if (ownOrigin) {
      for (const [name, value] of Object.entries(this.#options.headers ?? {})) {
        headers[name.toLowerCase()] ??= value;
      }
      if (this.#options.token) headers.authorization ??= `Bearer ${this.#options.token}`;
      const cookie = [this.#options.cookies, this.cookies?.header()].filter(Boolean).join("; ");
      if (cookie) headers.cookie = cookie;
    }
    // With credentials to protect (token, `headers`, login cookies), redirects are followed by the SDK and only
    // within the app's origin: fetch would send the `headers` option (and, in some runtimes, the token) to wherever
    // the app redirects. Without any, fetch follows them itself (cheaper, and nothing can leak).
    const guarded =
      ownOrigin && (this.#options.token !== undefined || this.cookies !== null || this.#hasHeaders);
    const follow = guarded && (init.redirect ?? "follow") === "follow";
    const credentials = ownOrigin ? (this.#options.credentials ?? "same-origin") : "omit";
    const request: RequestInit = { ...init, headers };
    if (!init.signal && this.deadline) request.signal = this.deadline;
    // Only options that differ from fetch's defaults: each one costs a browser's fetch a little.
    if (credentials !== "same-origin") request.credentials = credentials;
    if (follow || !ownOrigin) request.redirect = "manual";
    const response = await this.send(url, request, what);
    if (!follow || !isRedirect(response)) return response;
    const { followRedirects } = await loadPart(() => import("./redirects.js"), "redirect");
    return followRedirects(this, url, request, response, what);
  }

  /**
   * @internal One `fetch` as {@link request} prepared it: network failures become {@link ConnectionError}, cookies
   * from the app's origin go to the jar.
   */
  async send(url: string, request: RequestInit, what: string): Promise<Response> {
    let response: Response;
    try {
      response = await this.#fetchImpl(url, request);
    } catch (error) {
      const reason: unknown = request.signal?.reason;
      if (request.signal?.aborted) throw reason instanceof GradioJobsError ? reason : error;
      throw new ConnectionError(`${what}: could not reach ${new URL(url).origin} (${describe(error)}).`, {
        cause: error,
      });
    }
    if (this.cookies !== null && this.isAppUrl(url)) this.cookies.keep(response);
    return response;
  }

  /**
   * GET a JSON document, retrying transient failures (network errors, 429/502/503/504) with backoff: safe because
   * the request is idempotent. Maps 401/403 to {@link AuthError} and other failures to {@link HttpError}.
   */
  async getJson(url: string, what: string, attempts = 3, signal?: AbortSignal): Promise<unknown> {
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await this.request(url, { headers: { accept: "application/json" }, signal }, what);
      } catch (error) {
        if (attempt >= attempts || !(error instanceof ConnectionError)) throw error;
        await backoff(attempt);
        continue;
      }
      if (response.ok) return readJson(response, what);
      if (TRANSIENT.has(response.status) && attempt < attempts) {
        await response.body?.cancel();
        await backoff(attempt, response.headers.get("retry-after"));
        continue;
      }
      throw await errorFromResponse(response, what);
    }
  }
}

/** Parses a JSON body, with a {@link ConnectionError} naming the request when it is not JSON. */
export async function readJson(response: Response, what: string): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new ProtocolError(
      `${what}: the server answered ${response.status} with a body that is not JSON (${text.slice(0, 120)}). ` +
        "Is the URL a Gradio app?",
      text.slice(0, 2000),
    );
  }
}

/** The error to throw for a failed response: AuthError for 401/403, HttpError otherwise. Consumes the body. */
export async function errorFromResponse(response: Response, what: string): Promise<Error> {
  const body = await response.text().catch(() => "");
  if (response.status === 401 || response.status === 403) {
    return new AuthError(
      `${what}: the app refused access (HTTP ${response.status}). ` +
        "It needs a login: pass `auth: [username, password]` (or a valid `token`) to Client.connect.",
      response.status,
    );
  }
  return new HttpError(what, response.status, detailOf(body));
}

/** The `detail` of a FastAPI error body, or the body itself. */
export function detailOf(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === "object" && parsed !== null && "detail" in parsed) {
      const detail = (parsed as { detail: unknown }).detail;
      return typeof detail === "string" ? detail : JSON.stringify(detail);
    }
  } catch {}
  return body;
}

/** Whether a response is a redirect (`opaqueredirect` is what a browser shows of one). */
export function isRedirect(response: Response): boolean {
  return response.type === "opaqueredirect" || [301, 302, 303, 307, 308].includes(response.status);
}

function backoff(attempt: number, retryAfter?: string | null): Promise<void> {
  const seconds = retryAfter ? Number(retryAfter) : Number.NaN;
  const ms = Number.isFinite(seconds) ? Math.min(seconds * 1000, 5000) : 150 * 2 ** (attempt - 1);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
  }
  return String(error);
}
