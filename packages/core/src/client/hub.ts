/**
 * Space ids (`owner/name`) resolved by the Hugging Face Hub (`GET {hub}/api/spaces/{owner}/{name}/host`, protocol
 * §11). Loaded only when a Space id is given.
 * @module
 */
import { AuthError, ConnectionError, HttpError } from "../errors.js";
import type { FetchLike } from "../http/http.js";

/** The Hub that resolves Space ids, unless `hubUrl` says otherwise. */
const DEFAULT_HUB_URL = "https://huggingface.co";

/** The app URL of a Space, as the Hub reports it. */
export async function askHub(
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
