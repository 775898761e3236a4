import { afterEach, describe, expect, it } from "vitest";
import { waitForEvent } from "../events.js";
import type { TestServerOptions } from "../options.js";
import { startTestServer, type TestServer } from "../server.js";
import { dataOf, type Message, newSession, TestClient } from "../testing/sse-test-client.js";
import { applyDiff, type DiffOperation } from "./diff.js";
import { DiffRuns } from "./diff-runs.js";

let server: TestServer | undefined;

async function start(options: TestServerOptions): Promise<{ server: TestServer; client: TestClient }> {
  server = await startTestServer({ timeScale: 0.02, heartbeatIntervalMs: 60_000, ...options });
  return { server, client: new TestClient(server.url) };
}

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const generated = (messages: Message[]) =>
  messages.filter((message) => message.msg === "process_generating").map((message) => dataOf(message));

/** Runs /long_stream (60) in `session`, cancels it after two items, then runs /long_stream (2) there. */
async function cancelThenRerun(server: TestServer, client: TestClient, session: string): Promise<Message[]> {
  const second = waitForEvent(
    server,
    "job-output",
    (event) => event.sessionHash === session && event.index === 1,
  );
  const cancelled = await client.join(5, [60], session);
  const reader = await client.stream(session);
  await second;
  await client.cancel(session, 5, cancelled);
  await reader.done;
  return (await client.run(5, [2], session)).messages;
}

describe("diff chains kept after a cancel (gradio-6.25/sse-cancel-running.txt)", () => {
  it("6.25: the next generator run of the session continues the cancelled run's chain: its first message is a diff", async () => {
    const { server, client } = await start({ version: "6.25.0" });
    const messages = await cancelThenRerun(server, client, newSession());
    expect(generated(messages)).toEqual([[[["replace", [], "tick 0"]]], [[["replace", [], "tick 1"]]]]);
    const completed = messages.find((message) => message.msg === "process_completed");
    expect(dataOf(completed)).toEqual(["tick 1"]);
  });

  it("5.45 (baseline): the next run starts with full data", async () => {
    const { server, client } = await start({ version: "5.45.0" });
    const messages = await cancelThenRerun(server, client, newSession());
    expect(generated(messages)).toEqual([["tick 0"], [[["replace", [], "tick 1"]]]]);
  });

  it("reuseCancelledDiffRuns forces the quirk on 5.x", async () => {
    const { server, client } = await start({ reuseCancelledDiffRuns: true });
    const messages = await cancelThenRerun(server, client, newSession());
    expect(generated(messages)[0]).toEqual([[["replace", [], "tick 0"]]]);
  });

  it("only in the same session, and a normally finished run drops its entry", async () => {
    const { server, client } = await start({ version: "6.25.0" });
    const session = newSession();
    const second = waitForEvent(
      server,
      "job-output",
      (event) => event.sessionHash === session && event.index === 1,
    );
    const cancelled = await client.join(5, [60], session);
    const reader = await client.stream(session);
    await second;
    await client.cancel(session, 5, cancelled);
    await reader.done;
    expect(generated((await client.run(5, [1], newSession())).messages)).toEqual([["tick 0"]]);
    // The reused run finishes normally: its entry is dropped and the one after starts afresh.
    expect(generated((await client.run(5, [1], session)).messages)).toEqual([[[["replace", [], "tick 0"]]]]);
    expect(generated((await client.run(5, [1], session)).messages)).toEqual([["tick 0"]]);
  });

  it("a reused chain of a growing text gives an append (work app /work_stream)", async () => {
    const { server, client } = await start({ version: "6.25.0", app: "work" });
    const session = newSession();
    const first = waitForEvent(
      server,
      "job-output",
      (event) => event.sessionHash === session && event.index === 0,
    );
    const cancelled = await client.join(1, ["ab", 1000], session);
    const reader = await client.stream(session);
    await first;
    await client.cancel(session, 1, cancelled);
    await reader.done;
    // The cancelled run's last value; a new run whose text is that value yields it + " 0" first.
    let last: unknown = null;
    for (const [index, data] of generated(reader.messages).entries()) {
      last = index === 0 ? data[0] : applyDiff(last, data[0] as DiffOperation[]);
    }
    const messages = (await client.run(1, [last, 2], session)).messages;
    expect(generated(messages)).toEqual([[[["append", [], " 0"]]], [[["append", [], " 1"]]]]);
    expect(dataOf(messages.find((message) => message.msg === "process_completed"))).toEqual([`${last} 0 1`]);
  });
});

describe("DiffRuns", () => {
  it("hands the most recently abandoned id to the next run, with that run's last value", () => {
    const runs = new DiffRuns(true);
    const first = runs.open();
    first.record(["a"]);
    const second = runs.open();
    second.record(["b"]);
    first.abandon();
    second.abandon();
    expect(runs.open().previous()).toEqual(["b"]);
    expect(runs.open().previous()).toEqual(["a"]);
    expect(runs.open().previous()).toBeNull();
  });

  it("without reuse every run starts empty", () => {
    const runs = new DiffRuns(false);
    const first = runs.open();
    first.record(["a"]);
    first.abandon();
    expect(runs.open().previous()).toBeNull();
  });
});
