/**
 * The session heartbeat, `GET {P}/heartbeat/{session_hash}` (protocol §10). Gradio asks for it (`config.connect_heartbeat`)
 * when the app has a `gr.State`, an `unload` listener or a streaming event; while it is open the session is alive,
 * and when it closes the server runs the app's `demo.unload` listeners and marks the session's State for deletion.
 * The frames (`data: ALIVE`) are not JSON and carry nothing: the body is only read so the connection stays open.
 * @module
 */
import type { Http } from "../http/http.js";

/** An open heartbeat; {@link Heartbeat.close} ends the session on the server. */
export interface Heartbeat {
  /** Whether the connection is open right now. */
  readonly isOpen: boolean;
  /** Closes the connection for good. */
  close(): void;
}

/** Waits before reopening a heartbeat that broke: 1 s, 2 s, 4 s … then every {@link MAX_RETRY_MS}. */
const RETRY_MS = [1_000, 2_000, 4_000, 8_000, 16_000] as const;
const MAX_RETRY_MS = 30_000;

/**
 * Opens the heartbeat of `sessionHash` and keeps it open (reopening it after a network failure) until `close()`.
 * A server without the route (404, Gradio before 4.25) is not asked again.
 */
export function openHeartbeat(http: Http, apiBase: string, sessionHash: string): Heartbeat {
  const controller = new AbortController();
  let open = false;
  const url = `${apiBase}/heartbeat/${encodeURIComponent(sessionHash)}`;

  const run = async () => {
    for (let failures = 0; !controller.signal.aborted; failures += 1) {
      try {
        const response = await http.request(
          url,
          { headers: { accept: "text/event-stream" }, signal: controller.signal },
          "Opening the session heartbeat",
        );
        if (response.status === 404) {
          await response.body?.cancel();
          return;
        }
        if (response.ok && response.body) {
          open = true;
          const since = Date.now();
          const reader = response.body.getReader();
          try {
            while (!(await reader.read()).done) {}
          } finally {
            // A connection that lived a while was healthy: the next break starts the back-off again.
            if (Date.now() - since > MAX_RETRY_MS) failures = -1;
          }
        } else await response.body?.cancel();
      } catch {
        // Aborted by close(), or the network failed: the loop decides.
      }
      open = false;
      if (controller.signal.aborted) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, RETRY_MS[failures] ?? MAX_RETRY_MS);
        controller.signal.addEventListener(
          "abort",
          () => {
            clearTimeout(timer);
            resolve();
          },
          { once: true },
        );
      });
    }
  };
  void run();

  return {
    get isOpen() {
      return open;
    },
    close() {
      open = false;
      controller.abort();
    },
  };
}
