// Server rendering runs in Node, without a DOM (no `window`).
import { Client, type Job } from "@gradio-jobs/core";
import { sharedJobs } from "@gradio-jobs/core/bindings";
import { startTestServer, type TestServer } from "@gradio-jobs/test-server";
import { createElement as h } from "react";
import { renderToString } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

function Sum(props: { client: Client }) {
  const { stage, rank, latest } = useJob(props.client.submit<[number]>("/predict", [1, "add", 2]));
  return h("p", null, `${stage}|${rank}|${latest?.[0]}`);
}

function Shown(props: { job: Job<[number]> }) {
  const { stage, result } = useJob(props.job);
  return h("p", null, `${stage}|${result?.[0]}`);
}

function Idle(props: { client: Client }) {
  const a = useJob(null);
  const b = useSubmit(props.client, "/predict");
  return h("p", null, `${a.stage}|${b.stage}`);
}

describe("server rendering", () => {
  it("renders the first state of a job submitted in the component body, which never reaches the Gradio server", async () => {
    const joins = server.stats.joins;
    expect(renderToString(h(Sum, { client }))).toBe("<p>pending|null|undefined</p>");
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.stats.joins).toBe(joins);
    expect(client.pendingJobs).toBe(0);
    expect(sharedJobs.size).toBe(0);
  });

  it("renders a job given from outside as it is now, without subscribing to it", async () => {
    const job = client.submit<[number]>("/predict", [2, "multiply", 3]);
    await job.result();
    expect(renderToString(h(Shown, { job }))).toBe("<p>complete|6</p>");
    expect(job.$status.lc).toBe(0);
    expect(job.$outputs.lc).toBe(0);
  });

  it("renders useSubmit and a null job as idle", () => {
    expect(renderToString(h(Idle, { client }))).toBe("<p>idle|idle</p>");
  });
});
