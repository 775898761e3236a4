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

async function start(options: TestServerOptions): Promise<{ server: TestServer; client: TestClient }> {
  server = await startTestServer({
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

const v625: TestServerOptions = { version: "6.25.0", lingerTimeoutMs: 400 };
const v545: TestServerOptions = { version: "5.45.0", disconnectForgetsEvents: false };

const about = (eventId: string) => (message: Message) => message.event_id === eventId;

/** Whether the stream is still open `ms` from now. */
async function stillOpenAfter(reader: SseReader, ms: number): Promise<boolean> {
  const timer = new Promise<"open">((resolve) => setTimeout(() => resolve("open"), ms));
  return (await Promise.race([reader.done, timer])) === "open";
}

/** Joins `fnIndex`, opens the session stream, waits until the job runs, then drops the stream. */
async function joinAndDrop(
  server: TestServer,
  client: TestClient,
  session: string,
  fnIndex: number,
  data: unknown[],
): Promise<string> {
  const eventId = await client.join(fnIndex, data, session);
  const reader = await client.stream(session);
  await reader.waitFor((message) => message.event_id === eventId && message.msg === "process_starts");
  const closed = waitForEvent(server, "stream-close", (event) => event.sessionHash === session);
  reader.close();
  expect((await closed).reason).toBe("client");
  return eventId;
}

describe("reusing a session after its stream was dropped (gradio-6.25/sse-disconnect-reuse.txt)", () => {
  it("6.25 part 1: the lingering handler takes the dropped job's own completion, so a later /predict gets close_stream", async () => {
    const { server, client } = await start(v625);
    const session = newSession();
    const ended = waitForEvent(server, "job-end", (event) => event.sessionHash === session);
    const lingerEnd = waitForEvent(server, "stream-linger-end", (event) => event.sessionHash === session);
    await joinAndDrop(server, client, session, 11, [2]);
    expect(server.stats.lingeringStreams).toBe(1);
    // Not noticed: the job runs to its end normally, and its completion (written nowhere) ends the handler.
    expect((await ended).outcome).toBe("completed");
    expect(await lingerEnd).toEqual({ sessionHash: session, cleaned: false });
    const { messages, end } = await client.run(0, [1, "add", 2], session);
    expect(end).toBe("clean");
    expect(names(messages)).toEqual(["estimation", "process_starts", "process_completed", "close_stream"]);
    expect(dataOf(messages[2])).toEqual([3]);
  });

  it("6.25 part 2: a job joined shortly after the drop vanishes without any message; later jobs never get close_stream", async () => {
    const { server, client } = await start(v625);
    const session = newSession();
    const started: string[] = [];
    server.events.on("job-start", (event) => started.push(event.eventId));
    const first = await joinAndDrop(server, client, session, 11, [3]);
    const cleaned = waitForEvent(server, "session-clean", (event) => event.sessionHash === session);
    const second = await client.join(11, [1], session);
    // The lingering handler took second's estimation, then ran clean_events: second was still waiting.
    expect(await cleaned).toEqual({ sessionHash: session, removed: [second], flaggedDead: [first] });
    const reopened = await client.stream(session);
    const firstEnd = await waitForEvent(server, "job-end", (event) => event.eventId === first);
    expect(firstEnd.outcome).toBe("dropped");
    expect(started).not.toContain(second);
    expect(await stillOpenAfter(reopened, 100)).toBe(true);
    expect(reopened.frames).toEqual([]);

    // That stream lingers too once given up; after its timeout, /predict completes without close_stream
    // (the dead job's id stays pending on 6.25).
    const lingerEnd = waitForEvent(server, "stream-linger-end", (event) => event.sessionHash === session);
    reopened.close();
    expect(await lingerEnd).toEqual({ sessionHash: session, cleaned: true });
    const predict = await client.join(0, [2, "add", 2], session);
    const last = await client.stream(session);
    const completed = await last.waitFor(
      (message) => about(predict)(message) && message.msg === "process_completed",
    );
    expect(dataOf(completed)).toEqual([4]);
    expect(await stillOpenAfter(last, 100)).toBe(true);
    expect(server.stats.pendingEvents).toBe(1);
    last.close();
  });

  it("6.25: the handler notices after its timeout when the session stays silent", async () => {
    const { server, client } = await start({ ...v625, lingerTimeoutMs: 100 });
    const session = newSession();
    const cleaned = waitForEvent(server, "session-clean", (event) => event.sessionHash === session);
    const first = await joinAndDrop(server, client, session, 11, [10]);
    const started = Date.now();
    expect(await cleaned).toEqual({ sessionHash: session, removed: [], flaggedDead: [first] });
    expect(Date.now() - started).toBeGreaterThanOrEqual(80);
  });

  it("6.25: the closed stream's own heartbeat task (6.11+) puts the message that wakes its handler", async () => {
    const { server, client } = await start({ ...v625, lingerTimeoutMs: 60_000, heartbeatIntervalMs: 150 });
    const session = newSession();
    const cleaned = waitForEvent(server, "session-clean", (event) => event.sessionHash === session);
    const first = await joinAndDrop(server, client, session, 11, [100]);
    expect(await cleaned).toEqual({ sessionHash: session, removed: [], flaggedDead: [first] });
  });

  it("5.45 part 1: the drop is noticed at once; the dead job's id stays pending, so /predict gets no close_stream", async () => {
    const { server, client } = await start(v545);
    const session = newSession();
    const cleaned = waitForEvent(server, "session-clean", (event) => event.sessionHash === session);
    const first = await joinAndDrop(server, client, session, 11, [2]);
    expect(await cleaned).toEqual({ sessionHash: session, removed: [], flaggedDead: [first] });
    expect((await waitForEvent(server, "job-end", (event) => event.eventId === first)).outcome).toBe(
      "dropped",
    );
    const predict = await client.join(0, [1, "add", 2], session);
    const reader = await client.stream(session);
    await reader.waitFor((message) => about(predict)(message) && message.msg === "process_completed");
    expect(await stillOpenAfter(reader, 100)).toBe(true);
    reader.close();
  });

  it("5.45 part 2: the job joined after the drop waits for the dead one's slot, then runs and delivers its result", async () => {
    const { server, client } = await start(v545);
    const session = newSession();
    const seen: string[] = [];
    server.events.on("job-start", (event) => seen.push(`start:${event.eventId}`));
    server.events.on("job-end", (event) => seen.push(`end:${event.eventId}`));
    const first = await joinAndDrop(server, client, session, 11, [3]);
    const second = await client.join(11, [1], session);
    const reader = await client.stream(session);
    const completed = await reader.waitFor(
      (message) => about(second)(message) && message.msg === "process_completed",
    );
    expect(dataOf(completed)).toEqual(["slept 1"]);
    // A dead plain function keeps its slot until it ends.
    expect(seen.slice(-3)).toEqual([`end:${first}`, `start:${second}`, `end:${second}`]);
    expect(await stillOpenAfter(reader, 100)).toBe(true);
    reader.close();
  });

  it("5.x default (disconnectForgetsEvents): the session is forgotten, so later jobs close normally", async () => {
    const { server, client } = await start({});
    const session = newSession();
    await joinAndDrop(server, client, session, 11, [3]);
    const { messages, end } = await client.run(0, [1, "add", 2], session);
    expect(end).toBe("clean");
    expect(names(messages)).toEqual(["estimation", "process_starts", "process_completed", "close_stream"]);
  });
});

describe("dropping a busy stream (gradio-6.25/sse-disconnect.txt)", () => {
  /** Session 1: /slow A runs, /slow B waits, /long_stream L runs; the stream is dropped; C of session 2 joins. */
  async function dropBusySession(options: TestServerOptions) {
    const { server, client } = await start(options);
    const [s1, s2] = [newSession(), newSession()];
    const a = await client.join(3, ["A"], s1);
    const b = await client.join(3, ["B"], s1);
    const l = await client.join(5, [60], s1);
    const reader = await client.stream(s1);
    await reader.waitFor((message) => about(l)(message) && message.msg === "process_generating");
    const cleaned = waitForEvent(server, "session-clean", (event) => event.sessionHash === s1);
    const lEnd = waitForEvent(server, "job-end", (event) => event.eventId === l);
    reader.close();
    await waitForEvent(server, "stream-close", (event) => event.sessionHash === s1);
    const c = await client.join(3, ["C"], s2);
    const cStream = await client.stream(s2);
    const cEstimation = await cStream.waitFor((message) => about(c)(message) && message.msg === "estimation");
    const clean = await cleaned;
    expect((await lEnd).outcome).toBe("dropped");
    expect(await cStream.done).toBe("clean");
    return { a, b, l, cEstimation, clean };
  }

  it("6.25: C still sees B waiting (rank 1); the drop is noticed at L's next message, then B is removed", async () => {
    const { a, b, l, cEstimation, clean } = await dropBusySession(v625);
    expect(cEstimation).toMatchObject({ rank: 1, queue_size: 2 });
    expect(clean.removed).toEqual([b]);
    expect(new Set(clean.flaggedDead)).toEqual(new Set([a, l]));
  });

  it("5.45: noticed at once, so C is next (rank 0)", async () => {
    const { a, b, l, cEstimation, clean } = await dropBusySession(v545);
    expect(cEstimation).toMatchObject({ rank: 0, queue_size: 1 });
    expect(clean.removed).toEqual([b]);
    expect(new Set(clean.flaggedDead)).toEqual(new Set([a, l]));
  });
});
