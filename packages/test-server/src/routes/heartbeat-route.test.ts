import { afterEach, describe, expect, it } from "vitest";
import { waitForEvent } from "../events.js";
import type { TestServerOptions } from "../options.js";
import { startTestServer, type TestServer } from "../server.js";
import { dataOf, names, newSession, SseReader, TestClient } from "../testing/sse-test-client.js";

let server: TestServer | undefined;

async function start(options: TestServerOptions = {}): Promise<{ server: TestServer; client: TestClient }> {
  server = await startTestServer({ timeScale: 0.05, heartbeatIntervalMs: 100, ...options });
  return { server, client: new TestClient(server.url) };
}

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Calls a work-app endpoint without the queue (`POST {P}/run/{name}`) and returns its first output. */
async function call(client: TestClient, apiName: string): Promise<unknown> {
  const response = await client.postJson(`/run/${apiName}`, { data: [] });
  return ((await response.json()) as { data: unknown[] }).data[0];
}

describe("GET {P}/heartbeat/{session} (sse-heartbeat.txt, heartbeat-disconnect*.txt)", () => {
  it("sends ALIVE at once and every interval, and counts the open route", async () => {
    const { server, client } = await start();
    const session = newSession();
    const opened = waitForEvent(server, "heartbeat-open", (event) => event.sessionHash === session);
    const beat = await SseReader.open(client.api(`/heartbeat/${session}`));
    await opened;
    expect(beat.response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(server.stats.openHeartbeats).toBe(1);
    expect(server.stats.heartbeatOpens).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(beat.frames.length).toBeGreaterThanOrEqual(3);
    expect(new Set(beat.frames)).toEqual(new Set(["ALIVE"]));
    beat.close();
  });

  it("a server that notices the close runs the unload step: State kept, jobs go on (heartbeat-disconnect-control.txt)", async () => {
    const { server, client } = await start({ app: "work" });
    const session = newSession();
    const beat = await SseReader.open(client.api(`/heartbeat/${session}`));
    // /stateful_work twice: the State counts to 2.
    const counted = async () => dataOf((await client.run(2, ["t", null], session)).messages.at(-2));
    expect(await counted()).toEqual(["t:1", null]);
    expect(await counted()).toEqual(["t:2", null]);
    // /work A runs, B waits, with the stream open.
    const a = await client.join(0, ["A"], session);
    const b = await client.join(0, ["B"], session);
    const reader = await client.stream(session);
    const unloaded = waitForEvent(server, "unload", (event) => event.sessionHash === session);
    const closed = waitForEvent(server, "heartbeat-close", (event) => event.sessionHash === session);
    beat.close();
    expect(await closed).toEqual({ sessionHash: session, detected: true });
    expect(await unloaded).toEqual({ sessionHash: session, listeners: ["on_unload"] });
    expect(await call(client, "unloaded")).toEqual({ unloaded: [session] });
    expect(server.stats).toMatchObject({ heartbeatCloses: 1, unloads: [session], openHeartbeats: 0 });
    // The session's jobs complete normally, with close_stream, and the State is still there.
    expect(await reader.done).toBe("clean");
    const completed = reader.messages.filter((message) => message.msg === "process_completed");
    expect(completed.map((message) => [message.event_id, dataOf(message)])).toEqual([
      [a, ["work:A"]],
      [b, ["work:B"]],
    ]);
    expect(names(reader.messages).at(-1)).toBe("close_stream");
    expect(await counted()).toEqual(["t:3", null]);
  });

  it("detectHeartbeatClose: false models uvicorn 0.32: nothing happens (heartbeat-disconnect.txt)", async () => {
    const { server, client } = await start({ app: "work", detectHeartbeatClose: false });
    const session = newSession();
    const beat = await SseReader.open(client.api(`/heartbeat/${session}`));
    await client.run(2, ["t", null], session);
    const closed = waitForEvent(server, "heartbeat-close", (event) => event.sessionHash === session);
    let unloads = 0;
    server.events.on("unload", () => unloads++);
    beat.close();
    expect(await closed).toEqual({ sessionHash: session, detected: false });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(unloads).toBe(0);
    expect(server.stats.unloads).toEqual([]);
    expect(await call(client, "unloaded")).toEqual({ unloaded: [] });
    expect(dataOf((await client.run(2, ["t", null], session)).messages.at(-2))).toEqual(["t:2", null]);
  });

  it("the demo app has no unload listener: the step still runs (State marked), with no listener", async () => {
    const { server, client } = await start();
    const session = newSession();
    const opened = waitForEvent(server, "heartbeat-open", (event) => event.sessionHash === session);
    const beat = await SseReader.open(client.api(`/heartbeat/${session}`));
    await opened;
    const unloaded = waitForEvent(server, "unload", (event) => event.sessionHash === session);
    beat.close();
    expect(await unloaded).toEqual({ sessionHash: session, listeners: [] });
  });
});

describe("config.connect_heartbeat (utils.connect_heartbeat)", () => {
  it("is true for both apps (each has a gr.State; the work app also an unload listener), false without the route", async () => {
    for (const app of ["demo", "work"] as const) {
      const { server } = await start({ app });
      expect((await (await fetch(`${server.url}/config`)).json()).connect_heartbeat).toBe(true);
      await server.close();
    }
    const { server } = await start({ protocol: "sse_v1" });
    expect((await (await fetch(`${server.url}/config`)).json()).connect_heartbeat).toBe(false);
  });
});

describe("connection stats", () => {
  it("counts queue streams per session, live and at their peak, and TCP connections", async () => {
    const { server, client } = await start();
    const session = newSession();
    const other = newSession();
    await client.join(15, ["stats-a"], session);
    await client.join(15, ["stats-b"], other);
    const first = await client.stream(session);
    const second = await client.stream(session);
    const third = await client.stream(other);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.stats.openStreamsBySession).toEqual({ [session]: 2, [other]: 1 });
    expect(server.stats.openStreams).toBe(3);
    expect(server.stats.openConnections).toBeGreaterThanOrEqual(3);
    expect(server.stats.peakOpenStreams).toBe(3);
    expect(server.stats.peakOpenStreamsBySession).toEqual({ [session]: 2, [other]: 1 });
    expect(server.stats.peakOpenConnections).toBeGreaterThanOrEqual(3);
    // The newer stream of a session takes its messages; the older one only gets heartbeats.
    server.release("stats-a");
    server.release("stats-b");
    expect(await Promise.all([second.done, third.done])).toEqual(["clean", "clean"]);
    expect(server.stats.openStreamsBySession).toEqual({ [session]: 1 });
    const closed = waitForEvent(server, "stream-close", (event) => event.sessionHash === session);
    first.close();
    await closed;
    expect(server.stats.openStreamsBySession).toEqual({});
  });
});
