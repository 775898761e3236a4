/**
 * Every request the SDK makes goes through {@link Http}: it adds the app's credentials only to requests for the
 * app's own origin, keeps login cookies in memory where the runtime does not (Node, workers), and turns network
 * failures into typed errors.
 * @module
 */
import { AuthError, ConnectionError, HttpError, keepSecret, ProtocolError } from "./errors.js";

/** The subset of `fetch` the SDK needs; pass your own through `ClientOptions.fetch`. */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** Settings of {@link Http}. */
export interface HttpOptions {
  readonly fetch?: FetchLike;
  /** Sent as `Authorization: Bearer <token>`, only to the app's origin. */
  readonly token?: string;
  /** Extra headers for requests to the app's origin. */
  readonly headers?: Record<string, string>;
  /** `fetch` credentials mode; `"include"` sends browser cookies cross-origin (needed for logins). */
  readonly credentials?: RequestCredentials;
}

/** Statuses of idempotent requests worth retrying: the server or a proxy is briefly unavailable. */
const TRANSIENT = new Set([429, 502, 503, 504]);

export class Http {
  readonly origin: string;
  readonly #fetchImpl: FetchLike;
  readonly #cookies = new Map<string, string>();

  readonly #options: HttpOptions;

  constructor(appUrl: string, options: HttpOptions = {}) {
    this.#options = options;
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
    try {
      return new URL(url).origin === this.origin;
    } catch {
      return false;
    }
  }

  /** `fetch` with the app's credentials when `url` is on the app's origin. Network failures → ConnectionError. */
  async request(url: string, init: RequestInit = {}, what = "Request"): Promise<Response> {
    const headers = new Headers(init.headers);
    const ownOrigin = this.isAppUrl(url);
    if (ownOrigin) {
      for (const [name, value] of Object.entries(this.#options.headers ?? {})) {
        if (!headers.has(name)) headers.set(name, value);
      }
      if (this.#options.token && !headers.has("authorization")) {
        headers.set("authorization", `Bearer ${this.#options.token}`);
      }
      if (this.#cookies.size > 0) {
        headers.set("cookie", [...this.#cookies].map(([name, value]) => `${name}=${value}`).join("; "));
      }
    }
    // Redirects are followed here, and only within the app's origin: fetch would send the `headers` option (and,
    // in some runtimes, the token) to wherever the app redirects.
    const follow = ownOrigin && (init.redirect ?? "follow") === "follow";
    let target = url;
    let request: RequestInit = { ...init, headers };
    for (let hops = 0; ; hops++) {
      let response: Response;
      try {
        response = await this.#fetchImpl(target, {
          ...request,
          credentials: ownOrigin ? (this.#options.credentials ?? "same-origin") : "omit",
          redirect: ownOrigin && !follow ? init.redirect : "manual",
        });
      } catch (error) {
        if (init.signal?.aborted) throw error;
        throw new ConnectionError(
          `${what}: could not reach ${new URL(target).origin} (${describe(error)}).`,
          {
            cause: error,
          },
        );
      }
      if (ownOrigin) this.#keepCookies(response);
      const redirected =
        response.type === "opaqueredirect" || [301, 302, 303, 307, 308].includes(response.status);
      if (!follow || !redirected) return response;
      await response.body?.cancel();
      const location = response.headers.get("location");
      const next = location ? new URL(location, target).href : null;
      if (next === null || !this.isAppUrl(next) || hops >= 5) {
        throw new ConnectionError(
          `${what}: the app redirected to ${next ? new URL(next).origin : "a place the browser does not reveal"}; ` +
            "the SDK follows redirects only within the app's origin, so that its credentials stay there.",
          { status: response.status },
        );
      }
      target = next;
      // Like fetch: 303 (and 301/302 after a POST) continue as a GET without a body.
      if (
        response.status === 303 ||
        ((response.status === 301 || response.status === 302) && init.method === "POST")
      )
        request = { ...request, method: "GET", body: undefined };
    }
  }

  /**
   * GET a JSON document, retrying transient failures (network errors, 429/502/503/504) with backoff: safe because
   * the request is idempotent. Maps 401/403 to {@link AuthError} and other failures to {@link HttpError}.
   */
  async getJson(url: string, what: string, attempts = 3): Promise<unknown> {
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await this.request(url, { headers: { accept: "application/json" } }, what);
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

  /** Cookies set by the app (Node and workers can read `Set-Cookie`; browsers keep their own jar). */
  #keepCookies(response: Response): void {
    const headers = response.headers as Headers & { getSetCookie?: () => string[] };
    const setCookies = headers.getSetCookie?.() ?? [];
    for (const line of setCookies) {
      const pair = line.split(";", 1)[0] ?? "";
      const eq = pair.indexOf("=");
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === "" || value === '""')
        this.#cookies.delete(name);
      else {
        this.#cookies.set(name, value);
        keepSecret(value);
      }
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
