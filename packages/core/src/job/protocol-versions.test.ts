import { type ProtocolName, startTestServer, type TestServer } from "@gradio-jobs/test-server";
import { recordStatuses } from "@gradio-jobs/test-utils/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "../client/client.js";
import { AppError } from "../errors.js";

const OLDER: ProtocolName[] = ["sse", "sse_v1", "sse_v2", "sse_v2.1"];

describe.each(OLDER)("older protocol %s", (protocol) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ protocol, timeScale: 0.05 });
  });
  afterAll(() => server.close());

  it("predicts, with queue status on the way", async () => {
    const client = await Client.connect(server.url);
    expect(client.apiBase).toBe(server.url);
    const job = client.submit("/predict", { a: 2, op: "multiply", b: 21 });
    const seen = recordStatuses(job);
    expect(await job.result()).toEqual([42]);
    expect(seen.map((s) => s.stage)).toEqual(expect.arrayContaining(["queued", "running", "complete"]));
  });

  it("streams generator outputs once each (full values or diffs)", async () => {
    const client = await Client.connect(server.url);
    const job = client.submit("/stream_text", ["one two three"]);
    const [text] = await job.result();
    expect(text).toBe("one two three");
    expect(job.outputs().at(-1)).toEqual(["one two three"]);
    expect(new Set(job.outputs().map(([t]) => t)).size).toBe(job.outputs().length);
  });

  it("reports gr.Error as AppError and keeps working after it", async () => {
    const client = await Client.connect(server.url);
    await expect(client.predict("/fail", ["x"])).rejects.toBeInstanceOf(AppError);
    expect(await client.predict("/increment")).toEqual([1]);
    expect(await client.predict("/increment")).toEqual([2]);
  });

  it("cancels a running generator", async () => {
    const client = await Client.connect(server.url);
    const job = client.submit("/long_stream", []);
    await new Promise<void>((resolve) => job.$outputs.subscribe((o) => o.length > 0 && resolve()));
    job.cancel();
    expect(job.status().stage).toBe("cancelled");
    expect(await client.predict("/predict", [1, "add", 1])).toEqual([2]);
  });
});
