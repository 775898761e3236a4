// @vitest-environment jsdom
import type { Client, Job } from "@gradio-jobs/core";
import { sharedJobs } from "@gradio-jobs/core/bindings";
import { setUpBindingTests } from "@gradio-jobs/test-utils/bindings";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { createElement as h, type ReactNode, StrictMode } from "react";
import { describe, expect, it, vi } from "vitest";
import type { UseJobOptions } from "./use-job.js";
import { useSubmit } from "./use-submit.js";

// JSX-free on purpose (createElement as h): the workspace tsconfig has no `jsx` setting.

const harness = setUpBindingTests({ keyPrefix: "react-submit", grace: 100, cleanup });
const { session, holdKey, ended } = harness;
const text = () => screen.getByTestId("out").textContent;

/** A form-like component: one button per hold key, plus reset and cancel. */
function Holder(props: {
  client: Client | null;
  names: string[];
  options?: UseJobOptions;
  onJob?: (job: Job<[string]>) => void;
}) {
  const { submit, reset, cancel, stage, latest, job } = useSubmit<[string]>(
    props.client,
    "/hold",
    props.options,
  );
  const clicked = (name: string) => {
    const submitted = submit([name]);
    props.onJob?.(submitted);
  };
  return h(
    "div",
    null,
    ...props.names.map((name) =>
      h("button", { key: name, type: "button", onClick: () => clicked(name) }, `go ${name}`),
    ),
    h("button", { type: "button", onClick: reset }, "reset"),
    h("button", { type: "button", onClick: cancel }, "cancel"),
    h("p", { "data-testid": "out" }, `${stage}|${latest?.[0] ?? ""}|${job ? "job" : "none"}`),
  );
}

describe.each([false, true])("useSubmit (StrictMode: %s)", (strict) => {
  const wrap = (node: ReactNode) => (strict ? h(StrictMode, null, node) : node);

  it("submits on demand: a new job per click, even with the same arguments", async () => {
    const { client, joins } = await session();
    const a = holdKey();
    render(wrap(h(Holder, { client, names: [a] })));
    expect(text()).toBe("idle||none");
    fireEvent.click(screen.getByText(`go ${a}`));
    await waitFor(() => expect(text()).toBe("running||job"));
    harness.server.release(a);
    await waitFor(() => expect(text()).toBe(`complete|released:${a}|job`));
    fireEvent.click(screen.getByText(`go ${a}`));
    await waitFor(() => expect(joins).toHaveLength(2));
    await waitFor(() => expect(text()).toBe(`complete|released:${a}|job`));
  });

  it("a new submit supersedes the previous job: cancelled by default", async () => {
    const { client, joins } = await session();
    const [a, b] = [holdKey(), holdKey()];
    const jobs: Job<[string]>[] = [];
    render(wrap(h(Holder, { client, names: [a, b], onJob: (job) => jobs.push(job) })));
    fireEvent.click(screen.getByText(`go ${a}`));
    await waitFor(() => expect(text()).toBe("running||job"));
    fireEvent.click(screen.getByText(`go ${b}`));
    await waitFor(() => expect(jobs[0]!.status().stage).toBe("cancelled"));
    const firstEnded = ended(joins[0]!);
    harness.server.release(b);
    await waitFor(() => expect(text()).toBe(`complete|released:${b}|job`));
    expect((await firstEnded).outcome).toBe("cancelled");
  });

  it("keeps the superseded job with cancelSuperseded: false", async () => {
    const { client, joins } = await session();
    const [a, b] = [holdKey(), holdKey()];
    const jobs: Job<[string]>[] = [];
    const options = { cancelSuperseded: false };
    render(wrap(h(Holder, { client, names: [a, b], options, onJob: (job) => jobs.push(job) })));
    fireEvent.click(screen.getByText(`go ${a}`));
    fireEvent.click(screen.getByText(`go ${b}`));
    await waitFor(() => expect(joins).toHaveLength(2));
    await new Promise((resolve) => setTimeout(resolve, sharedJobs.gracePeriod + 10));
    expect(jobs[0]!.done).toBe(false);
    harness.server.release(a);
    expect(await jobs[0]!.result()).toEqual([`released:${a}`]);
    harness.server.release(b);
    await waitFor(() => expect(text()).toBe(`complete|released:${b}|job`));
  });

  it("reset() goes back to idle and cancels the running job; cancel() cancels it in place", async () => {
    const { client } = await session();
    const a = holdKey();
    const jobs: Job<[string]>[] = [];
    render(wrap(h(Holder, { client, names: [a], onJob: (job) => jobs.push(job) })));
    fireEvent.click(screen.getByText(`go ${a}`));
    await waitFor(() => expect(text()).toBe("running||job"));
    fireEvent.click(screen.getByText("cancel"));
    await waitFor(() => expect(text()).toBe("cancelled||job"));
    fireEvent.click(screen.getByText(`go ${a}`));
    await waitFor(() => expect(text()).toBe("running||job"));
    fireEvent.click(screen.getByText("reset"));
    expect(text()).toBe("idle||none");
    await waitFor(() => expect(jobs[1]!.status().stage).toBe("cancelled"));
  });
});

/** Calls `useSubmit` without a client and hands its `submit` to the test. */
function Early(props: { onSubmit: (submit: (args?: unknown[]) => Job) => void }) {
  const state = useSubmit(null, "/predict");
  props.onSubmit(state.submit);
  return h("p", { "data-testid": "out" }, state.stage);
}

describe("useSubmit without a client", () => {
  it("renders idle and throws a clear error when submit is called before the client exists", () => {
    const onSubmit = vi.fn();
    render(h(Early, { onSubmit }));
    expect(text()).toBe("idle");
    const submit = onSubmit.mock.calls[0]?.[0] as (args?: unknown[]) => Job;
    expect(() => submit([1])).toThrow(/no client yet/);
  });
});
