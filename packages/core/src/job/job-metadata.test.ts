/**
 * Gradio 6.12+ completion metadata (`used_cache`, `cache_duration`, `avg_time`) on the final status, a cache hit
 * that skips the queue messages, and the `onDone` callback.
 */
import { startScriptedServer } from "@gradio-jobs/test-utils/scripted-server";
import { recordStatuses, useTestServer } from "@gradio-jobs/test-utils/server";
import { describe, expect, it } from "vitest";
import { Client } from "../client/client.js";
import type { StatusUpdate } from "./status.js";

const server6 = useTestServer({ version: "6.25.0" });
const server5 = useTestServer({ version: "5.14.0" });

describe("completion metadata", () => {
  it("6.25: the complete status carries duration and averageDuration (seconds), cache null; earlier ones do not", async () => {
    const client = await Client.connect(server6().url);
    const job = client.submit("/predict", [4, "add", 5]);
    const seen = recordStatuses(job);
    expect(await job.result()).toEqual([9]);
    const final = job.status();
    expect(final.cache).toBeNull();
    expect(typeof final.duration).toBe("number");
    expect(typeof final.averageDuration).toBe("number");
    for (const status of seen.slice(0, -1))
      expect([status.duration, status.averageDuration]).toEqual([null, null]);
  });

  it("5.x: the fields stay null", async () => {
    const client = await Client.connect(server5().url);
    const job = client.submit("/predict", [4, "add", 5]);
    await job.result();
    expect(job.status()).toMatchObject({
      stage: "complete",
      duration: null,
      averageDuration: null,
      cache: null,
    });
  });

  it("a full cache hit goes from pending straight to complete (no estimation, no process_starts)", async () => {
    const id = "cace0000000000000000000000000001";
    const scripted = await startScriptedServer({
      join: (_join, response) => {
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify({ event_id: id }));
      },
      stream: async (stream) => {
        // Gradio 6.12+ sends a cached result before the join returns (protocol §4.10).
        await stream.send({
          msg: "process_completed",
          event_id: id,
          output: { data: [{ cached: true }], is_generating: false, duration: 0.001, used_cache: "full" },
          success: true,
          title: null,
          used_cache: "full",
          cache_duration: 0.001,
          avg_time: 1.5,
        });
        await stream.send({ msg: "close_stream", event_id: null });
        await stream.end();
      },
    });
    try {
      const client = await Client.connect(scripted.url);
      const job = client.submit("/job", ["a"]);
      const seen = recordStatuses(job);
      expect(await job.result()).toEqual([{ cached: true }]);
      expect(seen.map((s) => s.stage)).toEqual(["pending", "pending", "complete"]);
      expect(job.status()).toMatchObject({
        cache: "full",
        duration: 0.001,
        averageDuration: 1.5,
        success: true,
      });
    } finally {
      await scripted.close();
    }
  });
});

describe("onDone", () => {
  it("runs once with the final status: complete, error, cancelled (not again for a cancel's later notice)", async () => {
    const client = await Client.connect(server6().url);
    const calls: StatusUpdate[] = [];
    const onDone = (status: StatusUpdate) => calls.push(status);
    await client.submit("/predict", [1, "add", 2], { onDone }).result();
    await client
      .submit("/fail", ["x"], { onDone })
      .result()
      .catch(() => {});
    const slow = client.submit("/slow", ["y"], { onDone });
    await slow.cancel();
    await client.predict("/predict", [1, "add", 1]);
    expect(calls.map((s) => s.stage)).toEqual(["complete", "error", "cancelled"]);
    expect(calls[0]?.duration).toEqual(expect.any(Number));
    expect(calls[1]?.error?.code).toBe("APP_ERROR");
  });
});
