/**
 * Not a client: the least any fetch-based client must do per job on sse_v3 (POST join, GET the session stream, split
 * frames, JSON.parse them until the stream ends, keeping the job's `process_completed` output), with no validation,
 * state, stores or callbacks beyond `onOutput`. The overhead benchmarks run it as the floor both clients stand on, in
 * Node (clients.mjs) and in Chromium (browser/floor.js); the long-stream benchmark runs its `submit`, which also
 * applies each `process_generating` diff to the output values (in place) and hands them to `onOutput`, as a user
 * must see them.
 *
 * @param {string} url the app's base URL
 * @returns {Promise<{ sessionHash: string, predict: (endpoint: string, args: unknown[]) => Promise<unknown[]>, submit: (endpoint: string, args: unknown[], hooks?: { onOutput?: (values: unknown[]) => void }) => { done: Promise<unknown[]>, eventId: () => string | null, cancel: () => void, state: () => string }, close: () => void }>}
 */
export async function connectFloor(url) {
  const config = await (await fetch(`${url}/config`)).json();
  const api = `${url}${config.api_prefix ?? ""}`;
  const sessionHash = Math.random().toString(36).slice(2, 13);
  const fnIndexOf = (endpoint) => config.dependencies.find((d) => `/${d.api_name}` === endpoint).id;
  const predictIndex = fnIndexOf("/predict");
  const decoder = new TextDecoder();

  /** One job: join, read the session stream to its end; resolves with the completion's data. */
  async function run(fnIndex, args, onOutput, joined) {
    const response = await fetch(`${api}/queue/join`, {
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
    const { event_id: eventId } = await response.json();
    joined?.(eventId);
    const stream = await fetch(`${api}/queue/data?session_hash=${sessionHash}`, {
      headers: { accept: "text/event-stream" },
    });
    const reader = stream.body.getReader();
    let buffer = "";
    let values = null;
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
        if (message.event_id !== eventId) continue;
        if (message.msg === "process_completed") result = message.output.data;
        else if (message.msg === "process_generating") {
          // sse_v2+: the first message of a generator carries the values, every later one a list of edits per output.
          const data = message.output.data;
          values = values === null ? data : data.map((edits, i) => applyEdits(values[i], edits));
          onOutput?.(values);
        }
      }
    }
    return result;
  }

  return {
    sessionHash,
    predict: (_endpoint, args) => run(predictIndex, args),
    submit(endpoint, args, hooks = {}) {
      let eventId = null;
      const done = run(fnIndexOf(endpoint), args, hooks.onOutput, (id) => {
        eventId = id;
      });
      return {
        done,
        eventId: () => eventId,
        cancel() {
          throw new Error("floor: no cancel");
        },
        state: () => "floor",
      };
    },
    close() {},
  };
}

/** Gradio's `[op, path, value]` edits applied to `value` in place (no checks, no copies); returns the new value. */
function applyEdits(value, edits) {
  let root = value;
  for (const [op, path, operand] of edits) {
    if (path.length === 0) {
      root = op === "append" ? (Array.isArray(root) ? root.concat(operand) : root + operand) : operand;
      continue;
    }
    let parent = root;
    for (let i = 0; i < path.length - 1; i++) parent = parent[path[i]];
    const key = path[path.length - 1];
    if (op === "replace") parent[key] = operand;
    else if (op === "append")
      parent[key] = Array.isArray(parent[key]) ? parent[key].concat(operand) : parent[key] + operand;
    else if (op === "add") {
      if (Array.isArray(parent)) parent.splice(key, 0, operand);
      else parent[key] = operand;
    } else if (Array.isArray(parent)) parent.splice(key, 1);
    else delete parent[key];
  }
  return root;
}
