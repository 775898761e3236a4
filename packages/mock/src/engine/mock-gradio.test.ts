/**
 * The mock's wire, checked with real `Request`s against `createMockGradio(app).fetch` (the fetch-handler mode that
 * MSW and service workers use): what `/config` and `/info` say, the queue messages of plain functions and
 * generators, errors, cancel, the queue, files, auth, the heartbeat route and injected faults. Expected shapes come
 * from /work/shared/gradio-protocol.md (§3, §4, §7, §8, §16).
 */
import { afterEach, describe, expect, it } from "vitest";
// Through the package's public entry, as users import it.
import {
  createMockGradio,
  defineApp,
  endpoint,
  file,
  GradioError,
  type MockGradio,
  type MockProtocol,
  number,
  radio,
  state,
  textbox,
} from "../index.js";

const BASE = "http://mock.test";
const unloaded: string[] = [];
let release: () => void = () => {};

function demoApp(protocol: MockProtocol = "6.25") {
  return defineApp({
    protocol,
    onUnload: (session) => unloaded.push(session),
    endpoints: {
      "/predict": endpoint({
        parameters: [
          number("a", { value: 4 }),
          radio("op", ["add", "divide"], { value: "add" }),
          number("b"),
        ],
        outputs: [number("result")],
        fn: (a, op, b) => {
          if (op === "divide" && b === 0) throw new Error("division by zero");
          return op === "add" ? a + b : a / b;
        },
      }),
      "/story": endpoint({
        parameters: [number("n", { value: 3 })],
        outputs: [textbox("text"), number("words")],
        fn: async function* (n, job) {
          let text = "";
          for (let i = 0; i < n; i++) {
            job.progress([i, n], "Writing", "words");
            text += `${i ? " " : ""}w${i}`;
            yield [text, i + 1];
            await job.sleep(0.01);
          }
        },
      }),
      "/notify": endpoint({
        outputs: [textbox("done")],
        fn: (job) => {
          job.info("info message");
          job.warning("careful", { duration: null, title: "Heads up" });
          job.progress(0.5, "half");
          return "ok";
        },
      }),
      "/fail": endpoint({
        fn: () => {
          throw new GradioError("bad input", { title: "Nope" });
        },
      }),
      "/hold": endpoint({
        parameters: [textbox("key")],
        outputs: [textbox("out")],
        fn: (key, job) =>
          new Promise<string>((resolve) => {
            release = () => resolve(`released:${key}`);
            job.signal.addEventListener("abort", () => resolve("never sent"));
          }),
      }),
      "/increment": endpoint({
        parameters: [state("count", 0)],
        outputs: [state("count", 0), number("count")],
        fn: (count) => [count + 1, count + 1],
      }),
      "/reverse": endpoint({
        parameters: [file("path")],
        outputs: [file("reversed")],
        fn: (input, job) => ({
          name: `reversed_${input.orig_name}`,
          data: new TextDecoder().decode(job.readFile(input)).split("").reverse().join(""),
        }),
      }),
      "/secret": endpoint({ outputs: [textbox("s")], fn: () => "s", visibility: "undocumented" }),
    },
  });
}

let mock: MockGradio;
afterEach(() => mock?.close());

function send(path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
  const { json, ...rest } = init;
  const request = new Request(`${BASE}${path}`, {
    ...rest,
    ...(json === undefined
      ? {}
      : { method: "POST", body: JSON.stringify(json), headers: { "content-type": "application/json" } }),
  });
  return mock.fetch(request);
}

type Message = Record<string, unknown> & { msg: string; event_id: string | null };

/** Reads an event stream to its end (or until `stopAt` says so), returning its messages. */
async function messages(response: Response, stopAt?: (m: Message) => boolean): Promise<Message[]> {
  const reader = (response.body as ReadableStream<Uint8Array>)
    .pipeThrough(new TextDecoderStream() as unknown as TransformStream<Uint8Array, string>)
    .getReader();
  const seen: Message[] = [];
  let buffered = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return seen;
    buffered += value;
    const frames = buffered.split("\n\n");
    buffered = frames.pop() ?? "";
    for (const frame of frames) {
      const message = JSON.parse(frame.replace(/^data: /, "")) as Message;
      seen.push(message);
      if (stopAt?.(message)) {
        await reader.cancel();
        return seen;
      }
    }
  }
}

async function join(session: string, fnIndex: number, data: unknown[]): Promise<string> {
  const response = await send("/gradio_api/queue/join", {
    json: { data, fn_index: fnIndex, session_hash: session },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { event_id: string }).event_id;
}

const stream = (session: string) => send(`/gradio_api/queue/data?session_hash=${session}`);

describe("discovery", () => {
  it("serves a 6.25 /config: versions, dependencies with fn_index ids, State hidden, generators marked", async () => {
    mock = createMockGradio(demoApp());
    const config = await (await send("/config")).json();
    expect(config).toMatchObject({
      version: "6.25.0",
      protocol: "sse_v3",
      api_prefix: "/gradio_api",
      root: BASE,
    });
    expect(config.connect_heartbeat).toBe(true);
    expect(config).not.toHaveProperty("show_api");
    expect(config.pages).toEqual([["", "Home", true]]);
    const [predict, story] = config.dependencies;
    expect(predict).toMatchObject({ id: 0, api_name: "predict", api_visibility: "public", queue: true });
    expect(story.types).toEqual({ generator: true, cancel: false });
    const increment = config.dependencies[5];
    // One State component, input and output alike.
    expect(increment.inputs).toEqual([increment.outputs[0]]);
    const stateComponent = config.components.find((c: { id: number }) => c.id === increment.inputs[0]);
    expect(stateComponent).toMatchObject({ type: "state", skip_api: true });
  });

  it("serves a 5.x /config and /info with show_api instead of api_visibility", async () => {
    mock = createMockGradio(demoApp("5.x"));
    const config = await (await send("/config")).json();
    expect(config).toMatchObject({ version: "5.45.0", show_api: true, pages: [["", "Home"]] });
    expect(config.dependencies[0]).toMatchObject({ show_api: true });
    expect(config.dependencies[0]).not.toHaveProperty("api_visibility");
    const info = await (await send("/gradio_api/info")).json();
    expect(info.named_endpoints["/predict"].show_api).toBe(true);
  });

  it("describes parameters in /info as Gradio does, listing undocumented endpoints only with all_endpoints", async () => {
    mock = createMockGradio(demoApp());
    const info = await (await send("/gradio_api/info")).json();
    expect(info.named_endpoints["/predict"].parameters[1]).toEqual({
      label: "op",
      parameter_name: "op",
      parameter_has_default: true,
      parameter_default: "add",
      type: { enum: ["add", "divide"], title: "Radio", type: "string" },
      python_type: { type: "Literal['add', 'divide']", description: "" },
      component: "Radio",
      example_input: "add",
    });
    expect(info.named_endpoints["/increment"].parameters).toEqual([]);
    expect(info.named_endpoints["/increment"].returns.map((r: { label: string }) => r.label)).toEqual([
      "count",
    ]);
    expect(info.named_endpoints).not.toHaveProperty("/secret");
    const all = await (await send("/gradio_api/info?all_endpoints=false")).json();
    expect(all.named_endpoints).toHaveProperty("/secret");
  });
});

describe("queue messages", () => {
  it("answers a plain function: estimation, process_starts, process_completed with the 6.25 fields, close_stream", async () => {
    mock = createMockGradio(demoApp());
    const id = await join("s1", 0, [6, "add", 7]);
    const seen = await messages(await stream("s1"));
    expect(seen.map((m) => m.msg)).toEqual([
      "estimation",
      "process_starts",
      "process_completed",
      "close_stream",
    ]);
    expect(seen[0]).toEqual({ msg: "estimation", event_id: id, rank: 0, queue_size: 1, rank_eta: null });
    expect(seen[2]).toMatchObject({
      event_id: id,
      success: true,
      title: null,
      used_cache: null,
      output: {
        data: [13],
        is_generating: false,
        render_config: null,
        changed_state_ids: [],
        used_cache: null,
      },
    });
    expect(typeof seen[2]?.cache_duration).toBe("number");
  });

  it("streams a generator: full first value, then diffs, then the full final value", async () => {
    mock = createMockGradio(demoApp(), { timeScale: 0.1 });
    await join("s2", 1, [3]);
    const seen = await messages(await stream("s2"));
    const generating = seen
      .filter((m) => m.msg === "process_generating")
      .map((m) => (m.output as { data: unknown }).data);
    expect(generating).toEqual([
      ["w0", 1],
      [[["append", [], " w1"]], [["replace", [], 2]]],
      [[["append", [], " w2"]], [["replace", [], 3]]],
    ]);
    const progress = seen.filter((m) => m.msg === "progress").map((m) => m.progress_data);
    expect(progress[1]).toEqual([{ index: 1, length: 3, unit: "words", progress: null, desc: "Writing" }]);
    expect(seen.find((m) => m.msg === "process_completed")?.output).toMatchObject({ data: ["w0 w1 w2", 3] });
  });

  it("sends gr.Info / gr.Warning logs and fractions of progress", async () => {
    mock = createMockGradio(demoApp());
    await join("s3", 2, []);
    const seen = await messages(await stream("s3"));
    expect(seen.filter((m) => m.msg === "log").map(({ event_id: _, ...m }) => m)).toEqual([
      { msg: "log", log: "info message", level: "info", duration: 10, visible: true, title: "Info" },
      { msg: "log", log: "careful", level: "warning", duration: null, visible: true, title: "Heads up" },
    ]);
    expect(seen.find((m) => m.msg === "progress")?.progress_data).toEqual([
      { index: null, length: null, unit: "steps", progress: 0.5, desc: "half" },
    ]);
  });

  it("ends a job with gr.Error's fields, other exceptions with their text (visible on 6.x only)", async () => {
    for (const protocol of ["6.25", "5.x"] as const) {
      mock = createMockGradio(demoApp(protocol));
      await join("e", 3, []);
      await join("e", 0, [1, "divide", 0]);
      await join("e", 0, [1]);
      const done = (await messages(await stream("e"))).filter((m) => m.msg === "process_completed");
      expect(done[0]).toMatchObject({
        success: false,
        title: "Nope",
        output: { error: "bad input", duration: 10, visible: true, title: "Nope" },
      });
      const plain =
        protocol === "6.25" ? { error: "division by zero", visible: true } : { error: "division by zero" };
      expect(done[1]?.output).toEqual(plain);
      expect((done[2]?.output as { error: string } | undefined)?.error).toBe(
        "An event handler (predict) didn't receive enough input values (needed: 3, got: 1).",
      );
      mock.close();
    }
  });

  it("buffers messages until the stream opens; an unknown session gets unexpected_error", async () => {
    mock = createMockGradio(demoApp());
    await join("early", 0, [1, "add", 1]);
    await join("early", 0, [2, "add", 2]);
    const results = (await messages(await stream("early")))
      .filter((m) => m.msg === "process_completed")
      .map((m) => (m.output as { data: unknown }).data);
    expect(results).toEqual([[2], [4]]);
    const unknown = await stream("nobody");
    expect(unknown.status).toBe(200);
    await expect(messages(unknown)).rejects.toThrow();
  });

  it("keeps gr.State per session", async () => {
    mock = createMockGradio(demoApp());
    const counts = async (session: string) =>
      (await messages(await stream(session)))
        .filter((m) => m.msg === "process_completed")
        .map((m) => (m.output as { data: unknown }).data);
    await join("alice", 5, [null]);
    await join("alice", 5, [null]);
    await join("bob", 5, [null]);
    expect(await counts("alice")).toEqual([
      [null, 1],
      [null, 2],
    ]);
    expect(await counts("bob")).toEqual([[null, 1]]);
  });
});

describe("queue, cancel and disconnects", () => {
  it("queues behind a concurrency limit of 1 with ranks, and refuses joins over maxQueueSize with 503", async () => {
    const app = demoApp();
    mock = createMockGradio({ ...app, maxQueueSize: 1 });
    const first = await join("q1", 4, ["a"]);
    const second = await join("q2", 4, ["b"]);
    const full = await send("/gradio_api/queue/join", {
      json: { data: ["c"], fn_index: 4, session_hash: "q3" },
    });
    expect(full.status).toBe(503);
    expect(await full.json()).toEqual({ detail: "Queue is full. Max size is 1 and size is 1." });
    const one = stream("q1");
    const two = stream("q2");
    const firstSeen = messages(await one);
    const waiting = await messages(await two, (m) => m.msg === "estimation");
    expect(waiting[0]).toMatchObject({ event_id: second, rank: 0, queue_size: 1 });
    release();
    expect((await firstSeen).find((m) => m.msg === "process_completed")).toMatchObject({
      event_id: first,
      output: { data: ["released:a"] },
    });
  });

  it("queues endpoints that share a concurrencyId behind one limit", async () => {
    const shared = (name: string) =>
      endpoint({
        parameters: [textbox("key")],
        outputs: [textbox("out")],
        concurrencyId: "gpu",
        fn: (key, job) => job.sleep(0.05).then(() => `${name}:${key}`),
      });
    mock = createMockGradio(defineApp({ endpoints: { "/a": shared("a"), "/b": shared("b") } }));
    await join("g1", 0, ["1"]);
    await join("g2", 1, ["2"]);
    // One worker for the group: /b waits while /a runs.
    expect([mock.stats.running, mock.stats.waiting]).toEqual([1, 1]);
    const done = (await messages(await stream("g2"))).find((m) => m.msg === "process_completed");
    expect(done?.output).toMatchObject({ data: ["b:2"] });
    expect(() =>
      defineApp({ endpoints: { "/a": shared("a"), "/b": { ...shared("b"), concurrencyLimit: 2 } } }),
    ).toThrow(/concurrencyId "gpu" has concurrencyLimit 1 on \/a but 2 here/);
  });

  it("cancels a running job: output {} with success true, and its worker is free again", async () => {
    mock = createMockGradio(demoApp());
    const id = await join("c1", 4, ["x"]);
    const seen = messages(await stream("c1"));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(mock.stats.running).toBe(1);
    const answer = await send("/gradio_api/cancel", {
      json: { session_hash: "c1", fn_index: 4, event_id: id },
    });
    expect(await answer.json()).toEqual({ success: true });
    const done = (await seen).filter((m) => m.msg === "process_completed");
    expect(done).toEqual([
      {
        msg: "process_completed",
        event_id: id,
        output: {},
        success: true,
        title: null,
        used_cache: null,
        cache_duration: null,
        avg_time: null,
      },
    ]);
    expect(mock.stats.running).toBe(0);
    expect(mock.stats.cancels).toEqual([{ session_hash: "c1", fn_index: 4, event_id: id }]);
  });

  it("removes a cancelled waiting job from the queue: it never runs", async () => {
    mock = createMockGradio(demoApp());
    await join("w1", 4, ["first"]);
    const waiting = await join("w2", 4, ["second"]);
    await send("/gradio_api/cancel", { json: { session_hash: "w2", fn_index: 4, event_id: waiting } });
    expect(mock.stats.waiting).toBe(0);
    const seen = await messages(await stream("w2"));
    expect(seen.map((m) => m.msg)).toEqual(["estimation", "process_completed", "close_stream"]);
  });

  it("stops a session's jobs when its stream is closed (Gradio's clean_events)", async () => {
    mock = createMockGradio(demoApp());
    await join("d1", 4, ["x"]);
    await messages(await stream("d1"), (m) => m.msg === "process_starts");
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(mock.stats.running).toBe(0);
    expect(mock.stats.openStreams).toBe(0);
  });
});

describe("files", () => {
  it("uploads, passes the file to the function and serves its output at {P}/file=", async () => {
    mock = createMockGradio(demoApp());
    const form = new FormData();
    form.append("files", new File(["hello"], "hello.txt", { type: "text/plain" }));
    const [path] = (await (
      await send("/gradio_api/upload", { method: "POST", body: form })
    ).json()) as string[];
    expect(path).toMatch(/^\/tmp\/gradio\/[0-9a-f]{40}\/hello\.txt$/);
    const input = { path, orig_name: "hello.txt", meta: { _type: "gradio.FileData" } };
    await join("f", 6, [input]);
    const done = (await messages(await stream("f"))).find((m) => m.msg === "process_completed");
    const [output] =
      (done?.output as { data: [{ url: string; orig_name: string; size: number }] } | undefined)?.data ?? [];
    if (!output) throw new Error("no output file");
    expect(output).toMatchObject({
      orig_name: "reversed_hello.txt",
      size: 5,
      meta: { _type: "gradio.FileData" },
    });
    expect(output.url.startsWith(`${BASE}/gradio_api/file=/tmp/gradio/`)).toBe(true);
    const download = await mock.fetch(new Request(output.url));
    expect(download.headers.get("content-disposition")).toBe('inline; filename="reversed_hello.txt"');
    expect(await download.text()).toBe("olleh");
    expect((await send("/gradio_api/file=/etc/passwd")).status).toBe(403);
  });

  it("refuses a file it never received, and uploads over maxFileSize with 413", async () => {
    mock = createMockGradio({ ...demoApp(), maxFileSize: 3 });
    await join("g", 6, [{ path: "/etc/passwd", meta: { _type: "gradio.FileData" } }]);
    const done = (await messages(await stream("g"))).find((m) => m.msg === "process_completed");
    expect(done?.output).toMatchObject({
      error: "File /etc/passwd is not in the upload folder and cannot be accessed.",
    });
    const form = new FormData();
    form.append("files", new File(["hello"], "hello.txt"));
    const refused = await send("/gradio_api/upload", { method: "POST", body: form });
    expect([refused.status, await refused.text()]).toEqual([
      413,
      "File size exceeded maximum allowed size of 3 bytes.",
    ]);
  });
});

describe("auth, heartbeat, direct calls", () => {
  it("asks for a login like launch(auth=…): 401, 400 on a wrong password, cookies on the right one", async () => {
    mock = createMockGradio({ ...demoApp(), auth: ["user", "pass"] });
    expect((await send("/config")).status).toBe(401);
    const login = (password: string) =>
      send("/login", { method: "POST", body: new URLSearchParams({ username: "user", password }) });
    const wrong = await login("nope");
    expect([wrong.status, await wrong.json()]).toEqual([400, { detail: "Incorrect credentials." }]);
    const right = await login("pass");
    const cookies = right.headers.getSetCookie();
    expect(cookies).toHaveLength(2);
    const cookie = cookies.map((c) => c.split(";")[0]).join("; ");
    expect((await send("/config", { headers: { cookie } })).status).toBe(200);
    // /cancel is not login-gated.
    expect(
      (await send("/gradio_api/cancel", { json: { session_hash: "x", fn_index: 0, event_id: "y" } })).status,
    ).toBe(200);
  });

  it("sends ALIVE on the heartbeat route and runs the unload listener when it closes", async () => {
    mock = createMockGradio(demoApp());
    const response = await send("/gradio_api/heartbeat/hb1");
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("data: ALIVE\n\n");
    await reader.cancel();
    expect(unloaded).toContain("hb1");
  });

  it("answers POST {P}/run/{name} without the queue", async () => {
    mock = createMockGradio(demoApp());
    const ok = await send("/gradio_api/run/predict", { json: { data: [2, "add", 3] } });
    expect(await ok.json()).toMatchObject({ data: [5], is_generating: false });
    const failed = await send("/gradio_api/run/fail", { json: { data: [] } });
    expect([failed.status, await failed.json()]).toEqual([
      500,
      { error: "bad input", duration: 10, visible: true, title: "Nope" },
    ]);
  });
});

describe("faults", () => {
  it("answers the next matching request with an injected status, then as usual", async () => {
    mock = createMockGradio(demoApp());
    mock.faults.add({ route: "join", endpoint: "/predict", status: 500, body: "boom" });
    const failed = await send("/gradio_api/queue/join", {
      json: { data: [1, "add", 1], fn_index: 0, session_hash: "f" },
    });
    expect([failed.status, await failed.text()]).toEqual([500, "boom"]);
    expect(
      (
        await send("/gradio_api/queue/join", {
          json: { data: [1, "add", 1], fn_index: 0, session_hash: "f" },
        })
      ).status,
    ).toBe(200);
  });

  it("delays, drops an event stream after N frames, and fails requests like a broken network", async () => {
    mock = createMockGradio(demoApp());
    mock.faults.add({ route: "config", delayMs: 50 });
    const started = Date.now();
    await send("/config");
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    mock.faults.add({ route: "stream", dropStreamAfter: 1 });
    await join("drop", 0, [1, "add", 1]);
    const seen: Message[] = [];
    await expect(
      messages(await stream("drop"), (m) => {
        seen.push(m);
        return false;
      }),
    ).rejects.toThrow(/dropped by an injected fault/);
    expect(seen.map((m) => m.msg)).toEqual(["estimation"]);
    mock.faults.add({ route: "info", networkError: true });
    expect((await send("/gradio_api/info")).type).toBe("error");
  });
});
