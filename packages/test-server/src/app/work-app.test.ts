import { afterEach, describe, expect, it } from "vitest";
import { waitForEvent } from "../events.js";
import type { TestServerOptions } from "../options.js";
import { startTestServer, type TestServer } from "../server.js";
import { dataOf, type Message, newSession, TestClient } from "../testing/sse-test-client.js";
import type { RunRecord } from "./run-log.js";

let server: TestServer | undefined;

async function start(options: TestServerOptions = {}): Promise<{ server: TestServer; client: TestClient }> {
  server = await startTestServer({
    app: "work",
    timeScale: 0.05,
    heartbeatIntervalMs: 60_000,
    version: "5.14.0",
    ...options,
  });
  return { server, client: new TestClient(server.url) };
}

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** `POST {P}/run/{name}` with no inputs: the first output. */
async function call(client: TestClient, apiName: string): Promise<unknown> {
  const response = await client.postJson(`/run/${apiName}`, { data: [] });
  return ((await response.json()) as { data: unknown[] }).data[0];
}

const brief = (runs: RunRecord[]) => runs.map((run) => `${run.fn}:${String(run.text)}:${run.outcome}`);
const completedData = (messages: Message[]) =>
  dataOf(messages.find((message) => message.msg === "process_completed"));

describe("the work app: endpoints (the spec shared with conformance/apps/work.py)", () => {
  it("lists the seven listeners in spec order; demo.unload is private; the heartbeat is wanted", async () => {
    const { server } = await start();
    const config = await (await fetch(`${server.url}/config`)).json();
    const dependencies = config.dependencies as Array<Record<string, unknown>>;
    expect(dependencies.map((d) => [d.id, d.api_name])).toEqual([
      [0, "work"],
      [1, "work_stream"],
      [2, "stateful_work"],
      [3, "runs"],
      [4, "reset_runs"],
      [5, "unloaded"],
      [6, "on_unload"],
    ]);
    expect(dependencies[1]?.types).toEqual({ generator: true, cancel: false });
    expect(dependencies[2]).toMatchObject({ inputs: [1, 3], outputs: [6, 3] });
    expect(dependencies[6]).toMatchObject({
      targets: [[null, "unload"]],
      inputs: [],
      outputs: [],
      show_api: false,
    });
    expect(config.connect_heartbeat).toBe(true);
  });

  it("/info: parameter names and defaults; the unload listener only with all_endpoints", async () => {
    const { server } = await start();
    const info = await (await fetch(`${server.url}/gradio_api/info`)).json();
    const endpoints = info.named_endpoints;
    expect(Object.keys(endpoints)).toEqual([
      "/work",
      "/work_stream",
      "/stateful_work",
      "/runs",
      "/reset_runs",
      "/unloaded",
    ]);
    expect(endpoints["/work"].parameters).toEqual([
      expect.objectContaining({ parameter_name: "text", parameter_has_default: false, component: "Textbox" }),
    ]);
    expect(endpoints["/work_stream"].parameters[1]).toMatchObject({
      parameter_name: "n",
      parameter_has_default: true,
      parameter_default: 20,
      type: { type: "integer" },
    });
    expect(endpoints["/stateful_work"].parameters).toHaveLength(1);
    expect(endpoints["/stateful_work"].returns).toHaveLength(1);
    expect(endpoints["/runs"].parameters).toEqual([]);
    const all = await (await fetch(`${server.url}/gradio_api/info?all_endpoints=true`)).json();
    expect(all.named_endpoints["/on_unload"]).toMatchObject({ show_api: false, parameters: [] });
  });
});

describe("the work app: the run log", () => {
  it("records each run with session, times and outcome; /runs and server.runs() agree; /reset_runs clears", async () => {
    const { server, client } = await start();
    const session = newSession();
    const before = Date.now() / 1000;
    const { messages } = await client.run(0, ["a"], session);
    expect(completedData(messages)).toEqual(["work:a"]);
    const [run] = server.runs();
    expect(run).toEqual({
      fn: "/work",
      text: "a",
      session,
      started: expect.any(Number),
      ended: expect.any(Number),
      outcome: "completed",
    });
    expect(run!.started).toBeGreaterThanOrEqual(before - 0.01);
    // 1.5 s × timeScale 0.05.
    expect(run!.ended! - run!.started).toBeGreaterThanOrEqual(0.07);
    expect(await call(client, "runs")).toEqual(server.runs());
    // Through the queue too, without waiting behind /work (no concurrency limit).
    const running = await client.join(0, ["slow"], newSession());
    const viaQueue = await client.run(3, [], newSession());
    expect(completedData(viaQueue.messages)[0]).toEqual([
      run,
      expect.objectContaining({ text: "slow", ended: null, outcome: "running" }),
    ]);
    await waitForEvent(server, "job-end", (event) => event.eventId === running);
    expect(await call(client, "reset_runs")).toEqual({ ok: true });
    expect(server.runs()).toEqual([]);
  });

  it("/work_stream yields the growing text (append diffs) and records a completed run", async () => {
    const { server, client } = await start();
    const { messages } = await client.run(1, ["go", 3], newSession());
    const generated = messages
      .filter((message) => message.msg === "process_generating")
      .map((m) => dataOf(m));
    expect(generated).toEqual([["go 0"], [[["append", [], " 1"]]], [[["append", [], " 2"]]]]);
    expect(completedData(messages)).toEqual(["go 0 1 2"]);
    expect(brief(server.runs())).toEqual(["/work_stream:go:completed"]);
  });

  it("/stateful_work counts per session; the State output is null on the wire", async () => {
    const { client } = await start();
    const [s1, s2] = [newSession(), newSession()];
    const run = async (session: string) =>
      completedData((await client.run(2, ["t", null], session)).messages);
    expect(await run(s1)).toEqual(["t:1", null]);
    expect(await run(s1)).toEqual(["t:2", null]);
    expect(await run(s2)).toEqual(["t:1", null]);
  });

  it("a cancelled running job records 'cancelled', at the cancel", async () => {
    const { server, client } = await start();
    const session = newSession();
    const started = waitForEvent(server, "job-start", (event) => event.sessionHash === session);
    const eventId = await client.join(0, ["x"], session);
    await started;
    const ended = waitForEvent(server, "job-end", (event) => event.eventId === eventId);
    await client.cancel(session, 0, eventId);
    await ended;
    const [run] = server.runs();
    expect(run).toMatchObject({ fn: "/work", outcome: "cancelled" });
    expect(run!.ended! - run!.started).toBeLessThan(0.07);
  });

  it("a closed stream: a dead generator stops at its next yield ('cancelled'), a dead plain function runs on ('completed')", async () => {
    const { server, client } = await start();
    const session = newSession();
    const streamRun = await client.join(1, ["s", 1000], session);
    const plainRun = await client.join(2, ["p", null], session);
    const reader = await client.stream(session);
    await reader.waitFor((message) => message.event_id === streamRun && message.msg === "process_generating");
    const ends = Promise.all(
      [streamRun, plainRun].map((id) => waitForEvent(server, "job-end", (event) => event.eventId === id)),
    );
    reader.close();
    expect((await ends).map((end) => end.outcome)).toEqual(["dropped", "dropped"]);
    expect(brief(server.runs())).toEqual(["/work_stream:s:cancelled", "/stateful_work:p:completed"]);
    // The dead plain function's result was dropped, so the State did not move.
    expect(completedData((await client.run(2, ["p", null], session)).messages)).toEqual(["p:1", null]);
  });
});

describe("the work app judges the cancel quirks by what really ran (§16.3)", () => {
  /** /work A runs and B waits in one session; cancel B. */
  async function cancelWaitingSibling(options: TestServerOptions) {
    const { server, client } = await start(options);
    const session = newSession();
    const aStarted = waitForEvent(server, "job-start", (event) => event.sessionHash === session);
    await client.join(0, ["A"], session);
    const b = await client.join(0, ["B"], session);
    await aStarted;
    const bEnd = waitForEvent(server, "job-end", (event) => event.eventId === b);
    await client.cancel(session, 0, b);
    await bEnd;
    return brief(server.runs());
  }

  it("same session, 6.25: A is killed and the cancelled B runs to completion anyway", async () => {
    expect(await cancelWaitingSibling({ version: "6.25.0" })).toEqual([
      "/work:A:cancelled",
      "/work:B:completed",
    ]);
  });

  it("same session, 5.45: the same", async () => {
    expect(await cancelWaitingSibling({ version: "5.45.0" })).toEqual([
      "/work:A:cancelled",
      "/work:B:completed",
    ]);
  });

  /** /work A runs in session 1, B waits in session 2; cancel B; wait until A is done. */
  async function cancelWaitingOfOtherSession(options: TestServerOptions) {
    const { server, client } = await start(options);
    const [s1, s2] = [newSession(), newSession()];
    const aEnd = waitForEvent(server, "job-end", (event) => event.sessionHash === s1);
    await client.join(0, ["A"], s1);
    const b = await client.join(0, ["B"], s2);
    const bEnd = waitForEvent(server, "job-end", (event) => event.eventId === b);
    await client.cancel(s2, 0, b);
    await Promise.all([aEnd, bEnd]);
    return brief(server.runs());
  }

  it("other session, 6.25: B never runs", async () => {
    expect(await cancelWaitingOfOtherSession({ version: "6.25.0" })).toEqual(["/work:A:completed"]);
  });

  it("other session, 5.45: B runs anyway", async () => {
    expect(await cancelWaitingOfOtherSession({ version: "5.45.0" })).toEqual([
      "/work:A:completed",
      "/work:B:completed",
    ]);
  });
});
