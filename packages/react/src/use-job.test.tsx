// @vitest-environment jsdom
import { Client, type Job } from "@gradio-jobs/core";
import type { JobState } from "@gradio-jobs/core/bindings";
import { startTestServer } from "@gradio-jobs/test-server";
import { setUpBindingTests } from "@gradio-jobs/test-utils/bindings";
import { stubAnimationFrames } from "@gradio-jobs/test-utils/frames";
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import {
  createElement as h,
  Profiler,
  type ReactNode,
  StrictMode,
  Suspense,
  startTransition,
  use,
  useState,
} from "react";
import { describe, expect, it, vi } from "vitest";
import { type UseJobOptions, useJob } from "./use-job.js";

// JSX-free on purpose (createElement as h): the workspace tsconfig has no `jsx` setting.

const grace = 100;
const harness = setUpBindingTests({ keyPrefix: "react-job", grace: grace, cleanup });
const { session, holdKey, ended } = harness;
/** Resolves after the registry's grace period has run out for every release made before this call. */
const afterGrace = () => new Promise((resolve) => setTimeout(resolve, grace + 10));
const text = () => screen.getByTestId("out").textContent;

function show<O extends readonly unknown[]>(state: JobState<O>): ReactNode {
  const latest = state.latest === undefined ? "" : String(state.latest[0]);
  return h(
    "div",
    null,
    h("p", { "data-testid": "out" }, `${state.stage}|${latest}|${state.error?.code ?? ""}`),
    h("button", { type: "button", onClick: state.cancel }, "Cancel"),
  );
}

/** `useJob(client.submit("/hold", [name]))` right in the body: the pattern under test. */
function Hold(props: { client: Client; name: string; options?: UseJobOptions }) {
  return show(useJob(props.client.submit<[string]>("/hold", [props.name]), props.options));
}

/** The job the hooks share for this call: a same-tick duplicate is discarded and the shared one returned. */
const sharedJob = (client: Client, name: string) =>
  harness.probeShared(client.submit<[string]>("/hold", [name]));

function View<O extends readonly unknown[]>(props: { job: Job<O> | null | undefined }) {
  return show(useJob(props.job));
}

/** Hold with its name in state; `control.setName` changes it from the test. */
function Switch(props: { client: Client; initial: string; control: { setName?: (name: string) => void } }) {
  const [name, setName] = useState(props.initial);
  props.control.setName = setName;
  return h(Hold, { client: props.client, name });
}

/** Submits in its body, then suspends until `gate` resolves: its first renders never commit. */
function Suspending(props: { client: Client; name: string; gate: Promise<void>; onRender: () => void }) {
  const state = useJob(props.client.submit<[string]>("/hold", [props.name]));
  props.onRender();
  use(props.gate);
  return show(state);
}

function Fail(props: { client: Client }) {
  const state = useJob(props.client.submit("/fail", ["x"]));
  return h("p", { "data-testid": "out" }, `${state.stage}|${state.error?.code}|${state.error?.message}`);
}

describe.each([false, true])("useJob (StrictMode: %s)", (strict) => {
  const wrap = (node: ReactNode) => (strict ? h(StrictMode, null, node) : node);

  it("submits exactly one job per distinct call written in the component body", async () => {
    const { client, joins } = await session();
    const a = holdKey();
    const { rerender } = render(wrap(h(Hold, { client, name: a })));
    for (let i = 0; i < 3; i++) rerender(wrap(h(Hold, { client, name: a })));
    await waitFor(() => expect(text()).toBe("running||"));
    for (let i = 0; i < 3; i++) rerender(wrap(h(Hold, { client, name: a })));
    harness.server.release(a);
    await waitFor(() => expect(text()).toBe(`complete|released:${a}|`));
    rerender(wrap(h(Hold, { client, name: a })));
    expect(joins).toHaveLength(1);
    expect(client.pendingJobs).toBe(0);

    const b = holdKey();
    rerender(wrap(h(Hold, { client, name: b })));
    rerender(wrap(h(Hold, { client, name: b })));
    await waitFor(() => expect(text()).toBe("running||"));
    harness.server.release(b);
    await waitFor(() => expect(text()).toBe(`complete|released:${b}|`));
    expect(joins).toHaveLength(2);
  });

  it("cancels the superseded job when the arguments change (default)", async () => {
    const { client, joins } = await session();
    const a = holdKey();
    const { rerender } = render(wrap(h(Hold, { client, name: a })));
    await waitFor(() => expect(text()).toBe("running||"));
    const first = sharedJob(client, a);
    const b = holdKey();
    rerender(wrap(h(Hold, { client, name: b })));
    await waitFor(() => expect(first.status().stage).toBe("cancelled"));
    await waitFor(() => expect(text()).toBe("running||"));
    expect(joins).toHaveLength(2);
    // The server stops the superseded job at once, while b (same function) still runs: b ran in a session of its
    // own, so the cancel (keyed by session and function) could not touch it.
    expect((await ended(joins[0]!)).outcome).toBe("cancelled");
    harness.server.release(b);
    await waitFor(() => expect(text()).toBe(`complete|released:${b}|`));
  });

  it("keeps the superseded job running with cancelSuperseded: false", async () => {
    const { client, joins } = await session();
    const options = { cancelSuperseded: false };
    const a = holdKey();
    const { rerender } = render(wrap(h(Hold, { client, name: a, options })));
    await waitFor(() => expect(text()).toBe("running||"));
    rerender(wrap(h(Hold, { client, name: holdKey(), options })));
    await waitFor(() => expect(joins).toHaveLength(2));
    await afterGrace();
    const firstEnded = ended(joins[0]!);
    harness.server.release(a);
    expect((await firstEnded).outcome).toBe("completed");
  });

  it("changes arguments in a transition (concurrent render): one new job, the old one cancelled", async () => {
    const { client, joins } = await session();
    const a = holdKey();
    const b = holdKey();
    const control: { setName?: (name: string) => void } = {};
    render(wrap(h(Switch, { client, initial: a, control })));
    await waitFor(() => expect(text()).toBe("running||"));
    const first = sharedJob(client, a);
    act(() => startTransition(() => control.setName?.(b)));
    await waitFor(() => expect(first.status().stage).toBe("cancelled"));
    await waitFor(() => expect(joins).toHaveLength(2));
    expect((await ended(joins[0]!)).outcome).toBe("cancelled");
    harness.server.release(b);
    await waitFor(() => expect(text()).toBe(`complete|released:${b}|`));
    expect(joins).toHaveLength(2);
  });

  it("submits once when the first render suspends and React renders the component again", async () => {
    const { client, joins } = await session();
    const a = holdKey();
    let open: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const onRender = vi.fn();
    const fallback = h("p", { "data-testid": "out" }, "loading");
    // Rendering and suspending inside an awaited act, as React asks for components that suspend.
    await act(async () => {
      render(wrap(h(Suspense, { fallback }, h(Suspending, { client, name: a, gate, onRender }))));
    });
    expect(text()).toBe("loading");
    await waitFor(() => expect(joins).toHaveLength(1));
    await act(async () => open());
    await waitFor(() => expect(text()).toBe("running||"));
    expect(onRender.mock.calls.length).toBeGreaterThan(1);
    harness.server.release(a);
    await waitFor(() => expect(text()).toBe(`complete|released:${a}|`));
    expect(joins).toHaveLength(1);
  });

  it("unmounting only unsubscribes by default: no listener left, no render after, the job runs on", async () => {
    const { client, joins } = await session();
    const a = holdKey();
    const onRender = vi.fn();
    const tree = h(Profiler, { id: "hold", onRender }, h(Hold, { client, name: a }));
    const { unmount } = render(wrap(tree));
    await waitFor(() => expect(text()).toBe("running||"));
    const job = sharedJob(client, a);
    const errors = vi.spyOn(console, "error");
    unmount();
    const committed = onRender.mock.calls.length;
    expect(job.$status.lc).toBe(0);
    expect(job.$outputs.lc).toBe(0);
    await afterGrace();
    expect(job.done).toBe(false);
    const end = ended(joins[0]!);
    harness.server.release(a);
    expect((await end).outcome).toBe("completed");
    expect(await job.result()).toEqual([`released:${a}`]);
    expect(onRender).toHaveBeenCalledTimes(committed);
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });

  it("cancels on unmount with cancelOnUnmount, but not on StrictMode's simulated unmount", async () => {
    const { client, joins } = await session();
    const options = { cancelOnUnmount: true };
    const { unmount } = render(wrap(h(Hold, { client, name: holdKey(), options })));
    await waitFor(() => expect(text()).toBe("running||"));
    await afterGrace();
    expect(text()).toBe("running||");
    const end = ended(joins[0]!);
    unmount();
    expect((await end).outcome).toBe("cancelled");
  });

  it("is idle without a job, then follows the job it is given", async () => {
    const { client } = await session();
    const { rerender } = render(wrap(h(View, { job: null })));
    expect(text()).toBe("idle||");
    rerender(wrap(h(View, { job: undefined })));
    expect(text()).toBe("idle||");
    const job = client.submit("/predict", [2, "multiply", 21]);
    rerender(wrap(h(View, { job })));
    await waitFor(() => expect(text()).toBe("complete|42|"));
  });

  it("shows the typed error of a failed job", async () => {
    const { client } = await session();
    render(wrap(h(Fail, { client })));
    await waitFor(() => expect(text()).toMatch(/^error\|APP_ERROR\|.*bad input/));
  });

  it("cancels from the UI with the returned cancel()", async () => {
    const { client, joins } = await session();
    render(wrap(h(Hold, { client, name: holdKey() })));
    await waitFor(() => expect(text()).toBe("running||"));
    const end = ended(joins[0]!);
    fireEvent.click(screen.getByText("Cancel"));
    await waitFor(() => expect(text()).toBe("cancelled||CANCELLED"));
    expect((await end).outcome).toBe("cancelled");
  });

  it("renders at most once per frame: a whole generator run between two frames costs one render", async () => {
    const frames = stubAnimationFrames();
    const nextFrame = () => frames.next();
    try {
      const { client } = await session();
      const job = client.submit<[number]>("/count", [40]);
      const changes = vi.fn();
      job.$status.listen(changes);
      const onRender = vi.fn();
      render(wrap(h(Profiler, { id: "count", onRender }, h(View<[number]>, { job }))));
      const mounted = onRender.mock.calls.length;
      expect(text()).toBe("pending||");
      await job.result();
      expect(changes.mock.calls.length).toBeGreaterThan(40);
      expect(onRender).toHaveBeenCalledTimes(mounted);
      act(() => nextFrame());
      expect(onRender).toHaveBeenCalledTimes(mounted + 1);
      expect(text()).toBe("complete|39|");
      act(() => nextFrame());
      expect(onRender).toHaveBeenCalledTimes(mounted + 1);
    } finally {
      frames.restore();
    }
  });
});

describe("useJob with real animation frames", () => {
  it("renders no more often than frames pass while a fast generator streams", async () => {
    const fast = await startTestServer({ timeScale: 0.005 }); // /count yields every 1 ms
    const client = await Client.connect(fast.url);
    try {
      let frames = 0;
      let counting = true;
      const tick = () => {
        frames += 1;
        if (counting) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      const job = client.submit<[number]>("/count", [150]);
      const changes = vi.fn();
      job.$status.listen(changes);
      const onRender = vi.fn();
      render(h(Profiler, { id: "count", onRender }, h(View<[number]>, { job })));
      const mounted = onRender.mock.calls.length;
      await job.result();
      await waitFor(() => expect(text()).toBe("complete|149|"));
      counting = false;
      const renders = onRender.mock.calls.length - mounted;
      const messages = changes.mock.calls.length;
      expect(messages).toBeGreaterThan(150);
      expect(renders).toBeLessThanOrEqual(frames + 1);
      expect(renders).toBeLessThan(messages); // many messages per frame (the exact ratio depends on the machine)
      if (process.env.REPORT_RENDERS) console.log({ messages, frames, renders });
    } finally {
      cleanup();
      client.close();
      await fast.close();
    }
  });
});
