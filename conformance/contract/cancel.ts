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
import { CancelledError, type Client, ConnectionError, type Job } from "@gradio-jobs/core";
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

/** One record of the work app's `/runs`: a run of `/work`, `/work_stream` or `/stateful_work` on the server. */
interface ServerRun {
  readonly fn: string;
  readonly text: string;
  readonly session: string;
  /** Epoch seconds, server clock (the same machine as the tests). */
  readonly started: number;
  readonly ended: number | null;
  readonly outcome: "running" | "completed" | "cancelled";
}

/** The work app's run log: what really ran on the server, and how it ended. */
async function serverRuns(client: Client): Promise<ServerRun[]> {
  const [runs] = await client.predict<[ServerRun[]]>("/runs");
  return runs;
}

/** The runs whose text is one of `texts`, once each of them has ended (or `timeoutMs` passed). */
async function endedRuns(client: Client, texts: readonly string[], timeoutMs: number): Promise<ServerRun[]> {
  const wanted = new Set(texts);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const runs = (await serverRuns(client)).filter((run) => wanted.has(run.text));
    if (runs.every((run) => run.outcome !== "running") || Date.now() > deadline) return runs;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Cancels judged by what the server ran, on the work app (`/runs`): a cancelled job must stop using its worker at
 * once, never hurt another job, and never run later. Each scenario uses its own texts, so the shared run log needs
 * no reset between them.
 */
export function serverWorkScenarios(target: () => Target): void {
  describe("cancel: what the server ran (work app)", () => {
    const connect = useClients();
    let unique = 0;
    const text = (label: string) => `${label}-${Date.now().toString(36)}-${unique++}`;

    it("12 submits 80 ms apart, each cancelling the previous: the last result comes within one run + 1.5 s, and at most one cancelled job ran to its end", async () => {
      const t = target();
      const client = await connect(t.workUrl);
      const texts = Array.from({ length: 12 }, (_, i) => text(`k${i}`));
      const jobs: Job[] = [];
      for (const [i, value] of texts.entries()) {
        if (i > 0) await new Promise((resolve) => setTimeout(resolve, 80));
        const next = client.submit("/work", [value]);
        void jobs.at(-1)?.cancel();
        jobs.push(next);
      }
      const lastSubmitted = Date.now();
      expect(await (jobs.at(-1) as Job).result({ timeout: patience(t, 4) })).toEqual([`work:${texts[11]}`]);
      expect(Date.now() - lastSubmitted).toBeLessThan(appMs(t, 1.5) + 1_500);
      const runs = await endedRuns(client, texts.slice(0, -1), patience(t, 2));
      expect(runs.filter((run) => run.outcome === "completed").length).toBeLessThanOrEqual(1);
      expect(runs.filter((run) => run.outcome === "running")).toEqual([]);
    }, 60_000);

    it("cancelling a running job while a sibling of its function waits: the sibling starts within 1 s", async () => {
      const t = target();
      const client = await connect(t.workUrl, { isolation: "always" });
      const [a, b] = [text("a"), text("b")];
      const running = client.submit("/work", [a]);
      await statusWhere(running, (s) => s.stage === "running", "running", patience(t, 2));
      const waiting = client.submit("/work", [b]);
      await statusWhere(waiting, (s) => s.stage === "queued", "queued", patience(t, 0));
      const cancelledAt = Date.now() / 1000;
      expect(await running.cancel()).toBe(true);
      expect(await waiting.result({ timeout: patience(t, 2) })).toEqual([`work:${b}`]);
      const runs = await endedRuns(client, [a, b], patience(t, 0));
      const [runA, runB] = [runs.find((run) => run.text === a), runs.find((run) => run.text === b)];
      expect(runA?.outcome).toBe("cancelled");
      expect(runB?.outcome).toBe("completed");
      expect((runB?.started ?? Number.POSITIVE_INFINITY) - cancelledAt).toBeLessThan(1);
    }, 60_000);

    it("the same with the default isolation, once the function has been cancelled on the client", async () => {
      const t = target();
      const client = await connect(t.workUrl);
      const first = client.submit("/work", [text("first")]);
      await statusWhere(first, (s) => s.stage === "running", "running", patience(t, 2));
      expect(await first.cancel()).toBe(true);
      const [a, b] = [text("a"), text("b")];
      const running = client.submit("/work", [a]);
      await statusWhere(running, (s) => s.stage === "running", "running", patience(t, 2));
      const waiting = client.submit("/work", [b]);
      await statusWhere(waiting, (s) => s.stage === "queued", "queued", patience(t, 0));
      const cancelledAt = Date.now() / 1000;
      expect(await running.cancel()).toBe(true);
      expect(await waiting.result({ timeout: patience(t, 2) })).toEqual([`work:${b}`]);
      const runB = (await endedRuns(client, [b], patience(t, 0)))[0];
      expect((runB?.started ?? Number.POSITIVE_INFINITY) - cancelledAt).toBeLessThan(1);
    }, 60_000);

    it("a cancelled waiting job never runs later, and another user's job is not touched", async () => {
      const t = target();
      const other = await connect(t.workUrl);
      const client = await connect(t.workUrl, { isolation: "always" });
      const [busy, mine, waitingToo] = [text("busy"), text("mine"), text("waiting-too")];
      const holder = other.submit("/work", [busy]);
      await statusWhere(holder, (s) => s.stage === "running", "running", patience(t, 2));
      const theirs = other.submit("/work", [waitingToo]);
      await statusWhere(theirs, (s) => s.stage === "queued", "queued", patience(t, 0));
      const cancelled = client.submit("/work", [mine]);
      await statusWhere(cancelled, (s) => s.stage === "queued", "queued", patience(t, 0));
      expect(await cancelled.cancel()).toBe(true);
      expect(await holder.result({ timeout: patience(t, 2) })).toEqual([`work:${busy}`]);
      expect(await theirs.result({ timeout: patience(t, 4) })).toEqual([`work:${waitingToo}`]);
      // Time enough for the cancelled job to have started behind them, if the server had kept it.
      await new Promise((resolve) => setTimeout(resolve, appMs(t, 0.5)));
      const runs = await serverRuns(client);
      expect(runs.filter((run) => run.text === mine)).toEqual([]);
    }, 60_000);

    it("a generator cancelled mid-stream in the client's session, then run again there: the new run's values are its own", async () => {
      const t = target();
      // One session for everything: on Gradio 6.x the new run may continue the cancelled run's diff chain.
      const client = await connect(t.workUrl, { isolation: "never" });
      const word = text("w");
      const first = client.submit("/work_stream", [word, 40]);
      await outputCount(first, 3, patience(t, 2));
      expect(await first.cancel()).toBe(true);
      const again = client.submit<[string]>("/work_stream", [word, 3]);
      expect(await again.result({ timeout: patience(t, 2) })).toEqual([`${word} 0 1 2`]);
      expect(again.outputs()).toEqual([[`${word} 0`], [`${word} 0 1`], [`${word} 0 1 2`]]);
      const runs = await endedRuns(client, [word], patience(t, 1));
      expect(runs.map((run) => run.outcome)).toEqual(["cancelled", "completed"]);
    }, 60_000);

    it("a gr.State endpoint: a running job alone in the session is cancelled at once, and the State is kept", async () => {
      const t = target();
      const client = await connect(t.workUrl);
      const first = text("s");
      expect(await client.predict("/stateful_work", [first], { isolate: true })).toEqual([`${first}:1`]);
      const second = text("s");
      const job = client.submit("/stateful_work", [second]);
      expect(client.endpoint("/stateful_work").sessionBound).toBe(true);
      await statusWhere(job, (s) => s.stage === "running", "running", patience(t, 2));
      expect(await job.cancel()).toBe(true);
      const third = text("s");
      expect(await client.predict("/stateful_work", [third])).toEqual([`${third}:2`]);
      const runs = await endedRuns(client, [first, second, third], patience(t, 0));
      // The cancel can reach Gradio before the function's first line runs: then the run log has no record of it.
      expect(runs.filter((run) => run.text !== second).map((run) => [run.text, run.outcome])).toEqual([
        [first, "completed"],
        [third, "completed"],
      ]);
      expect(runs.filter((run) => run.text === second).map((run) => run.outcome)).not.toContain("completed");
      expect(new Set(runs.map((run) => run.session))).toEqual(new Set([client.sessionHash]));
    }, 60_000);
  });
}
