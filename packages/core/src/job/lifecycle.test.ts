import { describe, expect, it } from "vitest";
import { AppError, QueueFullError } from "../errors.js";
import { initialStatus, type JobEvent, transition } from "./lifecycle.js";
import type { StatusUpdate } from "./status.js";

function run(events: JobEvent[]): StatusUpdate {
  return events.reduce((status, event) => transition(status, event) ?? status, initialStatus());
}

describe("job lifecycle", () => {
  it("follows pending → queued → running → complete with Python's status codes", () => {
    const seen: string[] = [];
    let status = initialStatus();
    for (const event of [
      { type: "joining" },
      { type: "queued", rank: 1, queueSize: 2, eta: 4 },
      { type: "started", eta: 2 },
      { type: "progress", progress: [{ index: 1, length: 3, unit: "steps", progress: null, desc: null }] },
      { type: "log", log: { message: "hi", level: "info", title: "Info", duration: 10, visible: true } },
      { type: "output" },
      { type: "completed" },
    ] as JobEvent[]) {
      status = transition(status, event) ?? status;
      seen.push(`${status.stage}:${status.code}`);
    }
    expect(seen).toEqual([
      "pending:JOINING_QUEUE",
      "queued:IN_QUEUE",
      "running:PROCESSING",
      "running:PROGRESS",
      "running:LOG",
      "running:ITERATING",
      "complete:FINISHED",
    ]);
    expect(status.success).toBe(true);
    expect(status.progress?.[0]?.index).toBe(1);
    expect(status.log?.message).toBe("hi");
  });

  it("keeps rank, size and eta while queued and clears them once running", () => {
    const queued = run([{ type: "queued", rank: 0, queueSize: 1, eta: 3.9 }]);
    expect([queued.rank, queued.queueSize, queued.eta]).toEqual([0, 1, 3.9]);
    const started = run([
      { type: "queued", rank: 0, queueSize: 1, eta: 3.9 },
      { type: "started", eta: 2 },
    ]);
    expect([started.rank, started.queueSize, started.eta]).toEqual([null, null, 2]);
  });

  it("ignores a stale estimation that arrives after process_starts", () => {
    const status = run([
      { type: "started", eta: null },
      { type: "queued", rank: 0, queueSize: 1, eta: 1 },
    ]);
    expect(status.stage).toBe("running");
  });

  it("treats progress without process_starts as running", () => {
    expect(run([{ type: "output" }]).stage).toBe("running");
  });

  it("reports a full queue as QUEUE_FULL and failures as FINISHED without success", () => {
    const full = run([{ type: "joining" }, { type: "failed", error: new QueueFullError("Queue is full.") }]);
    expect([full.stage, full.code, full.success]).toEqual(["error", "QUEUE_FULL", false]);
    const failed = run([{ type: "failed", error: new AppError({ title: "Error", message: "bad input" }) }]);
    expect([failed.stage, failed.code, failed.error?.code]).toEqual(["error", "FINISHED", "APP_ERROR"]);
    expect([failed.title, failed.message]).toEqual(["Error", "bad input"]);
    expect([full.title, full.message]).toEqual([null, full.error?.message]);
  });

  it("is final after complete, error or cancelled: every later event is refused", () => {
    for (const last of [
      { type: "completed" },
      { type: "cancelled" },
      { type: "failed", error: new QueueFullError("x") },
    ] as JobEvent[]) {
      const final = run([last]);
      for (const event of [
        { type: "output" },
        { type: "completed" },
        { type: "cancelled" },
        { type: "started", eta: 1 },
      ] as JobEvent[]) {
        expect(transition(final, event)).toBeNull();
      }
    }
    const cancelled = run([{ type: "started", eta: null }, { type: "cancelled" }]);
    expect([cancelled.stage, cancelled.code, cancelled.error?.code]).toEqual([
      "cancelled",
      "CANCELLED",
      "CANCELLED",
    ]);
  });

  it("carries the server's timings and cache use into the complete status, null until then and elsewhere", () => {
    const started = run([{ type: "joining" }, { type: "started", eta: 2 }]);
    expect([started.duration, started.averageDuration, started.cache]).toEqual([null, null, null]);
    const done = transition(started, {
      type: "completed",
      report: { duration: 0.5, averageDuration: 0.7, cache: null },
    });
    expect(done).toMatchObject({ stage: "complete", duration: 0.5, averageDuration: 0.7, cache: null });
    // A 5.x completion says nothing: the fields stay null.
    expect(run([{ type: "started", eta: null }, { type: "completed" }])).toMatchObject({
      duration: null,
      averageDuration: null,
      cache: null,
    });
  });

  it("completes a cache hit straight from pending: no estimation or process_starts (6.12+, protocol §4.10)", () => {
    const joining = run([{ type: "joining" }]);
    const hit = transition(joining, {
      type: "completed",
      report: { duration: 0.001, averageDuration: 2, cache: "full" },
    });
    expect(hit).toMatchObject({
      stage: "complete",
      code: "FINISHED",
      success: true,
      rank: null,
      eta: null,
      cache: "full",
      duration: 0.001,
      averageDuration: 2,
    });
    // A cached generator replays its yields first: each output is still reported, then the completion.
    const replayed = run([
      { type: "joining" },
      { type: "output" },
      { type: "completed", report: { duration: 0, averageDuration: null, cache: "full" } },
    ]);
    expect([replayed.stage, replayed.cache]).toEqual(["complete", "full"]);
  });
});
