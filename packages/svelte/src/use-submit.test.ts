// @vitest-environment jsdom
import type { Client } from "@gradio-jobs/core";
import { sharedJobs } from "@gradio-jobs/core/bindings";
import { setUpBindingTests } from "@gradio-jobs/test-utils/bindings";
import { flushSync, mount, unmount } from "svelte";
import { get } from "svelte/store";
import { describe, expect, it, vi } from "vitest";
import { compileComponent } from "./testing/compile-component.js";
import { type UseSubmitResult, useSubmit } from "./use-submit.js";

const harness = setUpBindingTests({ keyPrefix: "svelte-submit", grace: 100 });
const { session, holdKey, ended } = harness;

const Counter = await compileComponent<
  Record<string, never>,
  { connect(client: Client): void; counter: UseSubmitResult<[number]> }
>("testing/Counter.svelte");

/** Subscribes to `store` for the test (as `$store` in a component) and returns the stop function. */
const listen = (store: { subscribe(run: () => void): () => void }) => store.subscribe(() => {});

describe("useSubmit", () => {
  it("submits on demand: a new job per call, even with the same arguments", async () => {
    const { client, joins } = await session();
    const form = useSubmit<[string]>(client, "/hold");
    const stop = listen(form);
    expect(get(form)).toMatchObject({ stage: "idle", job: null });
    const a = holdKey();
    const first = form.submit([a]);
    expect(get(form).job).toBe(first);
    await vi.waitFor(() => expect(get(form).stage).toBe("running"));
    harness.server.release(a);
    await vi.waitFor(() => expect(get(form).latest).toEqual([`released:${a}`]));
    const second = form.submit([a]);
    expect(second).not.toBe(first);
    await vi.waitFor(() => expect(joins).toHaveLength(2));
    await vi.waitFor(() => expect(get(form).stage).toBe("complete"));
    expect(get(form).job).toBe(second);
    stop();
  });

  it("a new submit supersedes the previous job: cancelled by default, kept with cancelSuperseded: false", async () => {
    const { client, joins } = await session();
    const form = useSubmit<[string]>(client, "/hold");
    const stop = listen(form);
    const [a, b] = [holdKey(), holdKey()];
    const first = form.submit([a]);
    await vi.waitFor(() => expect(get(form).stage).toBe("running"));
    form.submit([b]);
    await vi.waitFor(() => expect(first.status().stage).toBe("cancelled"));
    const firstEnded = ended(joins[0]!);
    harness.server.release(b);
    await vi.waitFor(() => expect(get(form).latest).toEqual([`released:${b}`]));
    expect((await firstEnded).outcome).toBe("cancelled");
    stop();

    const keep = useSubmit<[string]>(client, "/hold", { cancelSuperseded: false });
    const stopKeep = listen(keep);
    const [c, d] = [holdKey(), holdKey()];
    const kept = keep.submit([c]);
    keep.submit([d]);
    await vi.waitFor(() => expect(joins).toHaveLength(4));
    await new Promise((resolve) => setTimeout(resolve, sharedJobs.gracePeriod + 10));
    expect(kept.done).toBe(false);
    harness.server.release(c);
    harness.server.release(d);
    expect(await kept.result()).toEqual([`released:${c}`]);
    stopKeep();
  });

  it("reads an endpoint getter at each submit", async () => {
    const { client } = await session();
    let endpoint = "/predict";
    const form = useSubmit(client, () => endpoint);
    const stop = listen(form);
    await form.submit([20, "add", 22]).result();
    await vi.waitFor(() => expect(get(form).result).toEqual([42]));
    endpoint = "/count";
    await form.submit([2]).result();
    await vi.waitFor(() => expect(get(form).outputs).toEqual([[0], [1]]));
    stop();
  });

  it("reset() goes back to idle and cancels the running job", async () => {
    const { client } = await session();
    const form = useSubmit<[string]>(client, "/hold");
    const stop = listen(form);
    const job = form.submit([holdKey()]);
    await vi.waitFor(() => expect(get(form).stage).toBe("running"));
    form.reset();
    expect(get(form)).toMatchObject({ stage: "idle", job: null, latest: undefined });
    await vi.waitFor(() => expect(job.status().stage).toBe("cancelled"));
    stop();
  });

  it("in a component: takes a client getter ($state, connecting) and throws a clear error before it exists", async () => {
    const { client } = await session();
    const target = document.body.appendChild(document.createElement("div"));
    const component = mount(Counter, { target, props: {} });
    try {
      flushSync();
      const output = target.querySelector("output")!;
      expect(output.dataset.stage).toBe("idle");
      expect(() => component.counter.submit([3])).toThrow(/no client yet \(it is still connecting\)/);
      component.connect(client);
      flushSync();
      const button = target.querySelector("button")!;
      expect(button.disabled).toBe(false);
      button.click();
      await vi.waitFor(() => expect(output.dataset.stage).toBe("complete"));
      expect(output.textContent).toBe("0,1,2");
    } finally {
      await unmount(component);
      target.remove();
    }
  });
});
