/**
 * Plain words for the ways `Client.connect` most often fails on a newcomer's URL, loaded only when it fails: https
 * to an app that serves http, and a URL that is not a Gradio app.
 * @module
 */
import { ConnectionError, HttpError, ProtocolError } from "../errors.js";

/** The error `Client.connect` rejects with when reading `{url}/config` failed with `error`. */
export function explain(error: unknown, url: string): unknown {
  if (error instanceof ConnectionError && url.startsWith("https:") && /ssl|tls|eproto/i.test(causes(error))) {
    // Node's fetch hides OpenSSL's reason two causes deep, as a long line; its code says the same in a word.
    const deepest = causes(error).split("\n").pop();
    return new ConnectionError(
      `Could not connect over https to ${new URL(url).origin} (is it an http:// app? Then pass its http:// URL). ` +
        `TLS failed: ${deepest}`,
      { cause: error },
    );
  }
  if (error instanceof HttpError && error.status >= 400 && error.status < 500) {
    // The body of a web server's 404 is its HTML page: useless in a message (it was ~400 characters of it).
    const answer = /^\s*</.test(error.body) ? "with an HTML page" : error.body.slice(0, 80);
    const notGradio = new HttpError("", error.status, error.body);
    notGradio.message =
      `${url} is not a Gradio app (GET /config answered ${error.status}${answer ? ` ${answer}` : ""}). ` +
      "Pass the app's root URL: the one that shows the app in a browser.";
    return notGradio;
  }
  if (error instanceof ProtocolError) {
    return new ProtocolError(
      `${url} is not a Gradio app (GET /config answered with a body that is not JSON). ` +
        "Pass the app's root URL: the one that shows the app in a browser.",
      error.payload,
    );
  }
  return error;
}

/** The messages of an error and its causes, one a line; a cause's `code` (`ERR_SSL_…`) instead of its message. */
function causes(error: unknown): string {
  const parts: string[] = [];
  for (let e = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    parts.push(typeof code === "string" ? code : e.message);
  }
  return parts.join("\n");
}
