/**
 * What a running job reports: generator yields, `gr.Progress`, `gr.Info`/`gr.Warning`, and silence kept alive by
 * stream heartbeats.
 * @module
 */
import type { LogMessage, ProgressUnit, StatusUpdate } from "@gradio-jobs/core";
import { describe, expect, it } from "vitest";
import { statusLog, useClients } from "./helpers.js";
import { appMs, patience, type Target } from "./target.js";

export function streamingScenarios(target: () => Target): void {
  describe("streaming", () => {
    const connect = useClients();

    it("gives each generator value once, in order, without repeating the final one", async () => {
      const client = await connect(target().mainUrl);
      expect(client.endpoint("/count").generator).toBe(true);
      const seen: unknown[] = [];
      const job = client.submit("/count", [5], { onOutput: (output) => seen.push(output) });
      const statuses = statusLog(job);
      const iterated: unknown[] = [];
      for await (const output of job) iterated.push(output);
      const expected = [[0], [1], [2], [3], [4]];
      expect(iterated).toEqual(expected);
      expect(seen).toEqual(expected);
      expect(job.outputs()).toEqual(expected);
      expect(job.$outputs.get()).toEqual(expected);
      expect(await job.result()).toEqual([4]);
      expect(job.status()).toMatchObject({ stage: "complete", code: "FINISHED", success: true });
      expect(statuses.filter((s) => s.code === "ITERATING")).toHaveLength(5);
    });

    it("reports gr.Progress as fractions and as index/length/unit/desc", async () => {
      const client = await connect(target().mainUrl);
      const job = client.submit("/progress", { steps: 4 });
      const statuses = statusLog(job);
      expect(await job.result()).toEqual(["done 4 steps"]);
      const updates = statuses.filter((s) => s.code === "PROGRESS").map((s) => s.progress as ProgressUnit[]);
      // Gradio sends only the latest pending update every 100 ms, so some steps may be merged away.
      expect(updates.length).toBeGreaterThanOrEqual(3);
      const units = updates.flat();
      expect(units).toContainEqual({
        index: null,
        length: null,
        unit: "steps",
        progress: 0,
        desc: "Starting",
      });
      expect(units).toContainEqual({
        index: null,
        length: null,
        unit: "steps",
        progress: 0.5,
        desc: "step 2/4",
      });
      const tqdm = units.filter((u) => u.unit === "items");
      expect(tqdm.length).toBeGreaterThan(0);
      for (const unit of tqdm) {
        expect(unit).toMatchObject({ length: 3, progress: null, desc: "tqdm loop" });
        expect(unit.index).toBeGreaterThanOrEqual(0);
        expect(unit.index).toBeLessThanOrEqual(3);
      }
      const fractions = units.filter((u) => u.unit === "steps").map((u) => u.progress as number);
      expect(fractions).toEqual([...fractions].sort((x, y) => x - y));
      expect(job.status().progress).not.toBeNull();
    });

    it("reports gr.Info and gr.Warning as log statuses", async () => {
      const client = await connect(target().mainUrl);
      const job = client.submit("/log", ["x"]);
      const statuses = statusLog(job);
      expect(await job.result()).toEqual(["logged x"]);
      const logs = statuses.filter((s) => s.code === "LOG").map((s) => s.log as LogMessage);
      expect(logs).toEqual([
        { message: "info message", level: "info", title: "Info", duration: 10, visible: true },
        { message: "warning message", level: "warning", title: "Warning", duration: 10, visible: true },
      ]);
    });

    // One job silent for longer than the stream heartbeat (17 s on Gradio, like sse-heartbeat.txt). The client
    // presumes a stream dead after `idle` ms without a byte, halfway between the heartbeat and the result, so only
    // the heartbeat keeps the job alive.
    it("keeps a job that is silent for longer than the heartbeat interval alive, then gets its result", async () => {
      const t = target();
      const secs = Math.ceil(t.heartbeatMs / 1000 / t.timeScale) + 2;
      const idle = Math.round((t.heartbeatMs + appMs(t, secs)) / 2);
      const client = await connect(t.mainUrl, { streamIdleTimeout: idle });
      const job = client.submit("/sleep", { secs });
      const statuses = statusLog(job);
      expect(await job.result({ timeout: patience(t, secs) })).toEqual([`slept ${secs}`]);
      const started = statuses.find((s) => s.stage === "running") as StatusUpdate;
      expect(job.status().time - started.time).toBeGreaterThan(idle);
    }, 60_000);
  });
}
