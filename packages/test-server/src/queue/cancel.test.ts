import { afterEach, describe, expect, it } from "vitest";
import { waitForEvent } from "../events.js";
import type { TestServerOptions } from "../options.js";
import { startTestServer, type TestServer } from "../server.js";
import {
  dataOf,
  type Message,
  names,
  newSession,
  type SseReader,
  TestClient,
} from "../testing/sse-test-client.js";

let server: TestServer | undefined;

async function start(
  cancelRemovesQueued?: boolean,
  options: TestServerOptions = {},
): Promise<{ server: TestServer; client: TestClient }> {
  server = await startTestServer({
    timeScale: 0.02,
    heartbeatIntervalMs: 60_000,
    // The 5.x cancel quirks (sse-cancel*.txt were recorded on 5.14); 6.25's: version-shapes.test.ts.
    version: "5.14.0",
    cancelRemovesQueued,
    ...options,
  });
  return { server, client: new TestClient(server.url) };
}

/** Whether the stream is still open `ms` from now. */
async function stillOpenAfter(reader: SseReader, ms: number): Promise<boolean> {
  const timer = new Promise<"open">((resolve) => setTimeout(() => resolve("open"), ms));
  return (await Promise.race([reader.done, timer])) === "open";
}

const about = (eventId: string) => (message: Message) => message.event_id === eventId;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("POST /cancel", () => {
  it("cancels a running generator: output {} with success true, then close_stream (sse-cancel.txt)", async () => {
    const { server, client } = await start();
    const session = newSession();
    const second = waitForEvent(
      server,
      "job-output",
      (event) => event.sessionHash === session && event.index === 1,
    );
    const eventId = await client.join(5, [1000], session);
    const reader = await client.stream(session);
    await second;
    const ended = waitForEvent(server, "job-end", (event) => event.eventId === eventId);
    const response = await client.cancel(session, 5, eventId);
    expect(await response.json()).toEqual({ success: true });
    expect((await ended).outcome).toBe("cancelled");
    expect(await reader.done).toBe("clean");
    expect(reader.messages.slice(-2)).toEqual([
      { msg: "process_completed", event_id: eventId, output: {}, success: true, title: null },
      { msg: "close_stream", event_id: null },
    ]);
    expect(server.stats.cancels).toEqual([{ session_hash: session, fn_index: 5, event_id: eventId }]);
    // The session still works afterwards.
    const { messages } = await client.run(0, [1, "add", 1], session);
    expect(names(messages)).toEqual(["estimation", "process_starts", "process_completed", "close_stream"]);
  });

  it("5.x quirk on a queued job: the running sibling is killed, the queued one still runs, then KeyError (sse-cancel-queued.txt)", async () => {
    const { server, client } = await start();
    const session = newSession();
    const second = await client.join(3, ["second"], session);
    const third = await client.join(3, ["third"], session);
    const reader = await client.stream(session);
    await reader.waitFor((message) => message.msg === "process_starts" && message.event_id === second);
    const killed = waitForEvent(server, "job-end", (event) => event.eventId === second);
    await client.cancel(session, 3, third);
    expect((await killed).outcome).toBe("cancelled");
    expect(await reader.done).toBe("aborted");
    const thirdMessages = reader.messages.filter(
      (message) => message.event_id === third || message.event_id === null,
    );
    expect(names(thirdMessages)).toEqual([
      "estimation",
      "process_completed",
      "process_starts",
      "process_completed",
      "unexpected_error",
    ]);
    expect(thirdMessages[1]).toMatchObject({ output: {}, success: true });
    expect(thirdMessages[3]).toMatchObject({ output: { data: ["slow:third"] }, success: true });
    expect(thirdMessages[4]).toEqual({
      msg: "unexpected_error",
      event_id: null,
      message: `'${third}'`,
      success: false,
    });
    expect(
      reader.messages.some((message) => message.msg === "process_completed" && message.event_id === second),
    ).toBe(false);
    // The killed job's id stays pending forever, as in 5.x.
    expect(server.stats.pendingEvents).toBe(1);

    // baseline-5.45.0/sse-cancel-queued-same-session.txt, C and D: the session works, but never closes again.
    const seen: string[] = [];
    server.events.on("job-start", (event) => seen.push(`start:${event.eventId}`));
    server.events.on("job-end", (event) => seen.push(`end:${event.eventId}`));
    const c = await client.join(3, ["C"], session);
    const probeSession = newSession();
    const d = await client.join(3, ["D"], probeSession);
    const again = await client.stream(session);
    const probe = await client.stream(probeSession);
    const cDone = await again.waitFor(
      (message) => message.event_id === c && message.msg === "process_completed",
    );
    expect(dataOf(cDone)).toEqual(["slow:C"]);
    expect(await stillOpenAfter(again, 100)).toBe(true);
    expect(names(again.messages)).not.toContain("close_stream");
    // The probe of another session waited for C (one slot).
    expect(await probe.done).toBe("clean");
    expect(seen).toEqual([`start:${c}`, `end:${c}`, `start:${d}`, `end:${d}`]);
    again.close();
  });

  it("cancelRemovesQueued on 5.x: the queued job is removed before the killed sibling frees its slot, so it never runs", async () => {
    const { server, client } = await start(true);
    const session = newSession();
    const running = await client.join(3, ["a"], session);
    const queued = await client.join(3, ["b"], session);
    const removed = waitForEvent(server, "job-end", (event) => event.eventId === queued);
    await client.cancel(session, 3, queued);
    expect((await removed).outcome).toBe("cancelled");
    const reader = await client.stream(session);
    await reader.waitFor((message) => message.event_id === queued && message.msg === "process_completed");
    expect(
      reader.messages.some((message) => message.msg === "process_starts" && message.event_id === queued),
    ).toBe(false);
    // The running sibling was killed silently and stays pending: no close_stream.
    expect(server.stats.pendingEvents).toBe(1);
    expect(
      reader.messages.some((message) => message.event_id === running && message.msg === "process_completed"),
    ).toBe(false);
    reader.close();
  });

  it("answers 422 when a field is missing, and is not login-gated", async () => {
    server = await startTestServer({ auth: ["user", "pass"], version: "5.14.0" });
    const client = new TestClient(server.url);
    const missing = await client.postJson("/cancel", { session_hash: "x", fn_index: 0 });
    expect(missing.status).toBe(422);
    expect(await missing.json()).toMatchObject({ detail: [{ type: "missing", loc: ["body", "event_id"] }] });
    const ok = await client.cancel("x", 0, "nothing");
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ success: true });
  });
});

describe("POST /cancel on 6.25 (version: 6.25.0; gradio-6.25/sse-cancel-*.txt)", () => {
  const v625 = { version: "6.25.0", timeScale: 0.1, lingerTimeoutMs: 300 };

  it("a running generator: output {} with the three null cache fields, then close_stream (sse-cancel-running.txt)", async () => {
    const { server, client } = await start(undefined, v625);
    const session = newSession();
    const second = waitForEvent(
      server,
      "job-output",
      (event) => event.sessionHash === session && event.index === 1,
    );
    const eventId = await client.join(5, [60], session);
    const reader = await client.stream(session);
    await second;
    const ended = waitForEvent(server, "job-end", (event) => event.eventId === eventId);
    await client.cancel(session, 5, eventId);
    expect((await ended).outcome).toBe("cancelled");
    expect(await reader.done).toBe("clean");
    expect(reader.messages.slice(-2)).toEqual([
      {
        msg: "process_completed",
        event_id: eventId,
        output: {},
        success: true,
        title: null,
        used_cache: null,
        cache_duration: null,
        avg_time: null,
      },
      { msg: "close_stream", event_id: null },
    ]);
  });

  it("a waiting job of the same session and fn: the running one dies silently, the cancelled one starts, gets output {}, still runs, and the stream never closes (sse-cancel-queued-same-session.txt)", async () => {
    const { server, client } = await start(undefined, v625);
    const session = newSession();
    const a = await client.join(3, ["A"], session);
    const b = await client.join(3, ["B"], session);
    const reader = await client.stream(session);
    await reader.waitFor((message) => message.msg === "process_starts" && message.event_id === a);
    const killed = waitForEvent(server, "job-end", (event) => event.eventId === a);
    const bDone = waitForEvent(server, "job-end", (event) => event.eventId === b);
    await client.cancel(session, 3, b);
    expect((await killed).outcome).toBe("cancelled");
    expect((await bDone).outcome).toBe("completed");
    await reader.waitFor((message) => about(b)(message) && dataOf(message).length > 0);
    const bMessages = reader.messages.filter(about(b));
    expect(names(bMessages)).toEqual([
      "estimation",
      "process_starts",
      "process_completed",
      "process_completed",
    ]);
    expect(bMessages[2]).toEqual({
      msg: "process_completed",
      event_id: b,
      output: {},
      success: true,
      title: null,
      used_cache: null,
      cache_duration: null,
      avg_time: null,
    });
    expect(bMessages[3]).toMatchObject({ output: { data: ["slow:B"], used_cache: null }, success: true });
    expect(names(reader.messages.filter(about(a)))).toEqual(["estimation", "process_starts"]);
    // No KeyError any more, and no close_stream: A's id stays pending.
    expect(await stillOpenAfter(reader, 150)).toBe(true);
    expect(names(reader.messages)).not.toContain("unexpected_error");
    expect(server.stats.pendingEvents).toBe(1);

    // The client gives up on the stream. Its handler lingers, takes C's estimation, then cleans the session:
    // C vanishes without any message and the probe D of another session starts at once.
    reader.close();
    await waitForEvent(server, "stream-close", (event) => event.sessionHash === session);
    expect(server.stats.lingeringStreams).toBe(1);
    const cleaned = waitForEvent(server, "session-clean", (event) => event.sessionHash === session);
    const c = await client.join(3, ["C"], session);
    expect(await cleaned).toEqual({ sessionHash: session, removed: [c], flaggedDead: [] });
    expect(server.stats.lingeringStreams).toBe(0);
    const probeSession = newSession();
    const probeRun = client.run(3, ["D"], probeSession);
    const reopened = await client.stream(session);
    const { messages: probe } = await probeRun;
    expect(names(probe)).toEqual(["estimation", "process_starts", "process_completed", "close_stream"]);
    expect(dataOf(probe[2])).toEqual(["slow:D"]);
    expect(reopened.messages).toEqual([]);

    // Once that stream too is given up and its handler timed out, E completes, with no close_stream (A).
    reopened.close();
    await waitForEvent(server, "stream-linger-end", (event) => event.sessionHash === session);
    const e = await client.join(0, [2, "add", 3], session);
    const last = await client.stream(session);
    const completed = await last.waitFor(
      (message) => about(e)(message) && message.msg === "process_completed",
    );
    expect(dataOf(completed)).toEqual([5]);
    expect(await stillOpenAfter(last, 100)).toBe(true);
    last.close();
  });

  it("a waiting job of another session is removed: it never runs, the next job moves up (sse-cancel-queued-other-session.txt)", async () => {
    const { server, client } = await start(undefined, v625);
    const outcome = await cancelWaitingOfOtherSession(server, client);
    expect(outcome.bMessages).toEqual([
      expect.objectContaining({ msg: "estimation", rank: 0, queue_size: 1 }),
      expect.objectContaining({ msg: "process_completed", output: {}, used_cache: null, avg_time: null }),
      { msg: "close_stream", event_id: null },
    ]);
    expect(outcome.cEstimation).toMatchObject({ rank: 0, queue_size: 1 });
    expect(outcome.bStarted).toBe(false);
    expect(outcome.order).toEqual(["A", "C"]);
  });
});

describe("POST /cancel of another session's waiting job on 5.x (baseline-5.45.0/sse-cancel-queued-other-session.txt)", () => {
  it("B gets output {} and close_stream, but the server still runs it: C waits behind it", async () => {
    const { server, client } = await start(undefined, { timeScale: 0.1 });
    const outcome = await cancelWaitingOfOtherSession(server, client);
    expect(names(outcome.bMessages)).toEqual(["estimation", "process_completed", "close_stream"]);
    expect(outcome.cEstimation).toMatchObject({ rank: 1, queue_size: 2 });
    expect(outcome.bStarted).toBe(true);
    expect(outcome.order).toEqual(["A", "B", "C"]);
  });
});

/** A runs in session 1, B waits in session 2; cancel B; C joins from session 3. What ran, in which order? */
async function cancelWaitingOfOtherSession(server: TestServer, client: TestClient) {
  const [s1, s2, s3] = [newSession(), newSession(), newSession()];
  const started: string[] = [];
  const texts = new Map<string, string>();
  server.events.on("job-start", (event) => started.push(event.eventId));
  const a = await client.join(3, ["A"], s1);
  texts.set(a, "A");
  const b = await client.join(3, ["B"], s2);
  texts.set(b, "B");
  const bStream = await client.stream(s2);
  await client.cancel(s2, 3, b);
  expect(await bStream.done).toBe("clean");
  const c = await client.join(3, ["C"], s3);
  texts.set(c, "C");
  const cStream = await client.stream(s3);
  expect(await cStream.done).toBe("clean");
  const aStream = await client.stream(s1);
  expect(await aStream.done).toBe("clean");
  expect(dataOf(aStream.messages.find((m) => about(a)(m) && m.msg === "process_completed"))).toEqual([
    "slow:A",
  ]);
  const order = started.map((eventId) => texts.get(eventId));
  return {
    bMessages: bStream.messages,
    cEstimation: cStream.messages[0],
    bStarted: order.includes("B"),
    order,
  };
}
