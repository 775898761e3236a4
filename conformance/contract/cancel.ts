/**
 * Stopping jobs: cancel a running job, a queued job beside a running sibling, a generator mid-stream, and a job
 * whose event stream the network drops. Each scenario checks what the user sees and that the server really stopped
 * the work: a `concurrency_limit=1` function is free again for the next user long before the stopped job would
 * have ended.
 *
 * Gradio cancels by (session, function), not by event (`POST /cancel` kills every running task named
 * `{session_hash}_{fn_index}`; on 5.x a cancelled waiting job still runs later; protocol §7). The SDK promises the
 * user-facing outcome regardless: the cancelled job ends `cancelled` at once and no other job is hurt.
 * @module
 */
import { CancelledError, ConnectionError } from "@gradio-jobs/core";
import { describe, expect, it } from "vitest";
import { droppableFetch, outputCount, queued, running, statusWhere, useClients } from "./helpers.js";
import { appMs, patience, type Target } from "./target.js";

export function cancelScenarios(target: () => Target): void {
  describe("cancel", () => {
    const connect = useClients();

    it("cancels a running job at once and frees its worker on the server", async () => {
      const t = target();
      const client = await connect(t.mainUrl);
      const job = client.submit("/sleep", { secs: 30 });
      await running(job, patience(t, 0));
      job.cancel();
      expect(job.status()).toMatchObject({ stage: "cancelled", code: "CANCELLED", success: false });
      await expect(job.result()).rejects.toBeInstanceOf(CancelledError);

      // /sleep has concurrency_limit 1: another user gets the worker only if the cancelled task really stopped.
      const other = await connect(t.mainUrl);
      expect(await other.submit("/sleep", { secs: 0 }).result({ timeout: patience(t, 1) })).toEqual([
        "slept 0",
      ]);
      // ...and the cancelling session keeps working.
      expect(await client.predict("/predict", [2, "add", 2])).toEqual([4]);
    }, 60_000);

    it("cancels a queued job while a job of the same function runs in the session, which finishes normally", async () => {
      const t = target();
      const client = await connect(t.mainUrl);
      const sibling = client.submit("/slow", ["a"]);
      await running(sibling, patience(t, 2));
      const waiting = client.submit("/slow", ["b"]);
      await queued(waiting, patience(t, 0));
      // A third user queues behind both, to see when the worker is free again.
      const other = await connect(t.mainUrl);
      const behind = other.submit("/slow", ["c"]);
      await statusWhere(behind, (s) => s.stage === "queued" && s.rank === 1, "rank 1", patience(t, 0));

      waiting.cancel();
      expect(waiting.status()).toMatchObject({ stage: "cancelled", code: "CANCELLED" });
      await expect(waiting.result()).rejects.toBeInstanceOf(CancelledError);

      // Gradio misbehaves here: POST /cancel now would kill the running sibling too (Gradio cancels every running
      // task named {session_hash}_{fn_index}), and Gradio 5.x would still run the waiting job afterwards and then
      // abort the stream with a KeyError unexpected_error (sse-cancel-queued.txt). What we promise: the sibling
      // finishes with its own result, the cancelled job gives nothing, and the session keeps working.
      expect(await sibling.result({ timeout: patience(t, 2) })).toEqual(["slow:a"]);
      const siblingDone = sibling.status().time;
      // Once the sibling is done, the cancelled job must not hold the worker for a whole /slow run (2 s): the next
      // user starts within half of it.
      const started = await running(behind, patience(t, 4));
      expect(started.time - siblingDone).toBeLessThan(appMs(t, 1));
      expect(await behind.result({ timeout: patience(t, 2) })).toEqual(["slow:c"]);
      expect(waiting.outputs()).toEqual([]);
      // The session's stream survived all of it.
      expect(await client.predict("/predict", [3, "multiply", 3])).toEqual([9]);
    }, 60_000);

    it("cancels a generator mid-stream: no value after the cancel, and the generator stops on the server", async () => {
      const t = target();
      const client = await connect(t.mainUrl);
      const job = client.submit("/long_stream", { n: 60 });
      const values: unknown[] = [];
      for await (const [value] of job) {
        values.push(value);
        if (values.length === 2) break; // leaving the loop cancels the job
      }
      expect(values).toEqual(["tick 0", "tick 1"]);
      expect(job.status()).toMatchObject({ stage: "cancelled", code: "CANCELLED" });
      await expect(job.result()).rejects.toBeInstanceOf(CancelledError);

      // 58 more ticks would take 29 s; another user's /long_stream (concurrency_limit 1) runs right away instead.
      const other = await connect(t.mainUrl);
      expect(await other.submit("/long_stream", { n: 2 }).result({ timeout: patience(t, 1) })).toEqual([
        "tick 1",
      ]);
      expect(job.outputs().map(([value]) => value)).toEqual(["tick 0", "tick 1"]);
    }, 60_000);

    it("fails a job whose event stream the network drops, and the server stops its generator", async () => {
      const t = target();
      const network = droppableFetch();
      const client = await connect(t.mainUrl, { fetch: network.fetch });
      const job = client.submit("/long_stream", { n: 60 });
      await outputCount(job, 1, patience(t, 0.5));
      network.dropStreams();
      const error = await job.result({ timeout: patience(t, 0) }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectionError);
      expect(job.status()).toMatchObject({ stage: "error", success: false });
      expect(client.pendingJobs).toBe(0);

      // Gradio cleans up a session whose stream closed: the generator stops at its next step and frees the worker.
      const other = await connect(t.mainUrl);
      expect(await other.submit("/long_stream", { n: 2 }).result({ timeout: patience(t, 1) })).toEqual([
        "tick 1",
      ]);
    }, 60_000);
  });
}
