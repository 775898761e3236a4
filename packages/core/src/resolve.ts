/**
 * Where an app lives: an app URL, a `*.hf.space` URL, a bare host, or a Hugging Face Space id `owner/name`
 * (asked of the Hub's `/api/spaces/{owner}/{name}/host`, protocol §11).
 * @module
 */
import { AuthError, ConnectionError, HttpError } from "./errors.js";
import type { FetchLike } from "./http.js";

const SPACE_ID = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

/** The Hub that resolves Space ids, unless `hubUrl` says otherwise. */
export const DEFAULT_HUB_URL = "https://huggingface.co";

/** Where an app was found. */
export interface ResolvedApp {
  /** Base URL of the app, without a trailing slash. */
  readonly url: string;
  /** `owner/name` when the app is a Hugging Face Space. */
  readonly spaceId: string | null;
}

/**
 * Resolves `src` to the app's base URL. A Space id costs one request to the Hub (with the token, if any).
 *
 * @example
 * ```ts
 * await resolveApp("http://127.0.0.1:7860/");   // { url: "http://127.0.0.1:7860", spaceId: null }
 * await resolveApp("gradio/hello_world");        // { url: "https://gradio-hello-world.hf.space", spaceId: "gradio/hello_world" }
 * ```
 */
export async function resolveApp(
  src: string,
  options: { fetch?: FetchLike; token?: string; hubUrl?: string } = {},
): Promise<ResolvedApp> {
  const trimmed = src.trim();
  if (SPACE_ID.test(trimmed) && !/^https?:/i.test(trimmed)) {
    return { url: await askHub(trimmed, options), spaceId: trimmed };
  }
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new ConnectionError(`${JSON.stringify(src)} is neither an app URL nor a Space id (owner/name).`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ConnectionError(`Only http(s) app URLs are supported, not ${url.protocol}`);
  }
  const base = `${url.origin}${url.pathname}`.replace(/\/+$/, "");
  const space = url.hostname.endsWith(".hf.space") ? url.hostname.slice(0, -".hf.space".length) : null;
  return { url: base, spaceId: space };
}

async function askHub(
  spaceId: string,
  options: { fetch?: FetchLike; token?: string; hubUrl?: string },
): Promise<string> {
  const hub = (options.hubUrl ?? DEFAULT_HUB_URL).replace(/\/+$/, "");
  const doFetch = options.fetch ?? ((input: string, init?: RequestInit) => globalThis.fetch(input, init));
  const headers: Record<string, string> = { accept: "application/json" };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let response: Response;
  try {
    response = await doFetch(`${hub}/api/spaces/${spaceId}/host`, { headers });
  } catch (error) {
    throw new ConnectionError(`Could not reach ${hub} to find Space ${spaceId}.`, { cause: error });
  }
  if (response.status === 401 || response.status === 404) {
    await response.body?.cancel();
    throw new AuthError(
      `Space ${spaceId} was not found, or it is private: check the id, or pass a \`token\` that can read it.`,
      response.status,
    );
  }
  const body: unknown = response.ok ? await response.json().catch(() => null) : null;
  const host = typeof body === "object" && body !== null ? (body as { host?: unknown }).host : undefined;
  if (typeof host !== "string") {
    throw new HttpError(`Resolving Space ${spaceId}`, response.status, JSON.stringify(body));
  }
  return host.replace(/\/+$/, "");
}
