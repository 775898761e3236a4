/**
 * Logging in to apps launched with `auth=…` (`POST /login`, protocol §11). Loaded only when `auth` is given.
 * @module
 */
import { AuthError, HttpError } from "./errors.js";
import { detailOf, type Http } from "./http.js";

/** Logs in through the app's `/login` form; the session cookie lands in `http`'s jar (or the browser's). */
export async function login(
  http: Http,
  url: string,
  [username, password]: readonly [string, string],
): Promise<void> {
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
