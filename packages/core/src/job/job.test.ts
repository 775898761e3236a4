import { waitForEvent } from "@gradio-jobs/test-server";
import { recordStatuses, statusWhere, useTestServer } from "@gradio-jobs/test-utils/server";
import { describe, expect, it } from "vitest";
import { Client } from "../client/client.js";
import {
  AppError,
  CancelledError,
  ConnectionError,
  ProtocolError,
  QueueFullError,
  TimeoutError,
} from "../errors.js";

// Gradio 5.14: the cancel tests here are about 5.x cancel semantics (6.x: session-pool.test.ts, cancel-storm.test.ts).
const server = useTestServer({ version: "5.14.0" });
const connect = () => Client.connect(server().url);

describe("Job status and outputs", () => {
  it("goes STARTING → JOINING_QUEUE → IN_QUEUE → PROCESSING → FINISHED and resolves the result", async () => {
    const client = await connect();
    const job = client.submit("/predict", [4, "add", 5]);
    const seen = recordStatuses(job);
    expect(await job.result()).toEqual([9]);
    expect(seen.map((s) => s.code)).toEqual([
      "STARTING",
      "JOINING_QUEUE",
      "IN_QUEUE",
      "PROCESSING",
      "FINISHED",
    ]);
    const queued = seen.find((s) => s.code === "IN_QUEUE");
    expect([queued?.rank, queued?.queueSize]).toEqual([0, 1]);
    expect(job.status()).toMatchObject({ stage: "complete", success: true, error: null });
    expect(job.outputs()).toEqual([[9]]);
    expect(job.eventId).toMatch(/^[0-9a-f]{32}$/);
  });

  it("runs without any subscriber (imperative submit)", async () => {
    const client = await connect();
    const ended = waitForEvent(server(), "job-end", (e) => e.apiName === "multi");
    client.submit("/multi", ["x"]);
    expect((await ended).outcome).toBe("completed");
  });

  it("yields every generator value once, in order, and does not repeat the final value", async () => {
    const client = await connect();
    const outputs: unknown[] = [];
    const job = client.submit("/count", [5], { onOutput: (o) => outputs.push(o) });
    const store: (readonly unknown[])[][] = [];
    job.$outputs.subscribe((all) => store.push([...all]));
    const iterated: unknown[] = [];
    for await (const out of job) iterated.push(out);
    expect(iterated).toEqual([[0], [1], [2], [3], [4]]);
    expect(outputs).toEqual(iterated);
    expect(job.outputs()).toEqual(iterated);
    expect(store.at(-1)).toEqual(iterated);
    expect(await job.result()).toEqual([4]);
  });

  it("applies append and nested diffs to rebuild streamed values", async () => {
    const client = await connect();
    const text = client.submit("/stream_text", ["hello streaming world"]);
    const [final] = await text.result();
    const steps = text.outputs().map(([t]) => t as string);
    expect(steps.at(-1)).toBe(final);
    for (let i = 1; i < steps.length; i++) expect(steps[i]?.startsWith(steps[i - 1] as string)).toBe(true);
    const list = client.submit("/grow_list", [4]);
    const [items] = await list.result();
    expect(list.outputs().at(-1)).toEqual([items]);
    expect(items).toHaveLength(4);
    const first = list.outputs()[0]?.[0];
    expect(first).toHaveLength(1);
  });

  it("reports gr.Progress units and log messages", async () => {
    const client = await connect();
    const progressJob = client.submit("/progress", [4]);
    const progressSeen = recordStatuses(progressJob);
    await progressJob.result();
    const units = progressSeen.filter((s) => s.code === "PROGRESS").map((s) => s.progress?.[0]);
    expect(units.some((u) => u?.progress !== null && u?.desc !== null)).toBe(true);
    expect(units.some((u) => u?.index !== null && u?.length !== null && u?.progress === null)).toBe(true);
    const logJob = client.submit("/log", []);
    const logSeen = recordStatuses(logJob);
    await logJob.result();
    expect(logSeen.filter((s) => s.code === "LOG").map((s) => [s.log?.level, s.log?.message])).toEqual([
      ["info", "info message"],
      ["warning", "warning message"],
    ]);
  });

  it("rejects gr.Error with AppError carrying title and message, and plain exceptions too", async () => {
    const client = await connect();
    const job = client.submit("/fail", ["x"]);
    const error = await job.result().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "APP_ERROR", title: "Error", serverMessage: "bad input" });
    expect(job.status()).toMatchObject({ stage: "error", code: "FINISHED", success: false });
    await expect(client.predict("/raise", ["x"])).rejects.toMatchObject({
      serverMessage: "division by zero",
    });
  });

  it("times out result() without stopping the job, and honours an abort signal on the wait", async () => {
    const client = await connect();
    const job = client.submit("/hold", ["timeout-key"]);
    await expect(job.result({ timeout: 20 })).rejects.toBeInstanceOf(TimeoutError);
    const waiting = new AbortController();
    const aborted = job.result({ signal: waiting.signal });
    waiting.abort(new Error("stop waiting"));
    await expect(aborted).rejects.toThrow("stop waiting");
    expect(job.done).toBe(false);
    server().release("timeout-key");
    expect(await job.result()).toEqual(["released:timeout-key"]);
  });

  it("shows queue rank falling to 0, queue size and eta for a concurrency-1 endpoint", async () => {
    const client = await connect();
    await client.predict("/slow", ["warm-up"]); // the server has no eta before the first completion
    const jobs = [0, 1, 2].map((i) => client.submit("/slow", [`job${i}`]));
    const statuses = jobs.map(recordStatuses);
    await Promise.all(jobs.map((j) => j.result()));
    const third = statuses[2]?.filter((s) => s.code === "IN_QUEUE") ?? [];
    expect(third[0]?.queueSize).toBeGreaterThanOrEqual(2);
    expect(third.map((s) => s.rank)).toContain(0);
    expect(third.every((s) => s.eta !== null && s.eta > 0)).toBe(true);
    const ranks = third.map((s) => s.rank as number);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    for (const seen of statuses) expect(seen.at(-1)?.stage).toBe("complete");
  });
});

describe("Job cancel", () => {
  it("cancels a running generator: CANCELLED locally, /cancel sent, the server stops it", async () => {
    const client = await connect();
    const job = client.submit("/long_stream", []);
    await statusWhere(job, (s) => s.code === "ITERATING");
    const ended = waitForEvent(server(), "job-end", (e) => e.eventId === job.eventId);
    job.cancel();
    expect(job.status()).toMatchObject({ stage: "cancelled", code: "CANCELLED", success: false });
    await expect(job.result()).rejects.toBeInstanceOf(CancelledError);
    expect((await ended).outcome).toBe("cancelled");
    expect(server().stats.cancels.some((c) => c.event_id === job.eventId)).toBe(true);
    expect(await client.predict("/predict", [1, "add", 1])).toEqual([2]);
  });

  it("cancels before the event id is known, without running the job", async () => {
    const client = await connect();
    const job = client.submit("/hold", ["never"]);
    job.cancel();
    await expect(job.result()).rejects.toBeInstanceOf(CancelledError);
    expect(job.eventId).toBeNull();
  });

  it("cancels a queued job without hurting the running job of the same function (5.x cancel semantics)", async () => {
    const client = await connect();
    const first = client.submit("/slow", ["first"]);
    const second = client.submit("/slow", ["second"]);
    await statusWhere(first, (s) => s.stage === "running");
    await statusWhere(second, (s) => s.stage === "queued");
    const secondEnded = waitForEvent(server(), "job-end", (e) => e.eventId === second.eventId);
    second.cancel();
    expect(second.status().stage).toBe("cancelled");
    expect(await first.result()).toEqual(["slow:first"]);
    // On 5.x a /cancel would not remove the waiting job (it would still run). Once its sibling is done, the SDK
    // closes the session's stream, which makes the server drop it from the queue: it never starts.
    expect((await secondEnded).outcome).toBe("dropped");
    expect(server().stats.cancels.filter((c) => c.event_id === first.eventId)).toEqual([]);
    expect(await client.predict("/slow", ["after"])).toEqual(["slow:after"]);
  });

  it("cancels when the submit signal aborts, and when a for-await loop breaks", async () => {
    const client = await connect();
    const controller = new AbortController();
    const job = client.submit("/long_stream", [], { signal: controller.signal });
    await statusWhere(job, (s) => s.code === "ITERATING");
    controller.abort();
    expect(job.status().stage).toBe("cancelled");
    const looped = client.submit("/long_stream", []);
    for await (const _ of looped) break;
    expect(looped.status().stage).toBe("cancelled");
    const kept = client.submit("/count", [3]);
    for await (const _ of kept.iterate({ cancelOnBreak: false })) break;
    expect(await kept.result()).toEqual([2]);
  });

  it("is a no-op after the job finished", async () => {
    const client = await connect();
    const job = client.submit("/predict", [1, "add", 1]);
    await job.result();
    job.cancel();
    expect(job.status().stage).toBe("complete");
  });
});

describe("Job failures", () => {
  it("rejects with QueueFullError carrying the server's detail, and leaves nothing pending", async () => {
    const full = await (await import("@gradio-jobs/test-server")).startTestServer({
      timeScale: 0.05,
      queueMaxSize: 1,
    });
    try {
      const client = await Client.connect(full.url);
      const jobs = ["a", "b", "c", "d"].map((k) => client.submit("/slow", [k]));
      const results = await Promise.allSettled(jobs.map((j) => j.result()));
      const refused = results
        .filter((r) => r.status === "rejected")
        .map((r) => (r as PromiseRejectedResult).reason);
      expect(refused.length).toBeGreaterThan(0);
      for (const error of refused) {
        expect(error).toBeInstanceOf(QueueFullError);
        expect((error as QueueFullError).detail).toMatch(/Queue is full/);
      }
      expect(jobs.filter((j) => j.status().code === "QUEUE_FULL")).toHaveLength(refused.length);
      expect(client.pendingJobs).toBe(0);
      expect(full.stats.pendingEvents).toBe(0);
    } finally {
      await full.close();
    }
  });

  it("settles every pending job with ConnectionError when the stream is dropped, then works again", async () => {
    const client = await connect();
    server().faults.add({ route: "stream", dropAfterFrames: 3 });
    const streaming = client.submit("/long_stream", []);
    const held = client.submit("/hold", ["dropped"]);
    const lost = await Promise.allSettled([streaming.result(), held.result()]);
    for (const outcome of lost) {
      expect(outcome.status).toBe("rejected");
      expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(ConnectionError);
    }
    expect(await client.predict("/predict", [2, "add", 2])).toEqual([4]);
  });

  it("fails only the job named in a garbled frame with ProtocolError; others carry on", async () => {
    const client = await connect();
    server().events.once("join", () => {
      server().events.once("join", ({ eventId }) => {
        // Injected into the stream both jobs share: a truncated message naming the second job.
        server().faults.add({
          route: "stream",
          rawFrames: [`data: {"msg":"process_generating","event_id":"${eventId}","output":{"da\n\n`],
          afterFrames: 2,
        });
      });
    });
    const good = client.submit("/hold", ["garbled-good"]);
    const bad = client.submit("/hold", ["garbled-bad"]);
    const badError = await bad.result().catch((e: unknown) => e);
    expect(badError).toBeInstanceOf(ProtocolError);
    expect(good.status().stage).not.toBe("error");
    server().release("garbled-good");
    expect(await good.result()).toEqual(["released:garbled-good"]);
  });

  it("treats a stalled stream as lost after streamIdleTimeout", async () => {
    const client = await Client.connect(server().url, { streamIdleTimeout: 300 });
    server().faults.add({ route: "stream", stall: true });
    const job = client.submit("/predict", [1, "add", 1]);
    await expect(job.result()).rejects.toThrow(/sent nothing for 300 ms/);
    expect(await client.predict("/predict", [1, "add", 2])).toEqual([3]);
  });

  it("keeps a silent job alive through heartbeats", async () => {
    const quiet = await (await import("@gradio-jobs/test-server")).startTestServer({
      timeScale: 1,
      heartbeatIntervalMs: 100,
    });
    try {
      const client = await Client.connect(quiet.url, { streamIdleTimeout: 250 });
      expect(await client.predict("/sleep", [0.8])).toHaveLength(1);
    } finally {
      await quiet.close();
    }
  });

  it("maps a 500 on join to HttpError and settles", async () => {
    const client = await connect();
    server().faults.add({ route: "join", status: 500, body: "Internal Server Error" });
    await expect(client.predict("/predict", [1, "add", 1])).rejects.toMatchObject({
      code: "HTTP",
      status: 500,
    });
  });
});
