import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitForEvent } from "./events.js";
import { startTestServer, type TestServer } from "./server.js";
import { newSession, TestClient } from "./testing/sse-test-client.js";

let server: TestServer;
let client: TestClient;

beforeAll(async () => {
  server = await startTestServer({ timeScale: 0.02, heartbeatIntervalMs: 50 });
  client = new TestClient(server.url);
});
afterAll(() => server.close());

describe("fault injection", () => {
  it("status: answers with the given status and body for the next `times` requests", async () => {
    server.faults.add({ route: "config", status: 503, body: "upstream down", times: 2 });
    const first = await fetch(`${server.url}/config`);
    expect(first.status).toBe(503);
    expect(first.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await first.text()).toBe("upstream down");
    expect((await fetch(`${server.url}/config`)).status).toBe(503);
    expect((await fetch(`${server.url}/config`)).status).toBe(200);
  });

  it("status on join with a JSON body, and '*' matches any route", async () => {
    server.faults.add({
      route: "join",
      status: 503,
      body: '{"detail":"Queue is full. Max size is 1 and size is 1."}',
    });
    const refused = await client.postJson("/queue/join", {
      data: [1, "add", 2],
      fn_index: 0,
      session_hash: newSession(),
    });
    expect(refused.status).toBe(503);
    expect(refused.headers.get("content-type")).toBe("application/json");
    server.faults.add({ route: "*", status: 500 });
    expect((await fetch(client.api("/info"))).status).toBe(500);
    expect((await fetch(client.api("/info"))).status).toBe(200);
  });

  it("delayMs: delays the answer", async () => {
    server.faults.add({ route: "info", delayMs: 150 });
    const started = Date.now();
    expect((await fetch(client.api("/info"))).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("dropAfterFrames: destroys the stream socket after N frames; the session's jobs are cleaned", async () => {
    const session = newSession();
    const eventId = await client.join(5, [1000], session);
    server.faults.add({ route: "stream", dropAfterFrames: 3 });
    const dropped = waitForEvent(server, "job-end", (event) => event.eventId === eventId);
    const reader = await client.stream(session);
    expect(await reader.done).toBe("aborted");
    expect(reader.frames).toHaveLength(3);
    expect((await dropped).outcome).toBe("dropped");
  });

  it("rawFrames: injects raw strings after N frames, then carries on", async () => {
    const session = newSession();
    await client.join(0, [1, "add", 2], session);
    server.faults.add({
      route: "stream",
      rawFrames: ["data: {not json\n\n", ": comment\n\n"],
      afterFrames: 1,
    });
    const reader = await client.stream(session);
    expect(await reader.done).toBe("clean");
    expect(reader.frames[1]).toBe("{not json");
    expect(reader.messages.map((message) => message.msg)).toEqual([
      "estimation",
      "process_starts",
      "process_completed",
      "close_stream",
    ]);
  });

  it("stall: headers, then nothing at all (no heartbeats); messages stay buffered for the next stream", async () => {
    const session = newSession();
    await client.join(0, [2, "add", 2], session);
    server.faults.add({ route: "stream", stall: true });
    const stalled = await client.stream(session);
    expect(stalled.response.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(stalled.frames).toEqual([]);
    stalled.close();
    const reader = await client.stream(session);
    expect(await reader.done).toBe("clean");
    expect(reader.messages[2]).toMatchObject({ output: { data: [4] } });
  });

  it("stream rules do not match non-stream routes; clear() removes every rule", async () => {
    server.faults.add({ route: "*", dropAfterFrames: 0 });
    expect((await fetch(client.api("/info"))).status).toBe(200);
    server.faults.add({ route: "info", status: 500, times: Number.POSITIVE_INFINITY });
    server.faults.clear();
    expect((await fetch(client.api("/info"))).status).toBe(200);
  });
});
