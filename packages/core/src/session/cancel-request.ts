/**
 * `POST {P}/cancel` (protocol §7). All three fields are required; Gradio always answers `{"success":true}` and
 * cancels by (session, function), which is why {@link SessionStream} decides when it is safe to call.
 * @module
 */
import { messageOf } from "../errors.js";
import type { Http } from "../http/http.js";

/** The body of a cancel request. */
export interface CancelBody {
  readonly session_hash: string;
  readonly fn_index: number;
  readonly event_id: string;
}

/**
 * Sends a cancel; resolves with `null` once the server accepted it, or with why it did not (a network failure, an
 * HTTP error). Never rejects: the job is already settled locally, and a failed cancel only leaves it running on the
 * server, which the caller reports.
 */
export async function postCancel(http: Http, apiBase: string, body: CancelBody): Promise<string | null> {
  try {
    const response = await http.request(
      `${apiBase}/cancel`,
      { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) },
      "Cancel",
    );
    await response.body?.cancel();
    return response.ok ? null : `HTTP ${response.status}`;
  } catch (error) {
    return messageOf(error);
  }
}
