/**
 * One scenario for one client, in a child process of its own (started by run.mjs with `--expose-gc`): the test
 * server runs in the parent, so `process.cpuUsage()` and the heap here are the client's alone, and neither client's
 * JIT state, caches or garbage leak into the other's figures.
 *
 * Protocol with the parent (IPC): it is started with a JSON task in argv[2]; it sends
 * `{ type: "ready", sessionHash }` once connected (the parent watches the server for that session), then
 * `{ type: "result", result }` or `{ type: "error", error }`.
 */
import v8 from "node:v8";
import { connect } from "./clients.mjs";
import { ourModule } from "./snapshot.mjs";

const task = JSON.parse(process.argv[2]);
const send = (message) => new Promise((resolve) => process.send(message, resolve));
const now = () => Number(process.hrtime.bigint()) / 1e6; // CLOCK_MONOTONIC: the same clock as the parent's
const cpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000; // ms
};

/** Used heap after full GCs, and the same without V8's code space (JIT-compiled code is the runtime's, not data). */
async function settledHeap() {
  for (let i = 0; i < 4; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    globalThis.gc();
  }
  const code =
    v8.getHeapSpaceStatistics().find((space) => space.space_name === "code_space")?.space_used_size ?? 0;
  const heap = process.memoryUsage().heapUsed;
  return { heap, data: heap - code };
}

/** Benchmarks 2 and 5: N sequential submit→result on /predict; CPU and wall per job; heap after GC. */
async function sequential(client, { warmup, jobs, heapCurve: withCurve = true }) {
  for (let i = 0; i < warmup; i++) await client.predict("/predict", [i, "add", 1]);
  const heapBefore = await settledHeap();
  const heapCurve = [{ jobs: 0, ...heapBefore }];
  const cpu0 = cpu();
  const t0 = now();
  let paused = 0;
  let cpuPaused = 0;
  for (let i = 0; i < jobs; i++) {
    const [sum] = await client.predict("/predict", [i, "add", 1]);
    if (sum !== i + 1) throw new Error(`job ${i}: expected ${i + 1}, got ${JSON.stringify(sum)}`);
    if (withCurve && (i + 1) % (jobs / 4) === 0 && i + 1 < jobs) {
      // Heap curve (GC'd); its time is not counted as client time.
      const p0 = now();
      const c0 = cpu();
      heapCurve.push({ jobs: i + 1, ...(await settledHeap()) });
      paused += now() - p0;
      cpuPaused += cpu() - c0;
    }
  }
  const wall = now() - t0 - paused;
  const cpuMs = cpu() - cpu0 - cpuPaused;
  const heapAfter = await settledHeap();
  heapCurve.push({ jobs, ...heapAfter });
  return {
    jobs,
    cpuPerJobUs: (cpuMs * 1000) / jobs,
    wallPerJobUs: (wall * 1000) / jobs,
    heapBefore: heapBefore.heap,
    heapAfter: heapAfter.heap,
    heapGrowth: heapAfter.heap - heapBefore.heap,
    dataGrowth: heapAfter.data - heapBefore.data,
    heapCurve,
  };
}
/**
 * Benchmark 3: `jobs` /hold jobs submitted at once on one session. The parent releases them all once the server has
 * started every one; latencies are computed there from the server's own timestamps of each message.
 */
async function burst(client, { jobs, timeoutMs = 60_000 }) {
  for (let i = 0; i < 20; i++) await client.predict("/predict", [i, "add", 1]);
  await send({ type: "ready", sessionHash: client.sessionHash });
  const records = [];
  const cpu0 = cpu();
  const t0 = now();
  const pending = [];
  for (let i = 0; i < jobs; i++) {
    const record = { eventId: null, started: null, done: null, failed: null };
    records.push(record);
    const key = `${client.sessionHash}:${i}`;
    const submitted = client.submit("/hold", [key], {
      onStart: () => {
        record.started = now();
      },
    });
    record.state = submitted.state;
    record.joinedId = submitted.eventId;
    pending.push(
      submitted.done.then(
        (outputs) => {
          record.eventId = submitted.eventId();
          if (outputs?.[0] !== `released:${key}`) record.failed = `wrong result ${JSON.stringify(outputs)}`;
          else record.done = now();
        },
        (error) => {
          record.eventId = submitted.eventId();
          record.failed = `${error?.constructor?.name}: ${error?.message ?? error}`.replace(
            /[0-9a-f]{32}/g,
            "<event id>",
          );
        },
      ),
    );
  }
  const tSubmitted = now();
  // Phase 2 starts only when this client has handled the whole submit phase (every job joined, and every
  // process_starts delivered or none for 300 ms): then "release → results" measures the dispatch of the burst alone.
  let startsSeen = 0;
  for (;;) {
    startsSeen = records.filter((r) => r.started !== null).length;
    const joined = records.every((r) => r.joinedId() !== null || r.failed);
    const lastStart = Math.max(tSubmitted, ...records.map((r) => r.started ?? 0));
    if (joined && (startsSeen === jobs || now() - lastStart > 300)) break;
    if (now() - tSubmitted > timeoutMs / 2) break;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const tAllJoined = now();
  await send({ type: "release" });
  // A job that never settles must not hang the bench: after `timeoutMs`, report it as stuck.
  let timer;
  const deadline = new Promise((resolve) => {
    timer = setTimeout(resolve, timeoutMs, "timeout");
  });
  const settled = await Promise.race([Promise.allSettled(pending), deadline]);
  clearTimeout(timer);
  const stuckRecords = settled === "timeout" ? records.filter((r) => r.done === null && !r.failed) : [];
  const stuck = stuckRecords.length;
  const stuckStates = {};
  for (const r of stuckRecords) {
    const state = `${r.state()} joined=${r.joinedId() !== null}`;
    stuckStates[state] = (stuckStates[state] ?? 0) + 1;
  }
  const stream = client.raw?.stream;
  const failures = records.filter((r) => r.failed).map((r) => r.failed);
  return {
    jobs,
    completed: records.filter((r) => r.done !== null).length,
    stuck,
    failed: failures.length,
    stuckStates,
    streamState: stream ? { pending: stream.pendingCount, open: stream.isOpen } : null,
    failures: [...new Set(failures)].slice(0, 3),
    t0,
    tSubmitted,
    tAllJoined,
    tEnd: now(),
    cpuMs: cpu() - cpu0,
    records,
  };
}

/** Benchmark 4: one long generator; client CPU sampled every `steps / 10` outputs to check linear growth. */
async function stream(client, { steps, mode }) {
  // Warm-up on a short stream.
  await client.submit("/count", [200]).done;
  const samples = [{ step: 0, cpu: 0, wall: 0 }];
  const every = steps / 10;
  let outputs = 0;
  let cpu0 = 0;
  let t0 = 0;
  let stopView = () => {};
  const onOutput = () => {
    outputs += 1;
    if (outputs % every === 0 && outputs <= steps) {
      samples.push({ step: outputs, cpu: cpu() - cpu0, wall: now() - t0 });
    }
  };
  cpu0 = cpu();
  t0 = now();
  const submitted = client.submit("/count", [steps], { onOutput });
  if (mode === "view") {
    // What @gradio-jobs/react and /vue do for every job they show: a jobView subscription (it listens to $outputs).
    // Core's main entry, or its `bindings` subpath where core keeps what the bindings share there.
    const jobView =
      (await import(ourModule("core"))).jobView ?? (await import(ourModule("core/bindings"))).jobView;
    const view = jobView(submitted.job);
    stopView = view.subscribe(() => view.get());
  } else if (mode === "outputs") {
    // `job.$outputs` subscribed directly (profile.mjs --outputs): every output sets a new array of all outputs so far.
    stopView = submitted.job.$outputs.subscribe(() => {});
  }
  const final = await submitted.done;
  const cpuMs = cpu() - cpu0;
  const wall = now() - t0;
  stopView();
  if (final?.[0] !== steps - 1) throw new Error(`expected ${steps - 1}, got ${JSON.stringify(final)}`);
  return { steps, outputs, cpuMs, wall, samples, t0 };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** `promise`, or `fallback` after `ms`. */
const within = (promise, ms, fallback = "timeout") => Promise.race([promise, sleep(ms).then(() => fallback)]);

/**
 * Benchmark 7: per round, job A of `/work` (1.5 s, one at a time) runs, job B of the same function waits behind it,
 * then A is cancelled. The parent reads from the app's run log when B started and whether A ran to its end; the
 * cancel time is sent as epoch ms (the run log's clock). Rounds run one after the other on one client, so round 1
 * is the first cancel of `/work` on that client.
 */
async function cancelNext(client, { rounds, isolate = false }) {
  const records = [];
  for (let round = 0; round < rounds; round++) {
    let started;
    const startedPromise = new Promise((resolve) => {
      started = resolve;
    });
    const a = client.submit("/work", [`A${round}`], { onStart: () => started() });
    a.done.catch(() => {});
    if ((await within(startedPromise, 20_000)) === "timeout")
      throw new Error(`round ${round}: A never started`);
    await sleep(300);
    const b = client.submit("/work", [`B${round}`], { isolate });
    b.done.catch(() => {});
    for (const t0 = now(); b.eventId() === null; ) {
      if (now() - t0 > 10_000) throw new Error(`round ${round}: B never joined`);
      await sleep(2);
    }
    await sleep(100); // B is in the queue, behind A
    const cancelledAt = Date.now();
    a.cancel();
    // B waited behind A: it ends at most A's rest (≤ 1.5 s) + its own 1.5 s after the cancel, if its result arrives.
    const result = await within(
      b.done.catch((error) => `${error?.name}: ${error?.message}`),
      6_000,
    );
    const arrived = Array.isArray(result) && result[0] === `work:B${round}`;
    records.push({
      round,
      cancelledAt,
      doneAfterMs: arrived ? Date.now() - cancelledAt : null,
      bResult: arrived ? null : String(result),
    });
  }
  return { records };
}

/**
 * Benchmark 8: typing 10 characters 100 ms apart into a prompt bound to `/work`: one job per keystroke, and the
 * previous job cancelled right after the new one is submitted (the obvious code with either client; it is also
 * the order useJob works in). Measures the last keystroke → the final result.
 */
async function typing(client, { text }) {
  let previous = null;
  let lastKeyAt = 0;
  for (let i = 1; i <= text.length; i++) {
    if (i > 1) await sleep(100);
    lastKeyAt = now();
    const job = client.submit("/work", [text.slice(0, i)]);
    job.done.catch(() => {});
    previous?.cancel();
    previous = job;
  }
  // All ten run one after the other in 15 s: past that, the final result is not coming.
  const result = await within(previous.done, 17_000).catch((error) => `${error?.name}: ${error?.message}`);
  const delayMs = now() - lastKeyAt;
  const arrived = Array.isArray(result) && result[0] === `work:${text}`;
  return { delayMs: arrived ? delayMs : null, arrived, result: arrived ? null : JSON.stringify(result) };
}

const scenarios = { sequential, burst, stream, cancelNext, typing };

try {
  const client = await connect(task.client, task.url);
  const result = await scenarios[task.scenario](client, task.params);
  client.close();
  await send({ type: "result", result });
  process.exit(0);
} catch (error) {
  await send({ type: "error", error: error instanceof Error ? `${error.stack}` : String(error) });
  process.exit(1);
}
