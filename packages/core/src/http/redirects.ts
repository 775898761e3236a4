/**
 * Redirects of requests to the app, followed by hand and only within the app's origin, so that its credentials
 * stay there. Gradio's own routes do not redirect; proxies in front of an app may. Loaded on the first redirect.
 * @module
 */
import { ConnectionError } from "../errors.js";
import { type Http, isRedirect } from "./http.js";

/** Follows `response` (a redirect of `url`) up to 5 hops within the app's origin; returns the final response. */
export async function followRedirects(
  http: Http,
  url: string,
  request: RequestInit,
  response: Response,
  what: string,
): Promise<Response> {
  let target = url;
  for (let hops = 0; isRedirect(response); hops++) {
    await response.body?.cancel();
    const location = response.headers.get("location");
    const next = location ? new URL(location, target).href : null;
    if (next === null || !http.isAppUrl(next) || hops >= 5) {
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
      ((response.status === 301 || response.status === 302) && request.method === "POST")
    )
      request = { ...request, method: "GET", body: undefined };
    response = await http.send(target, request, what);
  }
  return response;
}
