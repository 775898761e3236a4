/**
 * Upload progress as the server sees it, from Gradio's `GET {P}/upload_progress?upload_id=U` event stream (protocol
 * §8). `fetch` cannot report how much of a request body it has sent (request streams need HTTP/2 in Chromium and do
 * not exist in Firefox or Safari), so the SDK asks the server, which works the same in browsers, workers and Node.
 * Loaded with the first large upload.
 * @module
 */
import { readEventStream } from "../wire/sse.js";
import type { FileEndpoints } from "./files.js";

/** How often to reopen a stream that ended before `done` (Gradio 5.14 ends it at once for an upload not yet begun). */
const RETRY_MS = 100;
const MAX_ATTEMPTS = 30;

/**
 * Follows the progress of the upload sent with `?upload_id=uploadId` and calls `report` with the bytes of file
 * content the server has received, whenever that grows. Returns how to stop (call it once the upload has answered).
 * Failures of this side stream are ignored: the upload itself says whether the files arrived.
 */
export function watchUploadProgress(
  target: FileEndpoints,
  uploadId: string,
  files: readonly { readonly name: string; readonly size: number }[],
  report: (loaded: number) => void,
): () => void {
  const stop = new AbortController();
  // Gradio sends the bytes received since its previous message, per file, in the order the parts arrive.
  let file = 0;
  let ofFile = 0;
  let reported = 0;
  const update = (name: unknown, chunk: number) => {
    const later = files.findIndex((f, i) => i > file && f.name === name);
    if (later > file && files[file]?.name !== name) {
      file = later;
      ofFile = 0;
    }
    ofFile += chunk;
    let loaded = Math.min(ofFile, files[file]?.size ?? 0);
    for (let i = 0; i < file; i++) loaded += files[i]?.size ?? 0;
    if (loaded <= reported) return;
    reported = loaded;
    report(loaded);
  };
  const url = `${target.apiBase}/upload_progress?upload_id=${encodeURIComponent(uploadId)}`;
  void (async () => {
    for (let attempt = 0; attempt < MAX_ATTEMPTS && !stop.signal.aborted; attempt++) {
      let done = false;
      try {
        const response = await target.http.request(url, { signal: stop.signal }, "Upload progress");
        if (response.ok && response.body) {
          await readEventStream(
            response.body,
            (data) => {
              const message = parse(data);
              if (message?.msg === "done") done = true;
              else if (message?.msg === "update" && typeof message.chunk_size === "number") {
                update(message.orig_name, message.chunk_size);
              }
            },
            undefined,
            stop.signal,
          );
        } else await response.body?.cancel();
      } catch {
        // Aborted once the upload answered, or the stream failed: the upload's own answer decides.
      }
      if (done || stop.signal.aborted) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, RETRY_MS);
        const wake = () => {
          clearTimeout(timer);
          resolve();
        };
        stop.signal.addEventListener("abort", wake, { once: true });
      });
    }
  })();
  return () => stop.abort();
}

function parse(data: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(data);
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
