/**
 * The queue: ranks, queue size and eta of jobs waiting for a `concurrency_limit=1` function, and a full queue.
 * @module
 */
import { type Client, QueueFullError, type StatusUpdate } from "@gradio-jobs/core";
import { describe, expect, it } from "vitest";
import { queued, running, statusLog, useClients } from "./helpers.js";
import { patience, type Target } from "./target.js";

export function queueScenarios(target: () => Target): void {
  describe("queue", () => {
    const connect = useClients();

    it("shows every waiting job its rank falling to 0, the queue size and an eta", async () => {
      const t = target();
      // Three users of /slow (2 s, concurrency_limit=1). Each joins once the previous one is placed, so the order
      // is known: Gradio orders joins by arrival, and parallel joins may arrive in any order.
      const [c0, c1, c2] = await Promise.all([1, 2, 3].map(() => connect(t.mainUrl)));
      const first = c0!.submit("/slow", ["job0"]);
      const logs = [statusLog(first)];
      await running(first, patience(t, 2));
      const second = c1!.submit("/slow", ["job1"]);
      logs.push(statusLog(second));
      await queued(second, patience(t, 0));
      const third = c2!.submit("/slow", ["job2"]);
      logs.push(statusLog(third));
      await queued(third, patience(t, 0));
      const results = await Promise.all(
        [first, second, third].map((job) => job.result({ timeout: patience(t, 6) })),
      );
      expect(results).toEqual([["slow:job0"], ["slow:job1"], ["slow:job2"]]);

      const waits = logs.map((log) => log.filter((s) => s.stage === "queued"));
      for (const [i, wait] of waits.entries()) {
        expect(wait.length, `job${i} was never queued`).toBeGreaterThan(0);
        const ranks = wait.map((s) => s.rank as number);
        expect(ranks, `job${i} ranks`).toEqual([...ranks].sort((x, y) => y - x));
        expect(ranks.at(-1), `job${i} last rank`).toBe(0);
        for (const status of wait) expect(status.queueSize).toBeGreaterThan(status.rank as number);
      }
      expect(waits[2]!.map((s) => s.rank)).toContain(1);
      expect(waits[2]!.map((s) => s.queueSize)).toContain(2);
      // rank_eta is null until the function completed once since the server started; job2 moves up after job0
      // completed, so its later estimations carry an eta (seconds until its result).
      const lastWait = waits[2]!.at(-1) as StatusUpdate;
      expect(lastWait.eta).toBeGreaterThan(0);
      // process_starts carries the function's average run time once it has one: ~2 s of app time.
      for (const log of logs.slice(1)) {
        const started = log.find((s) => s.stage === "running") as StatusUpdate;
        expect(started.eta).toBeGreaterThan(0);
      }
      // Every job finished after the one before it.
      const finished = logs.map((log) => (log.at(-1) as StatusUpdate).time);
      expect(finished).toEqual([...finished].sort((x, y) => x - y));
    }, 60_000);

    it("refuses a job with QueueFullError when max_size jobs wait, leaving nothing pending", async () => {
      const t = target();
      const clients: Client[] = [];
      for (let i = 0; i < 4; i++) clients.push(await connect(t.queueFullUrl));
      const [c0, c1, c2, c3] = clients as [Client, Client, Client, Client];
      // max_size counts waiting jobs only: one runs, two wait, the fourth is refused.
      const job0 = c0.submit("/slow", ["job0"]);
      await running(job0, patience(t, 2));
      const job1 = c1.submit("/slow", ["job1"]);
      await queued(job1, patience(t, 0));
      const job2 = c2.submit("/slow", ["job2"]);
      await queued(job2, patience(t, 0));
      const refused = c3.submit("/slow", ["job3"]);
      const statuses = statusLog(refused);
      const error = await refused.result().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(QueueFullError);
      expect(error).toMatchObject({
        code: "QUEUE_FULL",
        detail: "Queue is full. Max size is 2 and size is 2.",
      });
      expect(refused.status()).toMatchObject({ stage: "error", code: "QUEUE_FULL", success: false });
      expect(statuses.map((s) => s.stage)).not.toContain("queued");
      expect(refused.eventId).toBeNull();
      expect(c3.pendingJobs).toBe(0);
      expect(job0.done || job1.done || job2.done).toBe(false);

      // Once a waiting job starts, there is room again and the refused user gets in.
      expect(await job0.result({ timeout: patience(t, 2) })).toEqual(["slow:job0"]);
      // Gradio counts job1 as waiting until its queue loop starts it (a tick after job0 ends): wait for that start.
      await running(job1, patience(t, 2));
      const retry = c3.submit("/slow", ["retry"]);
      const placed = await queued(retry, patience(t, 0));
      expect(placed).toMatchObject({ rank: 1, queueSize: 2 });
      expect(job1.done || job2.done).toBe(false);
    }, 60_000);
  });
}
