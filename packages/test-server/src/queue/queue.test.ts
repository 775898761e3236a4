import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitForEvent } from "../events.js";
import { startTestServer, type TestServer } from "../server.js";
import { dataOf, names, newSession, outputOf, SseReader, TestClient } from "../testing/sse-test-client.js";
import { applyDiff, type DiffOperation } from "./diff.js";

let server: TestServer;
let client: TestClient;

beforeAll(async () => {
  server = await startTestServer({ timeScale: 0.02, heartbeatIntervalMs: 100, version: "5.14.0" });
  client = new TestClient(server.url);
});
afterAll(() => server.close());

describe("one job on the session stream (sse-predict.txt)", () => {
  it("sends estimation, process_starts, process_completed, close_stream, then ends", async () => {
    const session = newSession();
    const eventId = await client.join(0, [4, "add", 5], session);
    expect(eventId).toMatch(/^[0-9a-f]{32}$/);
    const reader = await client.stream(session);
    expect(reader.response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(await reader.done).toBe("clean");
    const [estimation, starts, completed, close] = reader.messages;
    expect(estimation).toEqual({
      msg: "estimation",
      event_id: eventId,
      rank: 0,
      queue_size: 1,
      rank_eta: null,
    });
    expect(starts).toEqual({ msg: "process_starts", event_id: eventId, eta: null });
    expect(completed).toMatchObject({
      msg: "process_completed",
      event_id: eventId,
      success: true,
      title: null,
    });
    expect(completed?.output).toEqual({
      data: [9],
      is_generating: false,
      duration: expect.any(Number),
      average_duration: expect.any(Number),
      render_config: null,
      changed_state_ids: [],
    });
    expect(close).toEqual({ msg: "close_stream", event_id: null });
    expect(reader.messages).toHaveLength(4);
  });

  it("multi returns three outputs (sse-multi.txt)", async () => {
    const { messages } = await client.run(9, ["gradio"], newSession());
    const completed = messages.find((message) => message.msg === "process_completed");
    expect(dataOf(completed)).toEqual(["hello gradio", 6, { name: "gradio", length: 6, upper: "GRADIO" }]);
  });
});

describe("generators", () => {
  const outputsOf = (messages: SseReader["messages"]) =>
    messages.filter((message) => message.msg === "process_generating").map((message) => dataOf(message));

  it("count: first yield full, then replace diffs, completion repeats the full value (sse-count.txt)", async () => {
    const { messages } = await client.run(1, [4], newSession());
    expect(names(messages)).toEqual([
      "estimation",
      "process_starts",
      ...Array(4).fill("process_generating"),
      "process_completed",
      "close_stream",
    ]);
    expect(outputsOf(messages)).toEqual([
      [0],
      [[["replace", [], 1]]],
      [[["replace", [], 2]]],
      [[["replace", [], 3]]],
    ]);
    expect(messages[2]).toMatchObject({ success: true, time_limit: null, output: { is_generating: true } });
    expect(dataOf(messages[6])).toEqual([3]);
  });

  it("stream_text (extra): a growing string gives append diffs", async () => {
    const { messages } = await client.run(12, ["a bb ccc"], newSession());
    expect(outputsOf(messages)).toEqual([["a"], [[["append", [], " bb"]]], [[["append", [], " ccc"]]]]);
  });

  it("grow_list (extra): nested replace and add diffs rebuild the final value", async () => {
    const { messages } = await client.run(13, [3], newSession());
    const [first, ...diffs] = outputsOf(messages);
    expect(diffs[0]).toEqual([
      [
        ["replace", [0, "done"], true],
        ["add", [1], { index: 1, label: "item 1", done: false }],
      ],
    ]);
    let value = first?.[0];
    for (const edits of diffs) value = applyDiff(value, edits[0] as DiffOperation[]);
    const completed = messages.find((message) => message.msg === "process_completed");
    expect(value).toEqual(dataOf(completed)[0]);
  });
});

describe("progress, logs and errors", () => {
  it("progress: fractions, then tqdm-style index/length (sse-progress.txt)", async () => {
    const { messages } = await client.run(2, [4], newSession());
    const units = messages
      .filter((message) => message.msg === "progress")
      .map((message) => (message.progress_data as unknown[])[0]);
    expect(units).toEqual([
      { index: null, length: null, unit: "steps", progress: 0, desc: "Starting" },
      { index: null, length: null, unit: "steps", progress: 0.25, desc: "step 1/4" },
      { index: null, length: null, unit: "steps", progress: 0.5, desc: "step 2/4" },
      { index: null, length: null, unit: "steps", progress: 0.75, desc: "step 3/4" },
      { index: 0, length: 3, unit: "items", progress: null, desc: "tqdm loop" },
      { index: 1, length: 3, unit: "items", progress: null, desc: "tqdm loop" },
      { index: 2, length: 3, unit: "items", progress: null, desc: "tqdm loop" },
    ]);
    expect(messages.at(-2)?.output).toMatchObject({ data: ["done 4 steps"] });
  });

  it("log: gr.Info and gr.Warning (sse-log.txt)", async () => {
    const { messages } = await client.run(10, ["x"], newSession());
    const logs = messages.filter((message) => message.msg === "log");
    expect(logs).toEqual([
      {
        msg: "log",
        event_id: expect.any(String),
        log: "info message",
        level: "info",
        duration: 10,
        visible: true,
        title: "Info",
      },
      {
        msg: "log",
        event_id: expect.any(String),
        log: "warning message",
        level: "warning",
        duration: 10,
        visible: true,
        title: "Warning",
      },
    ]);
  });

  it("fail: gr.Error payload and top-level title (sse-fail.txt)", async () => {
    const { messages } = await client.run(4, ["x"], newSession());
    expect(messages[2]).toEqual({
      msg: "process_completed",
      event_id: expect.any(String),
      output: { error: "bad input", duration: 10, visible: true, title: "Error" },
      success: false,
      title: "Error",
    });
    expect(messages[3]).toEqual({ msg: "close_stream", event_id: null });
  });

  it("raise (extra): a plain exception carries only its text", async () => {
    const { messages } = await client.run(16, ["x"], newSession());
    expect(messages[2]).toMatchObject({
      output: { error: "division by zero" },
      success: false,
      title: "Error",
    });
    expect(Object.keys(messages[2]?.output as object)).toEqual(["error"]);
  });

  it("too few inputs: accepted at join, fails in process_completed (sse-errors-misc.txt)", async () => {
    const { messages } = await client.run(0, [1], newSession());
    const error = String(outputOf(messages[2]).error);
    expect(error).toMatch(
      /^An event handler \(calculator\) didn't receive enough input values \(needed: 3, got: 1\)\./,
    );
    expect(error).toContain("<gradio.components.number.Number object at 0x");
  });
});

describe("queue positions", () => {
  it("three /slow jobs in one session share one stream (sse-queue-positions-one-session.txt)", async () => {
    const session = newSession();
    const [a, b, c] = [
      await client.join(3, ["a"], session),
      await client.join(3, ["b"], session),
      await client.join(3, ["c"], session),
    ];
    const reader = await client.stream(session);
    await reader.done;
    const brief = reader.messages
      .filter((m) => m.msg !== "heartbeat")
      .map(
        (m) =>
          `${m.msg}:${m.event_id === a ? "a" : m.event_id === b ? "b" : m.event_id === c ? "c" : "-"}:${m.rank ?? ""}`,
      );
    expect(brief).toEqual([
      "estimation:a:0",
      "process_starts:a:",
      "estimation:b:0",
      "estimation:c:1",
      "process_completed:a:",
      "estimation:c:0",
      "process_starts:b:",
      "process_completed:b:",
      "process_starts:c:",
      "process_completed:c:",
      "close_stream:-:",
    ]);
    const eta = reader.messages.find((m) => m.event_id === c && m.rank === 0)?.rank_eta as number;
    const starts = reader.messages.find((m) => m.event_id === b && m.msg === "process_starts")?.eta as number;
    expect(starts).toBeGreaterThan(0.02);
    expect(eta).toBeGreaterThan(starts * 1.5);
    const outputs = reader.messages.filter((m) => m.msg === "process_completed").map((m) => dataOf(m)[0]);
    expect(outputs).toEqual(["slow:a", "slow:b", "slow:c"]);
  });

  it("queue/status counts waiting jobs", async () => {
    const session = newSession();
    await client.join(15, ["status-key"], session);
    const status = await (await fetch(client.api("/queue/status"))).json();
    expect(status).toEqual({ msg: "estimation", event_id: null, rank: null, queue_size: 0, rank_eta: null });
    server.release("status-key");
    await (await client.stream(session)).done;
  });
});

describe("sessions", () => {
  it("gr.State is per session; State outputs are null (sse-state.txt)", async () => {
    const [a, b] = [newSession(), newSession()];
    const data = async (session: string) => dataOf((await client.run(8, [null], session)).messages[2]);
    expect(await data(a)).toEqual([null, 1]);
    expect(await data(a)).toEqual([null, 2]);
    expect(await data(b)).toEqual([null, 1]);
  });

  it("unknown session: 200, unexpected_error 'Session not found' (5.14 shape), then an aborted body", async () => {
    const reader = await client.stream("neverjoined1");
    expect(reader.response.status).toBe(200);
    expect(await reader.done).toBe("aborted");
    expect(reader.messages).toEqual([
      {
        msg: "unexpected_error",
        event_id: null,
        message: "404: Session not found.",
        success: false,
      },
    ]);
  });

  it("sends heartbeats while a job is silent, and the heartbeat route says ALIVE", async () => {
    const session = newSession();
    const beat = await SseReader.open(client.api(`/heartbeat/${session}`));
    await client.join(11, [15], session);
    const reader = await client.stream(session);
    await reader.waitFor((message) => message.msg === "heartbeat");
    expect(await reader.done).toBe("clean");
    expect(reader.messages.find((m) => m.msg === "heartbeat")).toEqual({ msg: "heartbeat", event_id: null });
    expect(beat.frames.length).toBeGreaterThanOrEqual(2);
    expect(new Set(beat.frames)).toEqual(new Set(["ALIVE"]));
    beat.close();
  });

  it("client disconnect drops waiting jobs and stops running generators (sse-client-disconnect.txt)", async () => {
    const session = newSession();
    await client.join(5, [1000], session);
    await client.join(5, [1000], session);
    const reader = await client.stream(session);
    await reader.waitFor((message) => message.msg === "process_generating");
    const ends: string[] = [];
    const bothEnded = new Promise<void>((resolve) => {
      const listener = (payload: { sessionHash: string; outcome: string }) => {
        if (payload.sessionHash !== session) return;
        ends.push(payload.outcome);
        if (ends.length === 2) {
          server.events.off("job-end", listener);
          resolve();
        }
      };
      server.events.on("job-end", listener);
    });
    const closed = waitForEvent(server, "stream-close", (event) => event.sessionHash === session);
    reader.close();
    expect((await closed).reason).toBe("client");
    await bothEnded;
    expect(ends).toEqual(["dropped", "dropped"]);
    expect(server.stats.runningJobs).toBe(0);
    const again = await client.stream(session);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(again.messages.filter((m) => m.msg !== "heartbeat")).toEqual([]);
    again.close();
  });
});
