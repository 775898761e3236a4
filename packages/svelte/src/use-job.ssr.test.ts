/**
 * Server rendering (Node, no `window`, Svelte's server runtime): a job a getter creates during the render never
 * reaches the Gradio server, and the HTML shows its first state.
 */
import type { Client } from "@gradio-jobs/core";
import { setUpBindingTests } from "@gradio-jobs/test-utils/bindings";
import { render } from "svelte/server";
import { describe, expect, it } from "vitest";
import { compileComponent } from "./testing/compile-component.js";

const harness = setUpBindingTests({ keyPrefix: "svelte-ssr", grace: 50 });
const { session, holdKey } = harness;

const HoldJob = await compileComponent<{ client: Client; name: string }>("testing/HoldJob.svelte", "server");

describe("useJob during server rendering", () => {
  it("renders the first state of a job a getter submits; the job never reaches the Gradio server", async () => {
    const { client, joins } = await session();
    const { body } = render(HoldJob, { props: { client, name: holdKey() } });
    expect(body).toContain('data-stage="pending"');
    expect(body).toContain("Cancel");
    // Long enough for a submitted job to have joined the queue.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(joins).toEqual([]);
  });
});
