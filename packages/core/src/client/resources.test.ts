/**
 * Resources (issue #8, "Resources"): after jobs finish, after unsubscribing, after a view is dropped and after
 * `client.close()`, nothing stays behind: no open stream on the server (counted there), no pending or running event,
 * no timer in this process (`process.getActiveResourcesInfo()`), no store or abort-signal listener.
 */
import { spawn } from "node:child_process";
import { getEventListeners } from "node:events";
import { fileURLToPath } from "node:url";
import { type TestServer, waitForEvent } from "@gradio-jobs/test-server";
import {
  activeTimers,
  failOnUnhandled,
  serverIdle,
  serverUntil,
  settled,
  until,
} from "@gradio-jobs/test-utils/reliability-harness";
import { statusWhere, useTestServer } from "@gradio-jobs/test-utils/server";
import { describe, expect, it, vi } from "vitest";
import { jobView } from "../bindings/index.js";
import type { Job } from "../job/job.js";
import { Client } from "./client.js";

failOnUnhandled();
// Gradio 5.14: these count streams down to 0, and on 6.x the client keeps its own session's stream open on purpose
// (a closed one lingers there and can swallow the next job, protocol §16.4).
const server = useTestServer({ timeScale: 0.05, version: "5.14.0" });
/** Jobs at Gradio's own pace: /count yields every 0.2 s. */
const realTimeServer = useTestServer({ timeScale: 1, version: "5.14.0" });

/** Store listeners of a job (nanostores keeps the count in `lc`). */
const listeners = (job: Job) =>
  (job.$status as unknown as { lc: number }).lc + (job.$outputs as unknown as { lc: number }).lc;

/** Waits until this process holds no more timers than `baseline` (timers end on their own events, not ours). */
const timersBackTo = (baseline: number) =>
  until(() => activeTimers() <= baseline, `timers left: ${activeTimers()} > ${baseline}`, 3_000);

const idle = (s: TestServer) => serverIdle(s);

describe("after jobs finish", () => {
  it("completed, failed, cancelled and lost jobs leave no stream, event, timer or listener behind", async () => {
    const baseline = activeTimers();
    const signal = new AbortController().signal; // one long-lived signal shared by every job
    const client = await Client.connect(server().url, { streamIdleTimeout: 2_000 });
    const jobs: Job[] = [];
    // One after the other: concurrent submissions on one session meet BUG-1, which the storms cover.
    for (let i = 0; i < 10; i++) {
      for (const job of [
        client.submit("/predict", [i, "add", i], { signal }),
        client.submit("/fail", ["x"], { signal }),
      ]) {
        jobs.push(job);
        await job.result({ timeout: 5_000, signal }).catch(() => {});
        try {
          for await (const _ of job.iterate({ cancelOnBreak: false })) break;
        } catch {
          // a failed job's iteration rethrows its error
        }
      }
    }
    const generator = client.submit("/count", [20], { signal });
    await statusWhere(generator, (s) => s.code === "ITERATING");
    generator.cancel();
    jobs.push(generator);
    const outcomes = await Promise.all(jobs.map((job) => settled(job)));
    expect(outcomes.map((o) => o.stage)).toEqual([
      ...Array.from({ length: 10 }, () => ["complete", "error"]).flat(),
      "cancelled",
    ]);
    await idle(server());
    expect(client.pendingJobs).toBe(0);
    expect(getEventListeners(signal, "abort")).toHaveLength(0);
    expect(jobs.map(listeners)).toEqual(jobs.map(() => 0));
    await timersBackTo(baseline);
  });

  it("a dropped stream leaves nothing behind either, and neither does a stalled one", async () => {
    const baseline = activeTimers();
    const client = await Client.connect(server().url, { streamIdleTimeout: 200 });
    server().faults.add({ route: "stream", dropAfterFrames: 3 });
    const lost = [client.submit("/long_stream", [20]), client.submit("/long_stream", [20])];
    await Promise.all(lost.map((job) => settled(job)));
    server().faults.add({ route: "stream", stall: true });
    await settled(client.submit("/predict", [1, "add", 1]));
    // The stalled response never attached on the server: the next job's stream drains what it buffered.
    expect(await client.predict("/predict", [1, "add", 2])).toEqual([3]);
    await idle(server());
    expect(client.pendingJobs).toBe(0);
    await timersBackTo(baseline);
  });

  it("subscribers and views that unsubscribe leave no listener, and no frame timer", async () => {
    const baseline = activeTimers();
    const client = await Client.connect(server().url);
    const job = client.submit("/count", [5]);
    const unsubscribes = [
      job.$status.subscribe(() => {}),
      job.$outputs.subscribe(() => {}),
      job.$status.listen(() => {}),
    ];
    const view = jobView(job);
    let renders = 0;
    const stopView = view.subscribe(() => {
      renders += 1;
    });
    await statusWhere(job, (s) => s.code === "ITERATING");
    for (const unsubscribe of unsubscribes) unsubscribe();
    stopView(); // a pending frame is dropped with the last view listener
    expect(listeners(job)).toBe(0);
    expect(await job.result()).toEqual([4]);
    expect(renders).toBeLessThan(job.outputs().length + 5); // batched, not one per message
    await idle(server());
    await timersBackTo(baseline);
  });
});

describe("client.close()", () => {
  it("cancels queued, running and streaming jobs and leaves nothing open on either side", async () => {
    const baseline = activeTimers();
    const client = await Client.connect(server().url);
    const running = client.submit("/slow", ["a"]);
    const queued = client.submit("/slow", ["b"]);
    const streaming = client.submit("/long_stream", [100]);
    await statusWhere(streaming, (s) => s.code === "ITERATING");
    client.close();
    for (const job of [running, queued, streaming])
      expect(await settled(job)).toMatchObject({ stage: "cancelled" });
    // Closing the stream makes Gradio drop the session's events (protocol §4.9).
    await idle(server());
    expect(client.pendingJobs).toBe(0);
    await timersBackTo(baseline);
  });

  it("after a cancel of a running job, close() lets Node exit at once (no stream read left pending)", async () => {
    // In a process of its own, so that its exit shows what it holds. Node's fetch left the stream's read pending
    // after the abort there: the stream stayed open, and the process alive, until the idle timeout (45 s).
    const script = fileURLToPath(new URL("./fixtures/cancel-then-close.ts", import.meta.url));
    const child = spawn(process.execPath, ["--import", "tsx", script, realTimeServer().url]);
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += String(chunk);
    });
    const exit = new Promise<number | null>((resolve) => child.on("exit", resolve));
    const limit = new Promise<"alive">((resolve) => setTimeout(() => resolve("alive"), 15_000).unref());
    const outcome = await Promise.race([exit, limit]);
    child.kill();
    expect(output.trim()).toBe("cancelled true");
    expect(outcome, "the process was still alive 15 s after client.close()").toBe(0);
    await idle(realTimeServer());
  }, 30_000);

  it("BUG-6: a job submitted after close() fails without reaching the server", async () => {
    const client = await Client.connect(server().url);
    client.close();
    const joins = server().stats.requests.filter((r) => r.path.endsWith("/queue/join")).length;
    expect(await settled(client.submit("/hold", ["after-close"]))).toMatchObject({
      error: "ConnectionError",
    });
    expect(server().stats.requests.filter((r) => r.path.endsWith("/queue/join")).length).toBe(joins);
    expect(server().stats.pendingEvents).toBe(0);
  });
});

describe("streams the client keeps open", () => {
  it("BUG-8: once no job is pending, the client does not keep a heartbeat-only stream open", async () => {
    // A stream cut after Gradio buffered a finished job's completion leaves that event listed on the server
    // (clean_events drops waiting and running jobs, not finished ones), so Gradio never sends close_stream again.
    const client = await Client.connect(server().url);
    const done = waitForEvent(server(), "job-end", (e) => e.apiName === "predict");
    server().faults.add({ route: "stream", delayMs: 50 });
    server().faults.add({ route: "stream", dropAfterFrames: 0 });
    const cut = client.submit("/predict", [1, "add", 1]);
    await done; // finished on the server before its stream opened (the stream request is delayed)
    expect(await settled(cut)).toMatchObject({ error: "ConnectionError" });
    expect(await client.predict("/predict", [2, "add", 2])).toEqual([4]);
    expect(client.pendingJobs).toBe(0);
    await serverUntil(
      server(),
      () => server().stats.openStreams === 0,
      "the client keeps an idle stream open",
      3_000,
    );
  });
});

describe("user code that throws", () => {
  it("BUG-2: a throwing status listener does not keep result() pending, nor strand the session's other jobs", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const client = await Client.connect(server().url);
      const noisy = client.submit("/predict", [1, "add", 1], {
        onStatus: (s) => {
          if (s.stage === "complete") throw new Error("bug in user code");
        },
      });
      expect(await settled(noisy, 1_000)).toMatchObject({ stage: "complete", value: [2] });
      // The stream is lost for every job at once; the first job's listener throws when told.
      server().faults.add({ route: "stream", dropAfterFrames: 4 });
      const first = client.submit("/hold", ["throwing-a"]);
      first.$status.listen((s) => {
        if (s.stage === "error") throw new Error("bug in user code");
      });
      await until(() => first.eventId !== null, "the first job joined");
      const second = client.submit("/hold", ["throwing-b"]);
      expect(await settled(second, 1_000)).toMatchObject({ error: "ConnectionError" });
      expect(await settled(first, 1_000)).toMatchObject({ error: "ConnectionError" });
      // Reported, not swallowed.
      expect(logged).toHaveBeenCalled();
    } finally {
      logged.mockRestore();
      server().release("throwing-a");
      server().release("throwing-b");
    }
  });
});
