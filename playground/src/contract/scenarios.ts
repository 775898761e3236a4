/**
 * Core's contract, small enough to run anywhere: in a page, in a Web Worker, under a classic script. Each scenario
 * takes the SDK (so the same code checks the ES module and any other build) and the URL of an app with the demo
 * endpoints (the test server, or real Gradio running conformance/apps/main.py), and throws when the SDK misbehaves.
 * No DOM and no test framework.
 * @module
 */
import type * as Core from "@gradio-jobs/core";
import type { Client, Job, StatusUpdate } from "@gradio-jobs/core";
import { materializeArgs } from "../shared/endpoints.js";
import type { ScenarioName } from "./names.js";

/** What a scenario runs with. */
export interface ScenarioContext {
  readonly sdk: typeof Core;
  readonly url: string;
}

type Scenario = (context: ScenarioContext) => Promise<Record<string, unknown>>;

/** Longest wait for one step: the demo endpoints take a few seconds at most, even at time scale 1. */
const STEP_MS = 20_000;

class ContractError extends Error {
  override name = "ContractError";
}

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new ContractError(message);
}

function same(actual: unknown, expected: unknown, what: string): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  check(a === e, `${what}: expected ${e}, got ${a}`);
}

/** Every status of `job` from now on (the current one first). */
function statusLog(job: Job): StatusUpdate[] {
  const seen: StatusUpdate[] = [];
  job.$status.subscribe((status) => {
    seen.push(status);
  });
  return seen;
}

/** The first status of `job` (the current one included) that passes `test`; rejects if the job ends first. */
function statusWhere(job: Job, test: (status: StatusUpdate) => boolean, what: string): Promise<StatusUpdate> {
  return new Promise((resolve, reject) => {
    let stop = () => {};
    const timer = setTimeout(() => {
      stop();
      reject(new ContractError(`timed out waiting for ${what} (last: ${job.status().code})`));
    }, STEP_MS);
    stop = job.$status.subscribe((status) => {
      const passed = test(status);
      if (!passed && status.success === null) return;
      clearTimeout(timer);
      queueMicrotask(() => stop());
      if (passed) resolve(status);
      else reject(new ContractError(`the job ended (${status.code}) before ${what}`));
    });
  });
}

/** The rejection of `promise`, failing when it resolves. */
async function rejection(promise: Promise<unknown>, what: string): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new ContractError(`${what} resolved; it should have rejected`);
}

/** Runs `body` with a fresh client (its own session), closed afterwards. */
async function withClient<T>(context: ScenarioContext, body: (client: Client) => Promise<T>): Promise<T> {
  const client = await context.sdk.Client.connect(context.url);
  try {
    return await body(client);
  } finally {
    client.close();
  }
}

export const scenarios: Record<ScenarioName, Scenario> = {
  /** One call, one result: positional and by parameter name. */
  predict: (context) =>
    withClient(context, async (client) => {
      same(await client.predict("/predict", [4, "add", 5]), [9], "predict([4, add, 5])");
      same(
        await client.predict("/predict", { a: 6, op: "multiply", b: 7 }),
        [42],
        "predict({a: 6, ×, b: 7})",
      );
      return { sessionHash: client.sessionHash };
    }),

  /** A generator's outputs arrive in order, each once, through callbacks, `$outputs` and iteration alike. */
  generator: (context) =>
    withClient(context, async (client) => {
      const viaCallback: unknown[] = [];
      const job = client.submit("/count", [5], { onOutput: (output) => viaCallback.push(output) });
      const viaIteration: unknown[] = [];
      for await (const output of job) viaIteration.push(output);
      const expected = [[0], [1], [2], [3], [4]];
      same(viaIteration, expected, "iterated outputs");
      same(viaCallback, expected, "onOutput outputs");
      same(job.$outputs.get(), expected, "$outputs");
      same(await job.result(), [4], "result()");
      return { eventId: job.eventId };
    }),

  /** Streamed strings (Gradio sends each yield after the first as a diff) arrive whole, in order, each once. */
  "stream-diffs": (context) =>
    withClient(context, async (client) => {
      const job = client.submit("/long_stream", [4]);
      same(await job.result(), ["tick 3"], "result()");
      same(job.outputs(), [["tick 0"], ["tick 1"], ["tick 2"], ["tick 3"]], "outputs");
      return { eventId: job.eventId };
    }),

  /** `gr.Progress` updates arrive as `PROGRESS` statuses with growing fractions, then tqdm steps. */
  progress: (context) =>
    withClient(context, async (client) => {
      const job = client.submit("/progress", [4]);
      const seen = statusLog(job);
      same(await job.result(), ["done 4 steps"], "result()");
      const levels = seen.filter((s) => s.code === "PROGRESS").map((s) => s.progress?.[0]);
      const fractions = levels.flatMap((level) => (level?.progress != null ? [level.progress] : []));
      same(fractions, [0, 0.25, 0.5, 0.75], "progress fractions");
      same(
        levels.flatMap((level) => (level?.index != null ? [`${level.index}/${level.length}`] : [])),
        ["0/3", "1/3", "2/3"],
        "tqdm steps",
      );
      return { eventId: job.eventId, progressUpdates: levels.length };
    }),

  /** Failures are typed errors to branch on: the app's own error, and an unknown endpoint. */
  "error-typed": (context) =>
    withClient(context, async (client) => {
      const job = client.submit("/fail", ["x"]);
      const error = await rejection(job.result(), "/fail");
      check(error instanceof context.sdk.AppError, `expected an AppError, got ${String(error)}`);
      same([error.code, error.serverMessage], ["APP_ERROR", "bad input"], "AppError code and message");
      same(
        [job.status().stage, job.status().code, job.status().success],
        ["error", "FINISHED", false],
        "status",
      );
      const missing = await rejection(client.predict("/nope", []), "/nope");
      check(
        missing instanceof context.sdk.EndpointNotFoundError,
        `expected EndpointNotFoundError: ${missing}`,
      );
      same(missing.code, "ENDPOINT_NOT_FOUND", "code");
      return { eventId: job.eventId };
    }),

  /**
   * Cancelling a streaming job ends it at once, and stops it on the server: the next job of that function
   * (concurrency 1) can only run once it is gone, and no output arrives in between.
   */
  cancel: (context) =>
    withClient(context, async (client) => {
      const job = client.submit("/long_stream", [60]);
      await statusWhere(job, () => job.outputs().length >= 1, "a first output");
      job.cancel();
      same([job.status().stage, job.status().code], ["cancelled", "CANCELLED"], "status after cancel()");
      const error = await rejection(job.result(), "result() of a cancelled job");
      check(error instanceof context.sdk.CancelledError, `expected a CancelledError, got ${String(error)}`);
      const outputsAtCancel = job.outputs().length;
      same(await client.predict("/long_stream", [1]), ["tick 0"], "the next /long_stream job");
      same(job.outputs().length, outputsAtCancel, "outputs after cancel");
      return { eventId: job.eventId, sessionHash: client.sessionHash, outputsAtCancel };
    }),

  /**
   * Three jobs on a concurrency-1 function: the one that runs last waits behind another waiting job, its rank goes
   * down to 0 (never up), and all three finish, one at a time.
   */
  "queue-rank": (context) =>
    withClient(context, async (client) => {
      const jobs = ["a", "b", "c"].map((x) => client.submit("/slow", [x]));
      const logs = jobs.map(statusLog);
      const finished: number[] = [];
      await Promise.all(jobs.map((job, index) => job.result().then(() => finished.push(index))));
      same(
        jobs.map((job) => job.outputs()),
        [[["slow:a"]], [["slow:b"]], [["slow:c"]]],
        "outputs",
      );
      const last = logs[finished[2] as number] as StatusUpdate[];
      const ranks = last.filter((s) => s.stage === "queued").map((s) => s.rank as number);
      check(ranks.length > 0, "the last job was never queued");
      check(
        (ranks[0] as number) >= 1,
        `the last job should start behind another waiting job: ranks ${ranks}`,
      );
      check(
        ranks.every((rank, i) => i === 0 || rank <= (ranks[i - 1] as number)),
        `ranks went up: ${ranks}`,
      );
      same(ranks.at(-1), 0, "last rank before running");
      check(
        last.some((s) => s.stage === "queued" && (s.queueSize ?? 0) >= 2),
        "queue size while two jobs wait",
      );
      return { ranks, eventIds: jobs.map((job) => job.eventId) };
    }),

  /** Files go up (a `File` in the arguments) and come back as FileData with an absolute, fetchable URL. */
  files: (context) =>
    withClient(context, async (client) => {
      const file = new File(["hello files"], "hello.txt", { type: "text/plain" });
      const [out] = (await client.predict("/flip_file", [file])) as [Core.FileData];
      check(context.sdk.isFileData(out), `expected FileData, got ${JSON.stringify(out)}`);
      check(out.url?.startsWith(context.url), `FileData url should be absolute on the app: ${out.url}`);
      same(await (await fetch(out.url as string)).text(), "selif olleh", "reversed file");
      const [flipped] = (await client.predict("/flip", [materializeArgs({ $sample: "image" })])) as [
        Core.FileData,
      ];
      const response = await fetch(flipped.url as string);
      same([response.ok, (await response.arrayBuffer()).byteLength > 0], [true, true], "image download");
      return { url: out.url };
    }),
};
