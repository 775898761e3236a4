/**
 * Reads a `text/event-stream` response body with the parser of `@microsoft/fetch-event-source` (which works in
 * browsers, workers and Node), without its `fetchEventSource` wrapper: that one touches `document`/`window` and
 * reconnects by itself, and Gradio streams must never be reopened blindly (protocol §15.22).
 * @module
 */
import { getBytes, getLines, getMessages } from "@microsoft/fetch-event-source/lib/esm/parse.js";

/**
 * Calls `onData` with the `data` of every event in the body, in order, and resolves when the body ends.
 * Comment-only blocks (which the parser reports as empty messages) are skipped. `onActivity` runs on every chunk of
 * bytes, for liveness checks. Rejects if reading fails (network error, abort).
 */
export async function readEventStream(
  body: ReadableStream<Uint8Array>,
  onData: (data: string, event: string) => void,
  onActivity?: () => void,
): Promise<void> {
  const onMessage = getMessages(
    () => {},
    () => {},
    (message) => {
      if (message.data === "" && message.event === "") return;
      onData(message.data, message.event);
    },
  );
  const onLine = getLines(onMessage);
  await getBytes(body, (chunk) => {
    onActivity?.();
    onLine(chunk);
  });
}
