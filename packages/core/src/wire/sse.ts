/**
 * Reads a `text/event-stream` response body in browsers, workers and Node, with the parsing rules of
 * `@microsoft/fetch-event-source`'s parser but not its code: that one walks every byte in JavaScript and decodes
 * every line twice (field and value), which a long generator stream pays on each yield; this one decodes each chunk
 * once and finds line ends with `indexOf`. No reconnection: Gradio streams must never be reopened blindly
 * (protocol §15.22).
 * @module
 */

/**
 * Calls `onData` with the `data` of every event in the body, in order, and resolves when the body ends.
 * Lines end with LF, CRLF or CR; `data` lines of one event are joined with LF; comments (`:`), lines without a
 * field name, `id` and `retry` are ignored; events with neither data nor an event name are skipped. `onActivity`
 * runs on every chunk of bytes, for liveness checks. Rejects if reading fails (network error) or when `signal` aborts,
 * with its reason: the body is then cancelled, which Node's fetch does not always do itself (seen after a `/cancel`
 * on the same session: the pending read stayed pending, keeping the connection and the process alive).
 */
export async function readEventStream(
  body: ReadableStream<Uint8Array>,
  onData: (data: string, event: string) => void,
  onActivity?: () => void,
  signal?: AbortSignal,
): Promise<void> {
  const reader = body.getReader();
  const stop = () => void reader.cancel(signal?.reason).catch(() => {});
  if (signal?.aborted) stop();
  signal?.addEventListener("abort", stop, { once: true });
  try {
    await readLines(reader, onData, onActivity);
  } finally {
    signal?.removeEventListener("abort", stop);
  }
  if (signal?.aborted) throw signal.reason;
}

async function readLines(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  onData: (data: string, event: string) => void,
  onActivity: (() => void) | undefined,
): Promise<void> {
  const decoder = new TextDecoder();
  let buffer = "";
  let data = "";
  let event = "";
  /** The text so far ended with CR: an LF opening the next chunk ends no further line. */
  let afterCR = false;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    onActivity?.();
    let text = decoder.decode(value, { stream: true });
    if (text === "") continue;
    if (afterCR && text.charCodeAt(0) === 10) text = text.slice(1);
    afterCR = text.charCodeAt(text.length - 1) === 13;
    if (text.includes("\r")) text = text.replace(/\r\n?/g, "\n");
    buffer += text;
    let start = 0;
    for (let end = buffer.indexOf("\n"); end >= 0; end = buffer.indexOf("\n", start)) {
      const line = buffer.slice(start, end);
      start = end + 1;
      if (line === "") {
        if (data !== "" || event !== "") onData(data, event);
        data = "";
        event = "";
        continue;
      }
      const colon = line.indexOf(":");
      if (colon <= 0) continue;
      const field = line.slice(0, colon);
      const fieldValue = line.slice(colon + (line.charCodeAt(colon + 1) === 32 ? 2 : 1));
      if (field === "data") data = data ? `${data}\n${fieldValue}` : fieldValue;
      else if (field === "event") event = fieldValue;
    }
    if (start > 0) buffer = buffer.slice(start);
  }
}
