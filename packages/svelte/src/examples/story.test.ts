// @vitest-environment jsdom
/**
 * The README's complete component (`packages/svelte/examples/Story.svelte`, which the README shows verbatim: checked
 * in packages/test-utils/src/readme-examples.test.ts) against the test server's `/generate`, compiled by Svelte's
 * compiler as a user's bundler would.
 */
import { Client } from "@gradio-jobs/core";
import { startTestServer, type TestServer, waitForEvent } from "@gradio-jobs/test-server";
import { flushSync, mount, unmount } from "svelte";
import { createSubscriber } from "svelte/reactivity";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { compileComponent } from "../testing/compile-component.js";

const Story = await compileComponent<{ client: Client | null; prompt: string }>("../examples/Story.svelte");

/**
 * Props the component reads reactively, changed from the test as a parent's `$state` would change them (Svelte's
 * public `createSubscriber` turns the plain getters into reactive reads).
 */
function reactiveProps(initial: { client: Client | null; prompt: string }) {
  const values = { ...initial };
  let changed = () => {};
  const track = createSubscriber((update) => {
    changed = update;
  });
  return {
    props: {
      get client() {
        track();
        return values.client;
      },
      get prompt() {
        track();
        return values.prompt;
      },
    },
    set(next: Partial<typeof values>) {
      Object.assign(values, next);
      changed();
      flushSync();
    },
  };
}

let server: TestServer;
let client: Client;
beforeAll(async () => {
  // Real time: ~0.1 s per word, so a job is still running when the prompt changes.
  server = await startTestServer();
  client = await Client.connect(server.url);
});
afterAll(async () => {
  client.close();
  await server.close();
});

describe("README complete component (Svelte)", () => {
  it("says it is connecting while there is no client", async () => {
    const target = document.body.appendChild(document.createElement("div"));
    const component = mount(Story, { target, props: { client: null, prompt: "Once upon a time" } });
    flushSync();
    expect(target.textContent).toContain("Connecting…");
    expect(target.querySelector("button")).toBeNull();
    await unmount(component);
    target.remove();
  });

  it("streams the story word by word with a progress bar, and a new prompt cancels the old job", async () => {
    const firstEnd = waitForEvent(server, "job-end", (event) => event.apiName === "generate");
    const target = document.body.appendChild(document.createElement("div"));
    const { props, set } = reactiveProps({ client: null, prompt: "Once upon a time" });
    const component = mount(Story, { target, props });
    flushSync();
    expect(target.textContent).toContain("Connecting…");
    set({ client });
    const text = () => target.querySelector("pre")?.textContent ?? "";

    // Streamed text grows while the progress bar and its description show.
    await vi.waitFor(() => expect(text()).toMatch(/^Once upon a time there/));
    expect(target.querySelector("progress")).not.toBeNull();
    expect(target.querySelector("small")?.textContent).toBe("Writing");
    expect(target.querySelector("button")?.textContent).toBe("Cancel");

    set({ prompt: "Long ago" });
    expect((await firstEnd).outcome).toBe("cancelled");

    await vi.waitFor(() => expect(text()).toMatch(/^Long ago there/));
    await vi.waitFor(() => expect(text()).toMatch(/one word at a time\.$/), { timeout: 5000 });
    await vi.waitFor(() => expect(target.querySelector("progress")).toBeNull());
    // Nothing reads as an error: the superseded job's cancel is not shown.
    expect(target.querySelector("[role=alert]")).toBeNull();
    expect(target.textContent).not.toContain("Cancelled.");
    expect(target.querySelector("button")).toBeNull();
    await unmount(component);
    target.remove();
  });
});
