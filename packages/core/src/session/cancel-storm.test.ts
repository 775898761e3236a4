/**
 * Cancel storms (issue #8): hundreds of jobs over several sessions and functions with concurrency limits, each
 * cancelled at a random moment (before it starts, before its event id, queued, running, streaming, already done) or
 * not at all. Every cancelled job must end CANCELLED, every other job must end with its own correct result (Gradio
 * cancels by session and function, so a careless cancel kills siblings), and the server must end with nothing
 * pending, running or open. Plans come from fast-check with a fixed seed; a failure prints the seed and plan.
 *
 * Both cancel semantics of Gradio are stormed: 5.x (a cancelled waiting job still runs later) and 6.14+ (it is
 * removed from the queue).
 */
import { startTestServer, type TestServer } from "@gradio-jobs/test-server";
import { failOnUnhandled, serverIdle, settled } from "@gradio-jobs/test-utils/reliability-harness";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "../client/client.js";
import type { Job } from "../job/job.js";
import type { StatusUpdate } from "../job/status.js";

failOnUnhandled();

/** When a job is cancelled. "sync": right after submit(); the others on the first status that matches. */
const MOMENTS = ["never", "sync", "joining", "queued", "running", "streaming", "done"] as const;
type Moment = (typeof MOMENTS)[number];

const reached: Record<Exclude<Moment, "never" | "sync">, (s: StatusUpdate) => boolean> = {
  joining: (s) => s.code === "JOINING_QUEUE",
  queued: (s) => s.stage === "queued",
  running: (s) => s.stage === "running",
  streaming: (s) => s.code === "ITERATING",
  done: (s) => s.stage === "complete",
};

interface Call {
  readonly endpoint: string;
  readonly args: unknown[];
  readonly expected: unknown[];
}

/** The functions stormed: concurrency limit 1 (all but /hold), generators, a silent one held open by the test. */
const callArb: fc.Arbitrary<Call> = fc.oneof(
  fc
    .tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: -50, max: 50 }))
    .map(([a, b]) => ({ endpoint: "/predict", args: [a, "add", b], expected: [a + b] })),
  fc.integer({ min: 1, max: 6 }).map((n) => ({ endpoint: "/count", args: [n], expected: [n - 1] })),
  fc
    .integer({ min: 1, max: 4 })
    .map((n) => ({ endpoint: "/long_stream", args: [n], expected: [`tick ${n - 1}`] })),
  fc.string({ maxLength: 4 }).map((x) => ({ endpoint: "/slow", args: [x], expected: [`slow:${x}`] })),
  fc.nat().map((n) => ({ endpoint: "/hold", args: [`storm-${n}`], expected: [`released:storm-${n}`] })),
);

interface Planned {
  readonly session: number;
  readonly call: Call;
  readonly moment: Moment;
}

const planArb: fc.Arbitrary<Planned[]> = fc.array(
  fc.record({ session: fc.nat({ max: 3 }), call: callArb, moment: fc.constantFrom(...MOMENTS) }),
  { minLength: 100, maxLength: 100 },
);

interface Tracked {
  readonly job: Job;
  readonly call: Call;
  readonly moment: Moment;
  /** Whether cancel() was called while the job was not final yet. */
  cancelledLive: boolean;
}

/** Submits every planned job, cancelling each at its moment; returns them once all are settled. */
async function storm(server: TestServer, plan: readonly Planned[]) {
  const clients = await Promise.all([0, 1, 2, 3].map(() => Client.connect(server.url)));
  const tracked: Tracked[] = [];
  let serial = 0;
  for (const { session, call, moment } of plan) {
    // Unique hold keys: a key released for one job must not release another planned job early.
    const args = call.endpoint === "/hold" ? [`${call.args[0]}-${serial++}`] : call.args;
    const expected = call.endpoint === "/hold" ? [`released:${args[0]}`] : call.expected;
    const job = clients[session]!.submit(call.endpoint, args);
    const entry: Tracked = { job, call: { ...call, args, expected }, moment, cancelledLive: false };
    const cancel = () => {
      if (!job.done) entry.cancelledLive = true;
      job.cancel();
    };
    if (moment === "sync") cancel();
    else if (moment !== "never") {
      const when = reached[moment];
      const stop = job.$status.listen((status) => {
        if (!when(status)) return;
        queueMicrotask(() => stop());
        cancel();
      });
    }
    tracked.push(entry);
  }
  // Let the held jobs finish (a release is latched, so it also covers jobs that have not started yet).
  for (const { call } of tracked) if (call.endpoint === "/hold") server.release(String(call.args[0]));
  const outcomes = await allSettling(tracked, 2_000);
  await serverIdle(server, 10_000);
  const pendingOnClients = clients.map((c) => c.pendingJobs);
  for (const client of clients) client.close();
  return { tracked, outcomes, pendingOnClients };
}

/**
 * Every job's outcome; rejects, naming the jobs still pending, as soon as `quietMs` pass without any job settling (a
 * hang is reported in seconds, not at the test timeout, while a slow machine still gets all the time it needs).
 */
function allSettling(tracked: readonly Tracked[], quietMs: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let fail: (error: Error) => void = () => {};
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const pending = tracked
        .filter(({ job }) => !job.done)
        .map(
          ({ job, call, moment }) =>
            `${call.endpoint} ${JSON.stringify(call.args)} (cancel at ${moment}, status ${job.status().code})`,
        );
      fail(new Error(`no job settled for ${quietMs} ms; still pending: ${pending.join("; ")}`));
    }, quietMs);
  };
  const stalled = new Promise<never>((_, reject) => {
    fail = reject;
  });
  arm();
  const all = Promise.all(
    tracked.map(({ job }) =>
      settled(job, 60_000).then((outcome) => {
        arm();
        return outcome;
      }),
    ),
  );
  return Promise.race([all, stalled]).finally(() => clearTimeout(timer));
}

describe.each([
  ["Gradio 5.x cancel (cancelled waiting jobs still run)", { cancelRemovesQueued: false }],
  [
    "Gradio 6.14+ cancel (cancelled waiting jobs are removed)",
    { cancelRemovesQueued: true, version: "6.14.0" },
  ],
])("cancel storm, %s", (mode, options) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ timeScale: 0.01, ...options });
  });
  afterAll(() => server.close());

  // Open bugs make this storm fail on the unpatched SDK: BUG-1 (a job whose messages beat its join answer hangs)
  // and BUG-9 (a cancel sent on stale knowledge kills a sibling, which then hangs).
  it("300 jobs over 4 sessions: cancelled ones end CANCELLED, the rest are unhurt", async () => {
    let jobs = 0;
    const tally: Record<string, number> = {};
    await fc.assert(
      fc.asyncProperty(planArb, async (plan) => {
        const ends = new Map<string, string>();
        const onEnd = (e: { eventId: string; outcome: string }) => ends.set(e.eventId, e.outcome);
        server.events.on("job-end", onEnd);
        try {
          const { tracked, outcomes, pendingOnClients } = await storm(server, plan);
          jobs += tracked.length;
          tracked.forEach((entry, i) => {
            const outcome = outcomes[i]!;
            if (entry.cancelledLive) {
              expect(outcome, `${entry.call.endpoint} cancelled at ${entry.moment}`).toMatchObject({
                stage: "cancelled",
                code: "CANCELLED",
                error: "CancelledError",
              });
            } else {
              expect(
                outcome,
                `${entry.call.endpoint} ${JSON.stringify(entry.call.args)} (${entry.moment})`,
              ).toEqual({
                stage: "complete",
                code: "FINISHED",
                error: null,
                value: entry.call.expected,
              });
              // Not hurt on the server either: it ran to its end there.
              const eventId = entry.job.eventId;
              if (eventId) expect(ends.get(eventId)).toBe("completed");
            }
          });
          expect(pendingOnClients).toEqual([0, 0, 0, 0]);
          for (const entry of tracked) {
            const key = `${entry.cancelledLive ? "cancelled" : "unhurt"} at ${entry.moment}`;
            tally[key] = (tally[key] ?? 0) + 1;
          }
        } finally {
          server.events.off("job-end", onEnd);
        }
      }),
      {
        numRuns: 3,
        seed: Number(process.env.STORM_SEED ?? 20_260_108) + (options.cancelRemovesQueued ? 1 : 0),
        endOnFailure: true,
      },
    );
    expect(jobs).toBe(300);
    console.info(`storm (${mode}): ${JSON.stringify(tally)}`);
  });
});
