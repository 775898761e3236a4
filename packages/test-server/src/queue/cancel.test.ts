import { afterEach, describe, expect, it } from "vitest";
import { waitForEvent } from "../events.js";
import { startTestServer, type TestServer } from "../server.js";
import { names, newSession, TestClient } from "../testing/sse-test-client.js";

let server: TestServer | undefined;

async function start(cancelRemovesQueued = false): Promise<{ server: TestServer; client: TestClient }> {
  server = await startTestServer({ timeScale: 0.02, heartbeatIntervalMs: 60_000, cancelRemovesQueued });
  return { server, client: new TestClient(server.url) };
}

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("POST /cancel", () => {
  it("cancels a running generator: output {} with success true, then close_stream (sse-cancel.txt)", async () => {
    const { server, client } = await start();
    const session = newSession();
    const eventId = await client.join(5, [1000], session);
    const reader = await client.stream(session);
    await waitForEvent(server, "job-output", (event) => event.eventId === eventId && event.index === 1);
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
  });

  it("6.14+ mode (cancelRemovesQueued): the queued job is removed and never runs", async () => {
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
    server = await startTestServer({ auth: ["user", "pass"] });
    const client = new TestClient(server.url);
    const missing = await client.postJson("/cancel", { session_hash: "x", fn_index: 0 });
    expect(missing.status).toBe(422);
    expect(await missing.json()).toMatchObject({ detail: [{ type: "missing", loc: ["body", "event_id"] }] });
    const ok = await client.cancel("x", 0, "nothing");
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ success: true });
  });
});
