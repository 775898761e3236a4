/**
 * Asking a running app for its id (`GET {P}/app_id`, protocol §10), to tell a restart from a lost connection. Loaded
 * on first use: only after a lost stream or a failed join.
 * @module
 */
import { ConnectionError } from "../errors.js";
import { type Http, readJson } from "../http/http.js";
import { withDeadline } from "../http/timeouts.js";
import { isObject } from "../wire/messages.js";

/** An app id as Gradio sends it (a number on 5.x and 6.x). */
export type AppId = string | number | null;

/** How long the check may take: it runs while jobs wait for their error, so it is short. */
const CHECK_TIMEOUT_MS = 5_000;

/**
 * The app's id now, or `undefined` when it answered without one (an old Gradio, a proxy's error page). Rejects when
 * the app cannot be reached within 5 s.
 *
 * @example
 * ```ts
 * const id = await readAppId(http, "http://127.0.0.1:7860/gradio_api");
 * if (id !== undefined && id !== client.config.app_id) console.warn("the app restarted");
 * ```
 */
export function readAppId(http: Http, apiBase: string): Promise<AppId | undefined> {
  return withDeadline(
    CHECK_TIMEOUT_MS,
    () => new ConnectionError("The app id check timed out."),
    async (signal) => {
      const response = await http.request(
        `${apiBase}/app_id`,
        { headers: { accept: "application/json" }, signal },
        "Checking the app id",
      );
      const answer = response.ok ? await readJson(response, "Checking the app id") : null;
      return isObject(answer) && answer.app_id !== undefined ? (answer.app_id as AppId) : undefined;
    },
  );
}
