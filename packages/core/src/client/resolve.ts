/**
 * Where an app lives: an app URL, a `*.hf.space` URL, a bare host, or a Hugging Face Space id `owner/name`
 * (asked of the Hub's `/api/spaces/{owner}/{name}/host`, protocol §11).
 * @module
 */
import { ConnectionError, loadPart } from "../errors.js";
import type { FetchLike } from "../http/http.js";

const SPACE_ID = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

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
    const { askHub } = await loadPart(() => import("./hub.js"), "Space resolution");
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
