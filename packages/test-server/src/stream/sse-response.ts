import type { ServerResponse } from "node:http";
import type { StreamFault } from "../faults.js";

/** Why an SSE response ended (the `stream-close` event's `reason`). */
export type StreamCloseReason = "close_stream" | "client" | "fault" | "end";

/**
 * One `text/event-stream` response: counts data frames, applies stream faults (raw frames, drop), and
 * tells apart a clean end, an abort (socket destroyed after the last frame, no chunked terminator, as
 * real Gradio does after an exception in its stream loop) and a client disconnect.
 */
export class SseResponse {
  private frames = 0;
  private finished = false;
  private closeListeners: Array<(reason: StreamCloseReason) => void> = [];

  constructor(
    private readonly response: ServerResponse,
    private readonly fault: StreamFault = {},
  ) {
    response.on("close", () => this.finish("client"));
  }

  get closed(): boolean {
    return this.finished;
  }

  /** Registers a listener for the end of the response, whatever its cause. */
  onClose(listener: (reason: StreamCloseReason) => void): void {
    this.closeListeners.push(listener);
  }

  /** Sends the 200 headers (as uvicorn does: content-type only, chunked). */
  open(): void {
    this.response.writeHead(200, { "content-type": "text/event-stream; charset=utf-8" });
    this.response.flushHeaders();
    this.afterFrame();
  }

  /** Writes `data: <payload>\n\n`. Returns false once the response is closed. */
  send(payload: string): boolean {
    if (this.finished) return false;
    this.frames += 1;
    this.response.write(`data: ${payload}\n\n`);
    this.afterFrame();
    return !this.finished;
  }

  /** Ends the response cleanly (terminating chunk). */
  end(reason: StreamCloseReason): void {
    if (this.finished) return;
    this.finish(reason);
    this.response.end();
  }

  /** Destroys the socket once the frames written so far are flushed: the client sees an aborted body. */
  abort(reason: StreamCloseReason): void {
    if (this.finished) return;
    this.finish(reason);
    this.response.write("", () => this.response.socket?.destroy());
  }

  private afterFrame(): void {
    const { rawFrames, dropAfterFrames } = this.fault;
    if (rawFrames && rawFrames.afterFrames === this.frames) {
      for (const raw of rawFrames.frames) this.response.write(raw);
    }
    if (dropAfterFrames !== undefined && this.frames >= dropAfterFrames) this.abort("fault");
  }

  private finish(reason: StreamCloseReason): void {
    if (this.finished) return;
    this.finished = true;
    const listeners = this.closeListeners;
    this.closeListeners = [];
    for (const listener of listeners) listener(reason);
  }
}
