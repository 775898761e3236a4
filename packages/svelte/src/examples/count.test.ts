// @vitest-environment jsdom
/**
 * The core README's Svelte example without a helper (`packages/svelte/examples/Count.svelte`, shown verbatim there):
 * nanostores are Svelte stores, so `$status` and `$outputs` work with `$` syntax in a Svelte 5 component.
 */
import { Client } from "@gradio-jobs/core";
import { startTestServer, type TestServer, waitForEvent } from "@gradio-jobs/test-server";
import { flushSync, mount, unmount } from "svelte";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { compileComponent } from "../testing/compile-component.js";

const Count = await compileComponent<{ client: Client }>("../examples/Count.svelte");

let server: TestServer;
let client: Client;
beforeAll(async () => {
  server = await startTestServer({ timeScale: 0.05 });
  client = await Client.connect(server.url);
});
afterAll(async () => {
  client.close();
  await server.close();
});

describe("core's stores in a Svelte component, without a helper (core README)", () => {
  it("shows the stage and each streamed output", async () => {
    const target = document.body.appendChild(document.createElement("div"));
    const component = mount(Count, { target, props: { client } });
    flushSync();
    await vi.waitFor(() => expect(target.querySelector("p")?.textContent).toBe("complete"));
    expect(target.querySelector("output")?.textContent).toBe("0 1 2 3 4");
    expect(target.querySelector("button")?.disabled).toBe(true);
    await unmount(component);
    target.remove();
  });

  it("its Cancel button cancels the job on the server", async () => {
    const slow = await startTestServer();
    const slowClient = await Client.connect(slow.url);
    try {
      const end = waitForEvent(slow, "job-end", (event) => event.apiName === "count");
      const target = document.body.appendChild(document.createElement("div"));
      const component = mount(Count, { target, props: { client: slowClient } });
      flushSync();
      await vi.waitFor(() => expect(target.querySelector("output")?.textContent).toMatch(/^0/));
      target.querySelector("button")!.click();
      await vi.waitFor(() => expect(target.querySelector("p")?.textContent).toBe("cancelled"));
      expect((await end).outcome).toBe("cancelled");
      await unmount(component);
      target.remove();
    } finally {
      slowClient.close();
      await slow.close();
    }
  });
});
