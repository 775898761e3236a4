// Server rendering runs in Node, without a DOM (no `window`).
import { Client } from "@gradio-jobs/core";
import { sharedJobs } from "@gradio-jobs/core/bindings";
import { startTestServer, type TestServer } from "@gradio-jobs/test-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSSRApp, defineComponent, h } from "vue";
import { renderToString } from "vue/server-renderer";
import { useJob } from "./use-job.js";
import { useSubmit } from "./use-submit.js";

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

describe("server rendering", () => {
  it("renders the first state of a job a getter submits; the job never reaches the Gradio server", async () => {
    const Sum = defineComponent({
      setup() {
        const { stage, rank, latest } = useJob(() => client.submit<[number]>("/predict", [1, "add", 2]));
        return () => h("p", `${stage.value}|${rank.value}|${latest.value?.[0]}`);
      },
    });
    const joins = server.stats.joins;
    expect(await renderToString(createSSRApp(Sum))).toBe("<p>pending|null|undefined</p>");
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.stats.joins).toBe(joins);
    expect(client.pendingJobs).toBe(0);
    expect(sharedJobs.size).toBe(0);
  });

  it("renders a job given from outside as it is now, without subscribing to it", async () => {
    const job = client.submit<[number]>("/predict", [2, "multiply", 3]);
    await job.result();
    const Done = defineComponent({
      setup() {
        const { stage, result } = useJob(job);
        const form = useSubmit(client, "/predict");
        return () => h("p", `${stage.value}|${result.value?.[0]}|${form.stage.value}`);
      },
    });
    expect(await renderToString(createSSRApp(Done))).toBe("<p>complete|6|idle</p>");
    expect(job.$status.lc).toBe(0);
    expect(job.$outputs.lc).toBe(0);
  });
});
