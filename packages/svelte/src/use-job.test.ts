// @vitest-environment jsdom
import type { Client, Job } from "@gradio-jobs/core";
import { setUpBindingTests } from "@gradio-jobs/test-utils/bindings";
import { stubAnimationFrames } from "@gradio-jobs/test-utils/frames";
import { flushSync, mount, unmount } from "svelte";
import { fromStore, get, writable } from "svelte/store";
import { describe, expect, it, vi } from "vitest";
import { compileComponent } from "./testing/compile-component.js";
import { type JobSnapshot, type UseJobOptions, useJob } from "./use-job.js";

const grace = 100;
const harness = setUpBindingTests({ keyPrefix: "svelte-job", grace, cleanup: () => unmountAll() });
const { session, holdKey, ended } = harness;
const afterGrace = () => new Promise((resolve) => setTimeout(resolve, grace + 10));
/** The job the stores share for this call: a same-tick duplicate is discarded and the shared one returned. */
const sharedJob = (client: Client, name: string) =>
  harness.probeShared(client.submit<[string]>("/hold", [name]));

const HoldJob = await compileComponent<
  { client: Client; name: string; options?: UseJobOptions },
  { setName(name: string): void; rerender(): void }
>("testing/HoldJob.svelte");
const LegacyJob = await compileComponent<{ job: Job<[string]> }>("testing/LegacyJob.svelte");

const mounted = new Set<Record<string, unknown>>();
function unmountAll() {
  for (const component of mounted) void unmount(component);
  mounted.clear();
  document.body.innerHTML = "";
}

/** Mounts `HoldJob` (a runes component: `useJob(() => client.submit("/hold", [name]))`) in a fresh element. */
function mountHold(client: Client, name: string, options?: UseJobOptions) {
  const target = document.body.appendChild(document.createElement("div"));
  const component = mount(HoldJob, { target, props: { client, name, ...(options && { options }) } });
  mounted.add(component);
  flushSync();
  const p = () => target.querySelector("p")!;
  return {
    component,
    stage: () => p().dataset.stage,
    text: () => p().textContent,
    button: () => target.querySelector("button"),
    destroy: () => {
      mounted.delete(component);
      return unmount(component);
    },
  };
}

describe("useJob in a Svelte 5 component (runes, $store syntax)", () => {
  it("submits exactly one job per distinct call made by a getter, and follows it", async () => {
    const { client, joins } = await session();
    const a = holdKey();
    const view = mountHold(client, a);
    expect(view.stage()).toBe("pending");
    for (let i = 0; i < 3; i++) {
      view.component.rerender();
      flushSync();
    }
    await vi.waitFor(() => expect(view.stage()).toBe("running"));
    view.component.rerender();
    flushSync();
    harness.server.release(a);
    await vi.waitFor(() => expect(view.stage()).toBe("complete"));
    expect(view.text()).toBe(`released:${a}`);
    view.component.rerender();
    flushSync();
    expect(joins).toHaveLength(1);

    const b = holdKey();
    view.component.setName(b);
    flushSync();
    await vi.waitFor(() => expect(view.stage()).toBe("running"));
    expect(view.text()).toBe("");
    harness.server.release(b);
    await vi.waitFor(() => expect(view.text()).toBe(`released:${b}`));
    expect(joins).toHaveLength(2);
  });

  it("cancels the superseded job when the call changes, in the page and on the server", async () => {
    const { client, joins } = await session();
    const a = holdKey();
    const view = mountHold(client, a);
    await vi.waitFor(() => expect(view.stage()).toBe("running"));
    const first = sharedJob(client, a);
    const b = holdKey();
    view.component.setName(b);
    flushSync();
    await vi.waitFor(() => expect(first.status().stage).toBe("cancelled"));
    expect(view.stage()).not.toBe("cancelled");
    const firstEnded = ended(joins[0]!);
    harness.server.release(b);
    await vi.waitFor(() => expect(view.stage()).toBe("complete"));
    expect((await firstEnded).outcome).toBe("cancelled");
  });

  it("keeps the superseded job running with cancelSuperseded: false", async () => {
    const { client, joins } = await session();
    const a = holdKey();
    const view = mountHold(client, a, { cancelSuperseded: false });
    await vi.waitFor(() => expect(view.stage()).toBe("running"));
    const first = sharedJob(client, a);
    view.component.setName(holdKey());
    flushSync();
    await vi.waitFor(() => expect(joins).toHaveLength(2));
    await afterGrace();
    expect(first.done).toBe(false);
    harness.server.release(a);
    expect(await first.result()).toEqual([`released:${a}`]);
  });

  it("components making the same call share one job", async () => {
    const { client, joins } = await session();
    const a = holdKey();
    const one = mountHold(client, a);
    const two = mountHold(client, a);
    await vi.waitFor(() => expect(two.stage()).toBe("running"));
    expect(one.stage()).toBe("running");
    harness.server.release(a);
    await vi.waitFor(() => expect(two.text()).toBe(`released:${a}`));
    expect(one.text()).toBe(`released:${a}`);
    expect(joins).toHaveLength(1);
  });

  it("stops listening when destroyed, and the job runs on", async () => {
    const { client, joins } = await session();
    const a = holdKey();
    const view = mountHold(client, a);
    await vi.waitFor(() => expect(view.stage()).toBe("running"));
    const job = sharedJob(client, a);
    expect(job.$status.lc).toBeGreaterThan(0);
    await view.destroy();
    expect(job.$status.lc).toBe(0);
    await afterGrace();
    expect(job.done).toBe(false);
    const end = ended(joins[0]!);
    harness.server.release(a);
    expect((await end).outcome).toBe("completed");
  });

  it("cancels when destroyed with cancelOnUnmount, after the grace period", async () => {
    const { client, joins } = await session();
    const a = holdKey();
    const view = mountHold(client, a, { cancelOnUnmount: true });
    await vi.waitFor(() => expect(view.stage()).toBe("running"));
    const job = sharedJob(client, a);
    const end = ended(joins[0]!);
    const destroyedAt = Date.now();
    await view.destroy();
    expect(job.done).toBe(false);
    expect((await end).outcome).toBe("cancelled");
    expect(Date.now() - destroyedAt).toBeGreaterThanOrEqual(grace - 5);
  });

  it("a remount within the grace period keeps the job (cancelOnUnmount)", async () => {
    const { client, joins } = await session();
    const a = holdKey();
    const first = mountHold(client, a, { cancelOnUnmount: true });
    await vi.waitFor(() => expect(first.stage()).toBe("running"));
    await first.destroy();
    const again = mountHold(client, a, { cancelOnUnmount: true });
    expect(again.stage()).toBe("running");
    await afterGrace();
    harness.server.release(a);
    await vi.waitFor(() => expect(again.text()).toBe(`released:${a}`));
    expect(joins).toHaveLength(1);
  });

  it("its Cancel button ($job.cancel) cancels the job on the server", async () => {
    const { client, joins } = await session();
    const view = mountHold(client, holdKey());
    await vi.waitFor(() => expect(view.stage()).toBe("running"));
    const end = ended(joins[0]!);
    view.button()!.click();
    await vi.waitFor(() => expect(view.stage()).toBe("cancelled"));
    expect((await end).outcome).toBe("cancelled");
    expect(view.button()).toBeNull();
  });

  it("works in a legacy-mode component (export let, $store)", async () => {
    const { client } = await session();
    const a = holdKey();
    const job = client.submit<[string]>("/hold", [a]);
    const target = document.body.appendChild(document.createElement("div"));
    mounted.add(mount(LegacyJob, { target, props: { job } }));
    flushSync();
    const p = target.querySelector("p")!;
    await vi.waitFor(() => expect(p.dataset.stage).toBe("running"));
    harness.server.release(a);
    await vi.waitFor(() => expect(p.textContent).toBe(`released:${a}`));
  });

  it("updates a component at most once per frame however many messages arrive", async () => {
    const frames = stubAnimationFrames();
    try {
      const { client } = await session();
      const job = client.submit<[number]>("/count", [40]);
      const changes = vi.fn();
      const stopCounting = job.$status.listen(changes);
      const store = useJob(job);
      const seen: JobSnapshot<[number]>[] = [];
      const stop = store.subscribe((snapshot) => seen.push(snapshot));
      expect(seen.map((s) => s.stage)).toEqual(["pending"]);
      await job.result();
      expect(changes.mock.calls.length).toBeGreaterThan(40);
      expect(seen).toHaveLength(1);
      frames.next();
      expect(seen).toHaveLength(2);
      expect(seen[1]).toMatchObject({ stage: "complete", latest: [39], result: [39], done: true, job });
      expect(seen[1]?.outputs).toHaveLength(40);
      stop();
      stopCounting();
      expect(job.$status.lc).toBe(0);
    } finally {
      frames.restore();
    }
  });
});

describe("useJob as a plain store (no component)", () => {
  it("is idle for null, and follows a job given to it", async () => {
    const { client } = await session();
    expect(get(useJob(null))).toMatchObject({ stage: "idle", job: null, outputs: [], active: false });
    const job = client.submit<[number]>("/predict", [2, "multiply", 21]);
    const store = useJob(job);
    const stages: string[] = [];
    const stop = store.subscribe(({ stage }) => stages.push(stage));
    await vi.waitFor(() => expect(get(store).result).toEqual([42]));
    expect(stages[0]).toBe("pending");
    expect(stages.at(-1)).toBe("complete");
    stop();
  });

  it("follows a store of jobs: idle, a job, another (the first is superseded and cancelled), null", async () => {
    const { client } = await session();
    const jobs = writable<Job<[string]> | null>(null);
    const current = fromStore(useJob(jobs));
    const stop = useJob(jobs).subscribe(() => {});
    expect(current.current.stage).toBe("idle");
    const a = holdKey();
    const first = client.submit<[string]>("/hold", [a]);
    jobs.set(first);
    await vi.waitFor(() => expect(current.current.stage).toBe("running"));
    expect(current.current.job).toBe(first);
    const second = client.submit<[string]>("/hold", [holdKey()]);
    jobs.set(second);
    await vi.waitFor(() => expect(first.status().stage).toBe("cancelled"));
    jobs.set(null);
    expect(current.current.stage).toBe("idle");
    await vi.waitFor(() => expect(second.status().stage).toBe("cancelled"));
    stop();
  });

  it("shows the typed error of a failed job", async () => {
    const { client } = await session();
    const store = useJob(client.submit("/fail", ["x"]));
    const stop = store.subscribe(() => {});
    await vi.waitFor(() => expect(get(store).stage).toBe("error"));
    expect(get(store).error?.code).toBe("APP_ERROR");
    expect(get(store).message).toBe("bad input");
    stop();
  });
});
