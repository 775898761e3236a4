/**
 * Cancels judged by what the server did: the test server records when each job started and ended and how, so these
 * tests check that a cancelled job stopped using its worker, that nothing else was hurt, and that the client never
 * held more streams than its budget.
 */
import { startTestServer, type TestServer, waitForEvent } from "@gradio-jobs/test-server";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { Client, type ClientOptions } from "../client/client.js";
import { CancelledError, ConnectionError } from "../errors.js";
import type { Job } from "../job/job.js";

const SCALE = 0.25; // /slow: 2 s × 0.25 = 500 ms; /long_stream: a tick every 125 ms
const SLOW_MS = 2_000 * SCALE;

interface Run {
  sessionHash: string;
  apiName: string;
  joined: number;
  started: number | null;
  ended: number | null;
  outcome: string | null;
}

let server: TestServer;
const runs = new Map<string, Run>();
const clients: Client[] = [];
let streamsOpen = 0;
let maxStreamsOpen = 0;

beforeAll(async () => {
  server = await startTestServer({ timeScale: SCALE });
  server.events.on("join", (e) =>
    runs.set(e.eventId, {
      sessionHash: e.sessionHash,
      apiName: e.apiName,
      joined: Date.now(),
      started: null,
      ended: null,
      outcome: null,
    }),
  );
  server.events.on("job-start", (e) => {
    const run = runs.get(e.eventId);
    if (run) run.started = Date.now();
  });
  server.events.on("job-end", (e) => {
    const run = runs.get(e.eventId);
    if (run) Object.assign(run, { ended: Date.now(), outcome: e.outcome });
  });
  const opened = () => {
    streamsOpen += 1;
    maxStreamsOpen = Math.max(maxStreamsOpen, streamsOpen);
  };
  const closed = () => {
    streamsOpen -= 1;
  };
  server.events.on("stream-open", opened);
  server.events.on("stream-close", closed);
  server.events.on("heartbeat-open", opened);
  server.events.on("heartbeat-close", closed);
});
afterAll(() => server.close());
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});

async function connect(options: ClientOptions = {}): Promise<Client> {
  const client = await Client.connect(server.url, options);
  clients.push(client);
  return client;
}

/** The server's record of a job, once it joined. */
async function runOf(job: Job): Promise<Run> {
  await vi.waitFor(() => expect(job.eventId).not.toBeNull());
  const run = runs.get(job.eventId as string);
  if (!run) throw new Error(`the server saw no join for ${job.eventId}`);
  return run;
}

const untilRunning = (job: Job) => vi.waitFor(() => expect(job.status().stage).toBe("running"));
const untilServerEnd = (run: Run) => vi.waitFor(() => expect(run.ended).not.toBeNull(), { timeout: 5_000 });

describe("a cancel reaches the server at once and touches no other job", () => {
  it("isolation 'always': a waiting sibling runs in a session of its own and starts right after the cancel", async () => {
    const client = await connect({ isolation: "always" });
    const a = client.submit("/slow", ["a"]);
    await untilRunning(a);
    const b = client.submit("/slow", ["b"]);
    const runB = await runOf(b);
    expect(runB.sessionHash).not.toBe(client.sessionHash);
    await vi.waitFor(() => expect(b.status().stage).toBe("queued"));

    const cancelledAt = Date.now();
    expect(await a.cancel()).toBe(true);
    const runA = await runOf(a);
    expect(runA.outcome).toBe("cancelled");
    expect(await b.result()).toEqual(["slow:b"]);
    expect((runB.started as number) - cancelledAt).toBeLessThan(SLOW_MS / 2);
  });

  it("isolation 'auto': once a function was cancelled, its next concurrent jobs get sessions of their own", async () => {
    const client = await connect();
    // No cancel yet: a second concurrent job shares the client's session (one stream for any number of jobs).
    const first = [client.submit("/slow", ["1"]), client.submit("/slow", ["2"])];
    expect(new Set(await Promise.all(first.map(async (job) => (await runOf(job)).sessionHash)))).toEqual(
      new Set([client.sessionHash]),
    );
    await Promise.all(first.map((job) => job.cancel()));

    const a = client.submit("/slow", ["a"]);
    await untilRunning(a);
    const b = client.submit("/slow", ["b"]);
    expect((await runOf(b)).sessionHash).not.toBe(client.sessionHash);
    const cancelledAt = Date.now();
    expect(await a.cancel()).toBe(true);
    expect((await runOf(a)).outcome).toBe("cancelled");
    await b.result();
    expect(((await runOf(b)).started as number) - cancelledAt).toBeLessThan(SLOW_MS / 2);
  });

  it("12 submits 80 ms apart, each cancelling the previous: the last result within one job's time + a margin, and at most one cancelled job ran to its end", async () => {
    const client = await connect();
    const jobs: Job[] = [];
    for (let i = 0; i < 12; i++) {
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, 80));
      const job = client.submit("/slow", [`k${i}`]);
      void jobs.at(-1)?.cancel();
      jobs.push(job);
    }
    const lastSubmitted = Date.now();
    const last = jobs.at(-1) as Job;
    expect(await last.result()).toEqual(["slow:k11"]);
    expect(Date.now() - lastSubmitted).toBeLessThan(SLOW_MS + 1_500);
    const cancelled = await Promise.all(jobs.slice(0, -1).map(runOf));
    await Promise.all(cancelled.map(untilServerEnd));
    expect(cancelled.filter((run) => run.outcome === "completed").length).toBeLessThanOrEqual(1);
  });

  it("20 concurrent jobs of one function, each cancelled: never more streams than the budget, every job settles", async () => {
    const before = maxStreamsOpen;
    maxStreamsOpen = streamsOpen;
    const client = await connect({ isolation: "always", maxStreams: 3 });
    const jobs = Array.from({ length: 20 }, (_, i) => client.submit("/long_stream", [40 + i]));
    await Promise.all(jobs.map((job) => vi.waitFor(() => expect(job.eventId).not.toBeNull())));
    const answers = await Promise.all(jobs.map((job) => job.cancel()));

    expect(answers.every((stopped) => stopped)).toBe(true);
    for (const job of jobs) expect(job.status().stage).toBe("cancelled");
    const serverRuns = await Promise.all(jobs.map(runOf));
    await Promise.all(serverRuns.map(untilServerEnd));
    expect(serverRuns.filter((run) => run.outcome === "completed")).toEqual([]);
    expect(maxStreamsOpen).toBeLessThanOrEqual(3);
    expect(client.openStreams).toBeLessThanOrEqual(3);
    maxStreamsOpen = Math.max(before, maxStreamsOpen);
  });

  it("no cancels: 100 concurrent jobs of one function share one session and one stream", async () => {
    const client = await connect();
    const opened: string[] = [];
    const onOpen = (e: { sessionHash: string }) => opened.push(e.sessionHash);
    server.events.on("stream-open", onOpen);
    try {
      const jobs = Array.from({ length: 100 }, (_, i) => client.submit("/predict", [i, "add", 1]));
      const results = await Promise.all(jobs.map((job) => job.result()));
      expect(results.at(-1)).toEqual([100]);
      expect(new Set(opened)).toEqual(new Set([client.sessionHash]));
    } finally {
      server.events.off("stream-open", onOpen);
    }
  });
});

describe("faults with several sessions", () => {
  it("a dropped stream settles the jobs of its session only", async () => {
    const client = await connect({ isolation: "always" });
    const kept = client.submit<[number]>("/count", [12]);
    await untilRunning(kept);
    // The next stream to open is the extra session's: the network drops it after its first frame.
    server.faults.add({ route: "stream", dropAfterFrames: 1 });
    const lost = client.submit("/count", [12]);
    expect((await runOf(lost)).sessionHash).not.toBe(client.sessionHash);
    const error = await lost.result().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(kept.done).toBe(false);
    expect(await kept.result()).toEqual([11]);
  });
});

describe("what cancel() tells", () => {
  it("a cancel request that fails is retried once", async () => {
    const client = await connect();
    const job = client.submit("/long_stream", [40]);
    await untilRunning(job);
    server.faults.add({ route: "cancel", status: 502, body: "Bad Gateway" });
    expect(await job.cancel()).toBe(true);
    expect((await runOf(job)).outcome).toBe("cancelled");
    expect(job.status().message).toBe("The job was cancelled.");
  });

  it("a cancel the server never hears of: false, and the status says so", async () => {
    const client = await connect();
    const job = client.submit("/long_stream", [8]);
    await untilRunning(job);
    server.faults.add({ route: "cancel", status: 503, body: "down", times: 2 });
    const statuses: string[] = [];
    job.$status.listen((status) => statuses.push(`${status.stage}: ${status.message}`));
    expect(await job.cancel()).toBe(false);
    expect(job.status().stage).toBe("cancelled");
    expect(job.status().message).toMatch(
      /telling the server failed twice \(HTTP 503\): it may still run there/,
    );
    const error = await job.result().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CancelledError);
    expect(statuses).toEqual([
      "cancelled: The job was cancelled.",
      expect.stringMatching(/^cancelled: The job was cancelled here, but telling the server failed twice/),
    ]);
  });

  it("a job the server finished before the cancel reached it: false, and its outputs on the error", async () => {
    const client = await connect();
    const key = `finished-first-${Date.now()}`;
    const job = client.submit("/hold", [key]);
    await untilRunning(job);
    server.faults.add({ route: "cancel", delayMs: 300 });
    const ended = waitForEvent(server, "job-end", (e) => e.eventId === job.eventId);
    server.release(key);
    await ended;
    const stopped = job.cancel();
    expect(job.status().stage).toBe("cancelled");
    expect(await stopped).toBe(false);
    const error = (await job.result().catch((e: unknown) => e)) as CancelledError;
    expect(error.outputs).toEqual([`released:${key}`]);
    expect(job.status().message).toMatch(/the server had already finished it/);
  });

  it("cancelling twice gives the same answer; cancelling a completed job resolves false", async () => {
    const client = await connect();
    const done = client.submit("/predict", [1, "add", 1]);
    await done.result();
    expect(await done.cancel()).toBe(false);
    const job = client.submit("/long_stream", [20]);
    await untilRunning(job);
    const first = job.cancel();
    expect(job.cancel()).toBe(first);
    expect(await first).toBe(true);
  });
});

describe("the session on the server", () => {
  it("close() closes the heartbeat, so the server ends the session (unload)", async () => {
    const client = await connect();
    await waitForEvent(server, "heartbeat-open", (e) => e.sessionHash === client.sessionHash);
    const unload = waitForEvent(server, "unload", (e) => e.sessionHash === client.sessionHash);
    client.close();
    expect((await unload).sessionHash).toBe(client.sessionHash);
    expect(client.openStreams).toBe(0);
  });

  it("heartbeat: false opens none", async () => {
    const opened: string[] = [];
    const onOpen = (e: { sessionHash: string }) => opened.push(e.sessionHash);
    server.events.on("heartbeat-open", onOpen);
    try {
      const client = await connect({ heartbeat: false });
      await client.predict("/predict", [1, "add", 1]);
      expect(opened).not.toContain(client.sessionHash);
    } finally {
      server.events.off("heartbeat-open", onOpen);
    }
  });
});

describe("Gradio 6.25's quirks, designed around", () => {
  it("a generator run again in the session of a cancelled run continues that run's diff chain: its values are still its own", async () => {
    const server625 = await startTestServer({ version: "6.25.0", timeScale: SCALE });
    const frames: string[] = [];
    const client = await Client.connect(server625.url, {
      isolation: "never",
      fetch: async (url, init) => {
        const response = await fetch(url, init);
        if (!url.includes("/queue/data") || !response.body) return response;
        const [mine, theirs] = response.body.tee();
        void (async () => {
          const reader = mine.pipeThrough(new TextDecoderStream()).getReader();
          for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
            frames.push(chunk.value);
        })();
        return new Response(theirs, response);
      },
    });
    clients.push(client);
    try {
      const first = client.submit("/stream_text", ["one two three four five six seven eight"]);
      await vi.waitFor(() => expect(first.outputs().length).toBeGreaterThanOrEqual(2));
      expect(await first.cancel()).toBe(true);
      const again = client.submit<[string]>("/stream_text", ["alpha beta"]);
      const values = (await again.result()) as [string];
      expect(values).toEqual(["alpha beta"]);
      expect(again.outputs().at(-1)).toEqual(["alpha beta"]);
      // The quirk really happened: the new run's first message was a diff, not full data.
      const firstOfAgain = frames
        .join("")
        .split("\n")
        .find((line) => line.includes(`"${again.eventId}"`) && line.includes("process_generating"));
      expect(firstOfAgain).toMatch(/"(replace|append)"/);
    } finally {
      client.close();
      await server625.close();
    }
  });
});
