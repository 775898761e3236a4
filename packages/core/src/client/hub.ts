/**
 * Requests to the Hugging Face Hub's API (`{hubUrl}/api/…`): resolving Space ids (`GET /api/spaces/{owner}/{name}/host`,
 * protocol §11), and the helpers the Space modules share. Loaded only when a Space is involved.
 * @module
 */
import { AuthError, ConnectionError, HttpError } from "../errors.js";
import type { FetchLike } from "../http/http.js";

/** The Hub that resolves Space ids, unless `hubUrl` says otherwise. */
const DEFAULT_HUB_URL = "https://huggingface.co";

/** What a Hub request needs from the client's options. */
export interface HubAccess {
  readonly fetch?: FetchLike;
  /** Sent to the Hub as `Authorization: Bearer …` (a Hugging Face token). */
  readonly token?: string;
  readonly hubUrl?: string;
}

/**
 * A request to the Hub's API, with the token when there is one. Network failures, and no answer within `timeoutMs`
 * (when there is no `signal`), become {@link ConnectionError}; the caller reads the status.
 */
export async function hubRequest(
  path: string,
  access: HubAccess,
  what: string,
  init: { method?: "GET" | "POST"; body?: unknown; signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<Response> {
  const hub = (access.hubUrl ?? DEFAULT_HUB_URL).replace(/\/+$/, "");
  const doFetch =
    access.fetch ?? ((input: string, request?: RequestInit) => globalThis.fetch(input, request));
  const headers: Record<string, string> = { accept: "application/json" };
  if (access.token) headers.authorization = `Bearer ${access.token.trim()}`;
  if (init.body !== undefined) headers["content-type"] = "application/json";
  const late = new AbortController();
  const timer =
    init.timeoutMs === undefined || init.timeoutMs === Number.POSITIVE_INFINITY
      ? undefined
      : setTimeout(() => late.abort(), init.timeoutMs);
  try {
    return await doFetch(`${hub}${path}`, {
      method: init.method ?? "GET",
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal ?? (timer === undefined ? undefined : late.signal),
    });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    const why = late.signal.aborted
      ? `${hub} did not answer within ${init.timeoutMs} ms`
      : `could not reach ${hub}`;
    throw new ConnectionError(`${what}: ${why}.`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

/** The JSON body of a Hub answer, or `null` when it is not JSON (a proxy's HTML page). */
export async function hubJson(response: Response): Promise<Record<string, unknown> | null> {
  const body: unknown = await response.json().catch(() => null);
  return typeof body === "object" && body !== null ? (body as Record<string, unknown>) : null;
}

/** The Hub's own words in an error answer (`{"error": …}`), else the status. */
export function hubReason(body: Record<string, unknown> | null, status: number): string {
  return typeof body?.error === "string" ? body.error : `HTTP ${status}`;
}

/** The app URL of a Space, as the Hub reports it. */
export async function askHub(spaceId: string, access: HubAccess): Promise<string> {
  const response = await hubRequest(`/api/spaces/${spaceId}/host`, access, `Finding Space ${spaceId}`);
  if (response.status === 401 || response.status === 404) {
    await response.body?.cancel();
    throw new AuthError(
      `Space ${spaceId} was not found, or it is private: check the id, or pass a \`token\` that can read it.`,
      response.status,
    );
  }
  const body = response.ok ? await hubJson(response) : null;
  if (!response.ok) await response.body?.cancel();
  const host = body?.host;
  if (typeof host !== "string") {
    throw new HttpError(`Resolving Space ${spaceId}`, response.status, JSON.stringify(body));
  }
  return host.replace(/\/+$/, "");
}
