/**
 * Where an app lives: an app URL, a `*.hf.space` URL, a bare host, or a Hugging Face Space id `owner/name`
 * (asked of the Hub's `/api/spaces/{owner}/{name}/host`, protocol §11).
 *
 * A bare host gets `http://` when it is `localhost`, `[::1]` or an IPv4 address (`127.0.0.1:7860`, `0.0.0.0`, a LAN
 * or VM address: `demo.launch()` serves plain http, and TLS certificates name hosts, hardly ever addresses), and
 * `https://` otherwise. A URL of one of the
 * app's own routes (`…/gradio_api`, `…/gradio_api/info`, `…/config`, `…/info`, `…/?view=api`) stands for the app.
 * Query parameters of the URL are kept (all but `view`): the client sends them where Gradio reads a page's.
 * @module
 */
import { ConnectionError, loadPart } from "../errors.js";
import type { FetchLike } from "../http/http.js";

const SPACE_ID = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
const LOCAL_HOST = /^(localhost|\[::1]|[\d.]+)$/;

/** Where an app was found. */
export interface ResolvedApp {
  /** Base URL of the app, without a trailing slash. */
  readonly url: string;
  /**
   * `owner/name` when `src` was a Space id; `null` for URLs, even `*.hf.space` ones: `owner-name.hf.space` does not
   * say where the owner ends (both may contain `-`). The client then takes the config's `space_id`.
   */
  readonly spaceId: string | null;
  /**
   * The URL's query parameters (`view` left out), as a query string without `?` (`""` for none): Gradio hands those of
   * the page to the app (`gr.Request.query_params`), so the client sends them on with each event.
   */
  readonly query: string;
}

/**
 * Resolves `src` to the app's base URL. A Space id costs one request to the Hub (with the token, if any).
 *
 * @example
 * ```ts
 * await resolveApp("http://127.0.0.1:7860/");     // { url: "http://127.0.0.1:7860", spaceId: null, query: "" }
 * await resolveApp("127.0.0.1:7860/?lang=de");    // { url: "http://127.0.0.1:7860", spaceId: null, query: "lang=de" }
 * await resolveApp("gradio/hello_world");          // { url: "https://gradio-hello-world.hf.space", spaceId: "gradio/hello_world", query: "" }
 * ```
 */
export async function resolveApp(
  src: string,
  options: { fetch?: FetchLike; token?: string; hubUrl?: string } = {},
): Promise<ResolvedApp> {
  const trimmed = src.trim();
  if (SPACE_ID.test(trimmed) && !/^https?:/i.test(trimmed)) {
    const { askHub } = await loadPart(() => import("./hub.js"), "Space resolution");
    return { url: await askHub(trimmed, options), spaceId: trimmed, query: "" };
  }
  const bare = !/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed);
  let url: URL;
  try {
    url = new URL(bare ? `http://${trimmed}` : trimmed);
  } catch {
    throw new ConnectionError(`${JSON.stringify(src)} is neither an app URL nor a Space id (owner/name).`);
  }
  if (bare && !LOCAL_HOST.test(url.hostname)) url.protocol = "https:";
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ConnectionError(`Only http(s) app URLs are supported, not ${url.protocol}`);
  }
  // Gradio serves `/config` and `{api_prefix}/…` from the app's root: those routes' own URLs mean the app.
  const base = `${url.origin}${url.pathname}`.replace(/(\/(gradio_api(\/info)?|config|info))?\/*$/, "");
  url.searchParams.delete("view");
  return { url: base, spaceId: null, query: url.searchParams.toString() };
}
