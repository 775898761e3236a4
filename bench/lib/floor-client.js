/**
 * Not a client: the least any fetch-based client must do per job on sse_v3 (POST join, GET the session stream, split
 * frames, JSON.parse them until the stream ends, keeping the job's `process_completed` output), with no validation,
 * state, stores or callbacks. The overhead benchmarks run it as the floor both clients stand on, in Node
 * (clients.mjs) and in Chromium (browser/floor.js). `predict` on `/predict` only.
 *
 * @param {string} url the app's base URL
 * @returns {Promise<{ sessionHash: string, predict: (endpoint: string, args: unknown[]) => Promise<unknown[]>, close: () => void }>}
 */
export async function connectFloor(url) {
  const config = await (await fetch(`${url}/config`)).json();
  const api = `${url}${config.api_prefix ?? ""}`;
  const sessionHash = Math.random().toString(36).slice(2, 13);
  const fnIndex = config.dependencies.find((d) => d.api_name === "predict").id;
  const decoder = new TextDecoder();
  return {
    sessionHash,
    async predict(_endpoint, args) {
      const joined = await fetch(`${api}/queue/join`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          data: args,
          fn_index: fnIndex,
          session_hash: sessionHash,
          event_data: null,
          trigger_id: null,
        }),
      });
      const { event_id: eventId } = await joined.json();
      const stream = await fetch(`${api}/queue/data?session_hash=${sessionHash}`, {
        headers: { accept: "text/event-stream" },
      });
      const reader = stream.body.getReader();
      let buffer = "";
      let result;
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (!frame.startsWith("data: ")) continue;
          const message = JSON.parse(frame.slice(6));
          if (message.msg === "process_completed" && message.event_id === eventId)
            result = message.output.data;
        }
      }
      return result;
    },
    close() {},
  };
}
