/**
 * Logging in to apps launched with `auth=…` (`POST /login`, protocol §11). Loaded only when `auth` is given.
 * @module
 */
import { AuthError, HttpError, keepSecret } from "../errors.js";
import { detailOf, type Http } from "../http/http.js";

/** Logs in through the app's `/login` form; the session cookie lands in `http`'s jar (or the browser's). */
export async function login(
  http: Http,
  url: string,
  [username, password]: readonly [string, string],
): Promise<void> {
  http.cookies ??= new CookieJar();
  const response = await http.request(
    `${url}/login`,
    {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ username, password }).toString(),
      redirect: "manual",
    },
    "Logging in",
  );
  const body = await response.text();
  if (response.ok) return;
  // Gradio without auth configured redirects /login to the root: there is nothing to log in to.
  if (response.type === "opaqueredirect" || (response.status >= 300 && response.status < 400)) return;
  if (response.status === 400 || response.status === 401) {
    throw new AuthError(
      `Login refused: wrong username or password (the server said: ${detailOf(body).slice(0, 200)}).`,
      response.status,
    );
  }
  throw new HttpError("Logging in", response.status, body);
}

/**
 * Cookies the app sets, for runtimes that expose `Set-Cookie` (Node, Deno, Bun); browsers and workers keep their own
 * jar and hide the header. Values are kept out of error messages.
 */
class CookieJar {
  readonly #cookies = new Map<string, string>();

  header(): string | undefined {
    return this.#cookies.size > 0
      ? [...this.#cookies].map(([name, value]) => `${name}=${value}`).join("; ")
      : undefined;
  }

  keep(response: Response): void {
    const headers = response.headers as Headers & { getSetCookie?: () => string[] };
    for (const line of headers.getSetCookie?.() ?? []) {
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
