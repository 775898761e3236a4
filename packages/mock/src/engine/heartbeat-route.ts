/**
 * `GET {P}/heartbeat/{session}` (protocol §10): `data: ALIVE` at once and every interval; when the client closes it,
 * the app's `onUnload` runs for the session (a server that notices the close, like Gradio under an ASGI 2.3 server).
 * @module
 */
import { every, sseFrame } from "./session.js";

export class HeartbeatRoute {
  readonly #open = new Set<ReadableStreamDefaultController<Uint8Array>>();
  readonly #intervalMs: number;
  readonly #onUnload: ((sessionHash: string) => void) | null;

  constructor(intervalMs: number, onUnload: ((sessionHash: string) => void) | null) {
    this.#intervalMs = intervalMs;
    this.#onUnload = onUnload;
  }

  answer(sessionHash: string, headers: HeadersInit): Response {
    let stop = () => {};
    let self: ReadableStreamDefaultController<Uint8Array> | null = null;
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => {
        self = controller;
        this.#open.add(controller);
        controller.enqueue(sseFrame("ALIVE"));
        stop = every(this.#intervalMs, () => controller.enqueue(sseFrame("ALIVE")));
      },
      cancel: () => {
        stop();
        if (self) this.#open.delete(self);
        this.#onUnload?.(sessionHash);
      },
    });
    return new Response(body, { headers });
  }

  /** Ends every open heartbeat stream (the mock is closing); no unload runs. */
  close(): void {
    for (const controller of this.#open) {
      try {
        controller.close();
      } catch {}
    }
    this.#open.clear();
  }
}
