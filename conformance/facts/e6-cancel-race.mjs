// E6: /work a runs and /work b waits, both in one session; POST /cancel for b within a millisecond of a's
// process_completed, as the SDK does when it defers a cancel until the sibling is done. Prints what the stream said
// and what the run log says b did. On 6.25 b sometimes runs to its end (see conformance/README.md).
// Usage: node e6-cancel-race.mjs http://127.0.0.1:PORT   (conformance/apps/work.py)
const api = `${process.argv[2]}/gradio_api`;
const t0 = Date.now();
const t = () => ((Date.now() - t0) / 1000).toFixed(3);
const post = (path, body) =>
  fetch(api + path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  }).then((response) => response.json());

await post("/run/reset_runs", { data: [] });
const session = `race${Math.random().toString(36).slice(2, 8)}`;
const join = (text) =>
  post("/queue/join", { data: [text], fn_index: 0, session_hash: session }).then((r) => r.event_id);
const a = await join("a");
const stream = await fetch(`${api}/queue/data?session_hash=${session}`);
const b = await join("b");
const name = (id) => (id === a ? "a" : id === b ? "b" : id);
const decoder = new TextDecoder();
const lines = [];
let buffered = "";
reading: for await (const chunk of stream.body) {
  buffered += decoder.decode(chunk, { stream: true });
  const frames = buffered.split("\n\n");
  buffered = frames.pop() ?? "";
  for (const frame of frames) {
    const message = JSON.parse(frame.replace(/^data: /, ""));
    lines.push(`+${t()} ${message.msg} ${name(message.event_id)}`);
    if (message.msg === "process_completed" && message.event_id === a) {
      lines.push(`+${t()} cancel b sent`);
      post("/cancel", { session_hash: session, fn_index: 0, event_id: b }).then(() =>
        lines.push(`+${t()} cancel b answered`),
      );
    }
    if (message.msg === "close_stream") break reading;
  }
}
await new Promise((resolve) => setTimeout(resolve, 1800));
const run = (await post("/run/runs", { data: [] })).data[0].find((r) => r.text === "b");
console.log(lines.join(" | "));
console.log(
  `  b: ${run ? `${run.outcome}, ran ${((run.ended ?? Date.now() / 1000) - run.started).toFixed(3)} s` : "never ran"}`,
);
process.exit(0);
