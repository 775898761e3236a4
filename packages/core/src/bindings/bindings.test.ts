import { type ManualFrames, stubAnimationFrames } from "@gradio-jobs/test-utils/frames";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Job, type JobDriver, type Outputs } from "../job/job.js";
import { JobRegistry, jobView } from "./index.js";

/** A job driven by hand: `starts` counts how often it reached "the server", `stops` how often it was stopped there. */
function fakeJob<O extends Outputs = [number]>(key = "app#s|0|[1]") {
  const probe = { starts: 0, stops: 0, driver: null as JobDriver<O> | null };
  const job = new Job<O>(key, (driver) => {
    probe.starts += 1;
    probe.driver = driver;
    return () => {
      probe.stops += 1;
      return Promise.resolve(true);
    };
  });
  return { job, probe };
}

const tick = () => new Promise<void>((resolve) => queueMicrotask(resolve));

describe("JobRegistry", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("shares nothing during server rendering: a job made by the render is discarded, its view stays pending", async () => {
    const registry = new JobRegistry();
    const { job, probe } = fakeJob();
    expect(registry.share(job, { serverRendering: true })).toBe(job);
    await tick();
    expect(probe.starts).toBe(0);
    expect(job.status().stage).toBe("cancelled");
    expect(jobView(job).get().stage).toBe("pending");
    expect(registry.size).toBe(0);
    const started = fakeJob();
    await tick();
    expect(registry.share(started.job, { serverRendering: true })).toBe(started.job);
    expect(started.job.done).toBe(false);
  });

  it("keeps one job per key: duplicates made in the same tick are discarded before they start", async () => {
    const registry = new JobRegistry();
    const first = fakeJob();
    expect(registry.share(first.job)).toBe(first.job);
    const second = fakeJob(); // StrictMode's second render of the same component
    expect(registry.share(second.job)).toBe(first.job);
    expect(registry.share(first.job)).toBe(first.job);
    await tick();
    const third = fakeJob(); // a later render: the first job has started, this one has not
    expect(registry.share(third.job)).toBe(first.job);
    await tick();
    expect([first.probe.starts, second.probe.starts, third.probe.starts]).toEqual([1, 0, 0]);
    expect(second.job.status().stage).toBe("cancelled");
    expect(first.job.status().stage).toBe("pending");
  });

  it("never replaces a job that already started: a second call with the same arguments is its own job", async () => {
    const registry = new JobRegistry();
    const first = fakeJob();
    registry.share(first.job);
    const later = fakeJob();
    await tick();
    expect(registry.share(later.job)).toBe(later.job);
    expect(later.probe.starts).toBe(1);
  });

  it("cancels a shared job nobody retains within the grace period (a render that never committed)", async () => {
    const registry = new JobRegistry({ gracePeriod: 100 });
    const { job, probe } = fakeJob();
    registry.share(job);
    await tick();
    vi.advanceTimersByTime(99);
    expect(job.done).toBe(false);
    vi.advanceTimersByTime(1);
    expect(job.status().stage).toBe("cancelled");
    expect(probe.stops).toBe(1);
    expect(registry.size).toBe(0);
  });

  it("never merges identical jobs created before one of them was shared (several submits in one click)", async () => {
    const registry = new JobRegistry();
    const clicked = [fakeJob(), fakeJob(), fakeJob()];
    for (const { job } of clicked) expect(registry.share(job)).toBe(job);
    for (const { job } of clicked) expect(registry.share(job)).toBe(job); // their re-render
    await tick();
    expect(clicked.map(({ probe }) => probe.starts)).toEqual([1, 1, 1]);
  });

  it("leaves an unused job running when cancelUnused is false, but stops sharing it", async () => {
    const registry = new JobRegistry({ gracePeriod: 100 });
    const { job } = fakeJob();
    registry.share(job, { cancelUnused: false });
    await tick();
    vi.advanceTimersByTime(100);
    expect(job.done).toBe(false);
    const next = fakeJob();
    expect(registry.share(next.job)).toBe(next.job);
  });

  it("survives release then retain within the grace period (StrictMode's mount–unmount–mount)", async () => {
    const registry = new JobRegistry({ gracePeriod: 100 });
    const { job } = fakeJob();
    registry.share(job);
    const release = registry.retain(job);
    await tick();
    release(true);
    const again = registry.retain(job);
    vi.advanceTimersByTime(1000);
    expect(job.done).toBe(false);
    again(true);
    vi.advanceTimersByTime(100);
    expect(job.status().stage).toBe("cancelled");
  });

  it("counts references: the job is cancelled only when the last holder lets go, as that holder asked", async () => {
    const registry = new JobRegistry({ gracePeriod: 10 });
    const { job } = fakeJob();
    const a = registry.retain(job);
    const b = registry.retain(job);
    await tick();
    a(true);
    a(false); // a second call does nothing
    vi.advanceTimersByTime(50);
    expect(job.done).toBe(false);
    b(false);
    vi.advanceTimersByTime(50);
    expect(job.done).toBe(false);
    expect(registry.size).toBe(0);

    const other = fakeJob();
    const c = registry.retain(other.job);
    const d = registry.retain(other.job);
    d(false);
    c(true);
    vi.advanceTimersByTime(10);
    expect(other.job.status().stage).toBe("cancelled");
  });

  it("gives back the same job for a key while it is retained, even after it finished", async () => {
    const registry = new JobRegistry({ gracePeriod: 10 });
    const { job, probe } = fakeJob();
    registry.share(job);
    registry.retain(job);
    await tick();
    probe.driver?.output([1]);
    probe.driver?.complete([1], false);
    vi.advanceTimersByTime(1000);
    const again = fakeJob();
    expect(registry.share(again.job)).toBe(job);
    expect(job.status().stage).toBe("complete");
  });
});

describe("jobView", () => {
  let frames: ManualFrames;
  const flushFrame = () => frames.next();

  beforeEach(() => {
    frames = stubAnimationFrames();
  });
  afterEach(() => {
    frames.restore();
  });

  it("is idle without a job", () => {
    const view = jobView(null);
    expect(view.get()).toMatchObject({
      stage: "idle",
      outputs: [],
      active: false,
      done: false,
    });
    expect(view.subscribe(() => {})).toBeTypeOf("function");
    expect(jobView(undefined)).toBe(view);
  });

  it("is one view per job whose state keeps its identity until something changes", () => {
    const { job } = fakeJob();
    expect(jobView(job)).toBe(jobView(job));
    const view = jobView(job);
    expect(view.get()).toBe(view.get());
    expect(view.get()).toMatchObject({
      stage: "pending",
      code: "STARTING",
      latest: undefined,
      active: true,
    });
  });

  it("notifies at most once per frame, with the latest state", async () => {
    const { job, probe } = fakeJob();
    const view = jobView(job);
    let notified = 0;
    view.subscribe(() => {
      notified += 1;
    });
    await tick();
    const driver = probe.driver!;
    driver.apply({ type: "queued", rank: 2, queueSize: 3, eta: 4 });
    driver.apply({ type: "queued", rank: 1, queueSize: 3, eta: 2 });
    expect(notified).toBe(0);
    flushFrame();
    expect(notified).toBe(1);
    expect(view.get()).toMatchObject({ stage: "queued", rank: 1, queueSize: 3, eta: 2 });

    driver.apply({ type: "started", eta: 1 });
    for (let i = 0; i < 100; i++) {
      driver.apply({
        type: "progress",
        progress: [{ index: i, length: 100, unit: "steps", progress: null, desc: null }],
      });
      driver.output([i]);
    }
    flushFrame();
    expect(notified).toBe(2);
    const state = view.get();
    expect(state.progress?.[0]?.index).toBe(99);
    expect(state.outputs).toHaveLength(100);
    expect(state.latest).toEqual([99]);
    expect(state.result).toBeUndefined();

    driver.complete([99], false);
    flushFrame();
    expect(view.get()).toMatchObject({
      stage: "complete",
      result: [99],
      done: true,
      active: false,
      error: null,
    });
    flushFrame();
    expect(notified).toBe(3);
  });

  it("exposes the error and a cancel that works for the whole life of the job", async () => {
    const { job, probe } = fakeJob();
    const view = jobView(job);
    view.subscribe(() => {});
    await tick();
    const { cancel } = view.get();
    cancel();
    flushFrame();
    expect(view.get().cancel).toBe(cancel);
    expect(view.get()).toMatchObject({ stage: "cancelled", done: true });
    expect(view.get().error?.code).toBe("CANCELLED");
    expect(probe.stops).toBe(1);
  });

  it("reads the job fresh while nobody listens, and only per frame while someone does", async () => {
    const { job, probe } = fakeJob();
    const view = jobView(job);
    await tick();
    probe.driver!.apply({ type: "queued", rank: 3, queueSize: 4, eta: null });
    const queued = view.get();
    expect(queued.rank).toBe(3);
    expect(view.get()).toBe(queued);
    view.subscribe(() => {});
    flushFrame();
    probe.driver!.apply({ type: "queued", rank: 2, queueSize: 4, eta: null });
    expect(view.get()).toBe(queued);
    flushFrame();
    expect(view.get().rank).toBe(2);
  });

  it("removes its store listeners and pending frame when the last listener leaves", async () => {
    const { job, probe } = fakeJob();
    const view = jobView(job);
    let notified = 0;
    const stopA = view.subscribe(() => {
      notified += 1;
    });
    const stopB = view.subscribe(() => {
      notified += 1;
    });
    expect(job.$status.lc).toBe(1);
    stopA();
    stopA();
    expect(job.$status.lc).toBe(1);
    await tick();
    probe.driver!.apply({ type: "queued", rank: 0, queueSize: 1, eta: null });
    stopB();
    expect(job.$status.lc).toBe(0);
    expect(job.$outputs.lc).toBe(0);
    flushFrame();
    expect(notified).toBe(0);
  });

  it("catches up on changes made between get() and subscribe()", async () => {
    const { job, probe } = fakeJob();
    const view = jobView(job);
    expect(view.get().stage).toBe("pending"); // what a render showed
    await tick();
    probe.driver!.apply({ type: "queued", rank: 0, queueSize: 1, eta: null });
    let notified = 0;
    view.subscribe(() => {
      notified += 1;
    });
    flushFrame();
    expect(notified).toBe(1);
    expect(view.get().stage).toBe("queued");
  });
});
