/**
 * Gradio 6 metadata (issue #15 item 7): the completion's timings and cache use on the final status (`duration`,
 * `averageDuration`, `cache`: Gradio 6.12+ sends `cache_duration`, `avg_time`, `used_cache`; earlier versions send
 * none, so they are `null` there), each endpoint's `description` and `timeLimit`, and the `onDone` callback. The
 * expectation of each version is chosen from the version the app reports (`client.config.version`) and named in the
 * assertion message.
 * @module
 */
import type { StatusUpdate } from "@gradio-jobs/core";
import { describe, expect, it } from "vitest";
import { useClients } from "./helpers.js";
import type { Target } from "./target.js";

/** Whether `version` ("6.25.0") is at least `major.minor`. */
function atLeast(version: string | undefined, major: number, minor: number): boolean {
  const [a = 0, b = 0] = (version ?? "0").split(".").map(Number);
  return a > major || (a === major && b >= minor);
}

export function metadataScenarios(target: () => Target): void {
  describe("metadata", () => {
    const connect = useClients();

    it("puts the server's run time, average and cache use on the complete status (numbers from 6.12, null before)", async () => {
      const client = await connect(target().mainUrl);
      const version = client.config.version;
      const sends = atLeast(version, 6, 12);
      const expected = sends ? "numbers" : "null";
      for (const [name, args] of [
        ["/predict", [4, "multiply", 5]],
        ["/count", [3]],
      ] as const) {
        const job = client.submit(name, args);
        await job.result();
        const { duration, averageDuration, cache } = job.status();
        const why = `Gradio ${version} ${name}: duration and averageDuration are ${expected}`;
        if (sends) {
          expect(duration, why).toEqual(expect.any(Number));
          expect(averageDuration, why).toEqual(expect.any(Number));
          expect(duration as number, why).toBeGreaterThanOrEqual(0);
        } else {
          expect([duration, averageDuration], why).toEqual([null, null]);
        }
        // No gr.cache in these apps: a result computed by the function, on every version.
        expect(cache, `Gradio ${version} ${name}: no cache use`).toBeNull();
      }
    });

    it("leaves them null on failures and cancels, on every version", async () => {
      const client = await connect(target().mainUrl);
      const failed = client.submit("/fail", ["x"]);
      await failed.result().catch(() => {});
      expect(failed.status()).toMatchObject({
        stage: "error",
        duration: null,
        averageDuration: null,
        cache: null,
      });
      const cancelled = client.submit("/long_stream", [50]);
      await new Promise((resolve) => setTimeout(resolve, 100));
      await cancelled.cancel();
      expect(cancelled.status()).toMatchObject({ stage: "cancelled", duration: null, averageDuration: null });
    });

    it("calls onDone once with the final status", async () => {
      const client = await connect(target().mainUrl);
      const done: StatusUpdate[] = [];
      const job = client.submit("/predict", [1, "add", 2], { onDone: (status) => done.push(status) });
      await job.result();
      expect(done).toHaveLength(1);
      expect(done[0]).toBe(job.status());
      expect(done[0]?.stage).toBe("complete");
    });

    it("describes endpoints: no description (no docstring, no api_description) and no time limit in the demo app", async () => {
      const client = await connect(target().mainUrl);
      const version = client.config.version;
      for (const name of ["/predict", "/count", "/slow"]) {
        const endpoint = client.endpoint(name);
        expect([endpoint.description, endpoint.timeLimit], `Gradio ${version} ${name}`).toEqual([null, null]);
      }
    });
  });
}
