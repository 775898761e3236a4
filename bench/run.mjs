#!/usr/bin/env node
/**
 * Side-by-side benchmarks of @gradio-jobs/* and the official @gradio/client (issue #7).
 *
 *   corepack pnpm bench                  # everything (~3–4 min on 2 cores), rewrites the results block of RESULTS.md
 *   corepack pnpm bench -- --quick       # smaller N, nothing written
 *   corepack pnpm bench -- --only size,overhead --no-build --no-write
 *
 * Benchmarks: size, overhead (+ memory), browser (overhead in Chromium), concurrency, stream, react, cancel (server
 * work after cancel, and typing into a prompt: on the work app, test server and real Gradio 6.25). Each prints ours,
 * official and ours/official.
 * Not part of the test suite: the exit code is 0 whatever the figures (non-zero only if the harness itself breaks).
 *
 * The test server runs in this process; every (benchmark, client) pair runs in a child process of its own so that
 * CPU time and heap are the client's alone (in the browser benchmark, a Chromium renderer process of its own).
 */
import { execFileSync, fork, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startTestServer } from "@gradio-jobs/test-server";
// The e2e run's real-Gradio starter (run.sh / stop.sh of shared/real-gradio), so both start it the same way.
import { startRealGradio } from "../e2e/real-gradio.ts";
import { measureBrowserOverhead } from "./lib/browser-overhead.mjs";
import { BENCH_GRADIO } from "./lib/server-version.mjs";
import { measureSizes, repoDir } from "./lib/size.mjs";
import { snapshotDir, takeSnapshot } from "./lib/snapshot.mjs";

const benchDir = dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2).filter((a) => a !== "--");
const flag = (name) => argv.includes(`--${name}`);
const option = (name) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const ALL = ["size", "overhead", "browser", "concurrency", "stream", "memory", "react", "cancel"];
const only = option("only")?.split(",") ?? ALL;
const quick = flag("quick");
const write = !flag("no-write") && !quick && only.length === ALL.length;
const N = quick
  ? {
      warmup: 100,
      rounds: 2,
      roundJobs: 300,
      sequential: 1000,
      burst: 200,
      bursts: 1,
      stream: 1000,
      streamRounds: 1,
      progress: 500,
      browserWarmup: 50,
      browserRounds: 2,
      browserJobs: 100,
      browserProfiled: 1,
      cancelRounds: 2,
      typingRounds: 1,
    }
  : {
      warmup: 300,
      rounds: 5,
      roundJobs: 1000,
      sequential: 10_000,
      burst: 1000,
      bursts: 3,
      stream: 10_000,
      // The client's own cost is ~10% of its CPU in a round: on a busy machine single rounds of it scatter by ±50%.
      streamRounds: 5,
      progress: 2000,
      // A job costs ~4–5 ms of wall time in Chromium here (vs ~1.3 ms in Node): 5 × 1,000 would take ~80 s.
      browserWarmup: 200,
      browserRounds: 5,
      browserJobs: 500,
      browserProfiled: 2,
      // /work takes 1.5 s of real time: a round of either cancel scenario costs ~2–4 s (more when cancels do not
      // reach the server), so few rounds; round 1 of benchmark 7 is also a case of its own (first cancel).
      cancelRounds: 3,
      typingRounds: 3,
    };

const now = () => Number(process.hrtime.bigint()) / 1e6;
const lines = [];
const out = (line = "") => {
  lines.push(line);
  console.log(line);
};

// ---------- formatting ----------
const int = (n) => (n === null || n === undefined ? "—" : Math.round(n).toLocaleString("en-US"));
const dec = (n, d = 1) => (n === null || n === undefined ? "—" : n.toFixed(d));
const ratio = (ours, official) =>
  ours === null || ours === undefined || !official ? "—" : `${(ours / official).toFixed(2)}×`;
const verdict = (ok) => (ok === null ? "" : ok ? "✅" : "❌");
function table(header, rows) {
  out(`| ${header.join(" | ")} |`);
  out(`|${header.map((_, i) => (i === 0 ? "---" : "---:")).join("|")}|`);
  for (const row of rows) out(`| ${row.join(" | ")} |`);
  out();
}
function percentile(values, p) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

// ---------- children ----------
/** Runs one task in a child process; `onMessage` sees every message before the result. */
function runChild(script, task, onMessage = () => {}) {
  return new Promise((resolve, reject) => {
    const child = fork(join(benchDir, "lib", script), [JSON.stringify(task)], {
      execArgv: ["--expose-gc"],
      env: { ...process.env, BENCH_SNAPSHOT: snapshotDir },
      stdio: ["ignore", "inherit", "pipe", "ipc"],
    });
    let stderr = "";
    let settled = false;
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      child.kill();
      finish(new Error(`${script} ${task.scenario ?? ""} ${task.client}: no result within 180 s`));
    }, 180_000);
    const finish = (error, value) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(value);
    };
    child.on("message", (message) => {
      if (message.type === "result") finish(null, { ok: true, ...message.result, stderr });
      else if (message.type === "error") finish(null, { ok: false, error: message.error, stderr });
      else onMessage(message, child);
    });
    child.on("exit", (code) => {
      finish(null, { ok: false, error: `child exited with code ${code} before reporting`, stderr });
    });
  });
}
const firstLine = (text) => String(text).split("\n").slice(0, 2).join(" ").slice(0, 300);

// ---------- server ----------
let server;
const serverTimes = new Map(); // eventId -> { session, api, start, end }
const holdStarts = new Map(); // sessionHash -> count of /hold jobs started
const streamOpens = new Map(); // sessionHash -> count of session streams opened
async function startServer() {
  server = await startTestServer({ timeScale: 0, version: BENCH_GRADIO });
  server.events.on("job-start", (e) => {
    serverTimes.set(e.eventId, { session: e.sessionHash, api: e.apiName, start: now(), end: null });
    if (e.apiName === "hold") holdStarts.set(e.sessionHash, (holdStarts.get(e.sessionHash) ?? 0) + 1);
  });
  server.events.on("job-end", (e) => {
    const entry = serverTimes.get(e.eventId);
    if (entry) entry.end = now();
    else serverTimes.set(e.eventId, { session: e.sessionHash, api: e.apiName, start: null, end: now() });
  });
  server.events.on("stream-open", (e) =>
    streamOpens.set(e.sessionHash, (streamOpens.get(e.sessionHash) ?? 0) + 1),
  );
}
const clearServerRecords = () => {
  serverTimes.clear();
  server.stats.requests.length = 0;
};

// ---------- benchmarks ----------
const results = { params: N };

async function benchSize() {
  out("## 1. Bundle size (esbuild, browser ESM, minified; gzip -9)");
  out();
  const sizes = await measureSizes();
  results.size = sizes;
  table(
    [
      "bundle",
      "ours gz",
      "official gz",
      "ours/official",
      "target",
      "",
      "ours min",
      "official min",
      "ours br",
    ],
    sizes.rows.map((r) => [
      r.name,
      `${int(r.ours.gzip)} B`,
      r.official ? `${int(r.official.gzip)} B` : "—",
      r.official ? ratio(r.ours.gzip, r.official.gzip) : "—",
      r.target ? `≤ ${int(r.target)} B` : "—",
      r.target ? verdict(r.ours.gzip <= r.target) : "",
      `${int(r.ours.min)} B`,
      r.official ? `${int(r.official.min)} B` : "—",
      `${int(r.ours.brotli)} B`,
    ]),
  );
  out(
    "The official client ships no IIFE and no framework adapters. Per-module breakdown: `node bench/size-profile.mjs`.",
  );
  out();
}

async function benchOverhead() {
  // Overhead: R rounds, each a fresh child per client running N jobs, in rotating order; medians of the rounds.
  const kinds = ["floor", "ours", "official"];
  const rounds = { floor: [], ours: [], official: [] };
  const failures = {};
  for (let round = 0; round < N.rounds; round++) {
    for (let k = 0; k < kinds.length; k++) {
      const client = kinds[(round + k) % kinds.length];
      clearServerRecords();
      const r = await runChild("worker.mjs", {
        scenario: "sequential",
        client,
        url: server.url,
        params: { warmup: N.warmup, jobs: N.roundJobs, heapCurve: false },
      });
      if (r.ok) rounds[client].push(r);
      else failures[client] = r.error;
    }
  }
  const median = (values) => percentile(values, 50);
  const summary = Object.fromEntries(
    kinds.map((k) => [
      k,
      rounds[k].length
        ? {
            ok: true,
            cpu: median(rounds[k].map((r) => r.cpuPerJobUs)),
            wall: median(rounds[k].map((r) => r.wallPerJobUs)),
            cpuRounds: rounds[k].map((r) => Math.round(r.cpuPerJobUs)),
            wallRounds: rounds[k].map((r) => Math.round(r.wallPerJobUs)),
          }
        : { ok: false, error: failures[k] },
    ]),
  );
  // The client's own cost: per round, its CPU minus the baseline's CPU of the same round (they ran back to back, so
  // machine drift cancels), then the median over rounds.
  for (const k of ["ours", "official"]) {
    if (!summary[k].ok || !summary.floor.ok || rounds.floor.length !== rounds[k].length) continue;
    const diffs = rounds[k].map((r, i) => r.cpuPerJobUs - rounds.floor[i].cpuPerJobUs);
    summary[k].cpuAbove = median(diffs);
    summary[k].cpuAboveRounds = diffs.map(Math.round);
  }
  results.overhead = summary;
  const { floor, ours, official } = summary;
  out(
    `## 2. Client overhead per job: sequential \`/predict\` submit→result (median of ${N.rounds} rounds × ${int(N.roundJobs)} jobs, each after ${N.warmup} warm-up jobs)`,
  );
  out();
  for (const k of kinds) if (!summary[k].ok) out(`${k} failed: \`${firstLine(summary[k].error)}\``);
  const both = ours.ok && official.ok;
  const row = (label, key, target) => {
    const ratioValue = both ? ours[key] / official[key] : null;
    return [
      label,
      ours.ok ? `${int(ours[key])} µs` : "failed",
      official.ok ? `${int(official[key])} µs` : "failed",
      both ? ratio(ours[key], official[key]) : "—",
      target ? "≤ 0.50×" : "",
      target && both ? verdict(ratioValue <= 0.5) : "",
    ];
  };
  const rowAbove = (label) => {
    const o = ours.cpuAbove ?? null;
    const f = official.cpuAbove ?? null;
    const valid = o !== null && f !== null && f > 0;
    return [
      label,
      o === null ? "—" : `${int(o)} µs`,
      f === null ? "—" : `${int(f)} µs`,
      valid ? ratio(o, f) : "—",
      "≤ 0.50×",
      valid ? verdict(o / f <= 0.5) : "",
    ];
  };
  table(
    ["per job", "ours", "official", "ours/official", "target", ""],
    [
      row("client CPU time (user+sys)", "cpu", true),
      row("wall time (incl. server + loopback)", "wall", true),
      [
        "raw-fetch baseline (no client, see below): CPU / wall",
        floor.ok ? `${int(floor.cpu)} µs / ${int(floor.wall)} µs` : "failed",
        "",
        "",
        "",
        "",
      ],
      rowAbove(
        "**client CPU above the raw-fetch baseline** (the client's own cost; median of per-round differences)",
      ),
    ],
  );
  out(
    `Rounds (CPU µs/job): ours ${ours.cpuRounds?.join(", ")}; official ${official.cpuRounds?.join(", ")}; baseline ${floor.cpuRounds?.join(", ")}. ` +
      `Wall: ours ${ours.wallRounds?.join(", ")}; official ${official.wallRounds?.join(", ")}; baseline ${floor.wallRounds?.join(", ")}. ` +
      `Above the baseline, per round: ours ${ours.cpuAboveRounds?.join(", ")}; official ${official.cpuAboveRounds?.join(", ")}.`,
  );
  out();
  out(
    "The raw-fetch baseline is what any fetch-based client must do per job on sse_v3: POST join, GET the session stream, split frames, JSON.parse them (it reads the stream to its end, so its wall time is not a strict lower bound). In Node most of a job's CPU is undici's fetch and web streams, which both clients pay alike.",
  );
  out();
}

async function benchBrowser() {
  const params = {
    warmup: N.browserWarmup,
    rounds: N.browserRounds,
    jobs: N.browserJobs,
    profiledRounds: N.browserProfiled,
  };
  out(
    `## 2b. Client overhead per job in Chromium: sequential \`/predict\` submit→result (median of ${N.browserRounds} rounds × ${int(N.browserJobs)} jobs, each client in a page of its own after ${N.browserWarmup} warm-up jobs)`,
  );
  out();
  let run;
  try {
    run = await measureBrowserOverhead({ ...params, log: (line) => console.error(line) });
  } catch (error) {
    results.browser = { ok: false, error: String(error?.stack ?? error) };
    out(`The browser benchmark could not run: \`${firstLine(error?.message ?? error)}\``);
    out();
    return;
  }
  results.browser = run;
  const { floor, ours, official } = run.clients;
  for (const [k, r] of Object.entries(run.clients)) if (!r.ok) out(`${k} failed: \`${firstLine(r.error)}\``);
  const both = ours.ok && official.ok;
  const us = (n) => (n === null || n === undefined ? "—" : `${int(n)} µs`);
  const row = (label, key, target = false) => {
    const o = ours.ok ? ours[key] : null;
    const f = official.ok ? official[key] : null;
    const valid = both && o !== null && o !== undefined && f > 0;
    return [
      label,
      ours.ok ? us(o) : "failed",
      official.ok ? us(f) : "failed",
      valid ? ratio(o, f) : "—",
      target ? "≤ 0.50×" : "",
      target && valid ? verdict(o / f <= 0.5) : "",
    ];
  };
  table(
    ["per job", "ours", "official", "ours/official", "target", ""],
    [
      row("`ScriptDuration` (JS entered from a task; misses promise continuations, see below)", "script"),
      row("`TaskDuration` (main-thread tasks of any kind)", "task"),
      row("main-thread CPU (`ThreadTime`)", "thread"),
      row("wall time (`performance.now()` in the page; incl. server + loopback)", "wall"),
      [
        "raw-fetch baseline (no client): `ScriptDuration` / `TaskDuration` / main-thread CPU / wall",
        floor.ok
          ? `${us(floor.script)} / ${us(floor.task)} / ${us(floor.thread)} / ${us(floor.wall)}`
          : "failed",
        "",
        "",
        "",
        "",
      ],
      row("`ScriptDuration` above the raw-fetch baseline (median of per-round differences)", "scriptAbove"),
      row("`TaskDuration` above the raw-fetch baseline", "taskAbove"),
      row("**main-thread CPU above the raw-fetch baseline** (the client's own cost)", "threadAbove", true),
      row(
        `**JS in the client's own functions** (self time, sampling profiler; baseline ${floor.ok ? us(floor.bundle) : "—"})`,
        "bundle",
      ),
      row(
        `Web APIs called from JS: fetch, stream reads, decoding, timers… (baseline ${floor.ok ? us(floor.webApi) : "—"})`,
        "webApi",
      ),
      row(`garbage collection (baseline ${floor.ok ? us(floor.gc) : "—"})`, "gc"),
      [
        "HTTP requests per job (excl. CORS preflights)",
        ours.ok ? dec(ours.requestsPerJob, 2) : "—",
        official.ok ? dec(official.requestsPerJob, 2) : "—",
        "",
        "",
        "",
      ],
    ],
  );
  const rounds = (r, key) => (r.ok ? r.rounds[key].map(Math.round).join(", ") : "—");
  const apis = (r) => (r.ok ? r.topWebApis.map((a) => `${a.name} ${int(a.us)}`).join(", ") : "—");
  out(
    `Rounds (µs/job), ScriptDuration: ours ${rounds(ours, "script")}; official ${rounds(official, "script")}. ` +
      `Main-thread CPU: ours ${rounds(ours, "thread")}; official ${rounds(official, "thread")}; baseline ${rounds(floor, "thread")}. ` +
      `TaskDuration: ours ${rounds(ours, "task")}; official ${rounds(official, "task")}; baseline ${rounds(floor, "task")}. ` +
      `Wall: ours ${rounds(ours, "wall")}; official ${rounds(official, "wall")}; baseline ${rounds(floor, "wall")}. ` +
      `Web APIs by self time (µs/job): ours ${apis(ours)}; official ${apis(official)}; baseline ${apis(floor)}.`,
  );
  out();
  out(
    `Headless Chromium ${run.chromium} (Debian), launched by Playwright; each client in a browser context (a renderer process) of its own, on a page served from another origin than the app (CORS preflights are cached: ${run.preflights} sent during the measured rounds); bundles: esbuild, browser ESM, minified (${int(run.bundleBytes.ours)} / ${int(run.bundleBytes.official)} / ${int(run.bundleBytes.floor)} B). ` +
      "Per round, deltas of the page's CDP `Performance.getMetrics`: **`ScriptDuration`** is the main thread's time in JavaScript that a task entered (timer callbacks, event listeners, script evaluation); it does not count promise continuations, where nearly all of both clients' code runs (every fetch and stream read resolves a promise), hence 0 µs for the baseline. **`TaskDuration`** is the main thread's time in tasks of any kind (all JS including promise jobs, GC, and the renderer's own work of sending requests and delivering responses and stream chunks); it is wall-clock time, so preemption on a busy machine inflates it. `ThreadTime` is the main thread's CPU time. " +
      `The profiler rows come from ${N.browserProfiled} further round(s) of ${int(N.browserJobs)} jobs under V8's sampling profiler (100 µs; it slows the page, so these rounds are not in the figures above): self time in the functions of the client's bundle, in Web APIs called from JS (native code: \`fetch()\` alone is most of it), and in GC.`,
  );
  out();
}

async function benchMemory() {
  const task = (client) => ({
    scenario: "sequential",
    client,
    url: server.url,
    params: { warmup: N.warmup, jobs: N.sequential, heapCurve: true },
  });
  const runs = {};
  for (const client of ["ours", "official", "floor"]) {
    clearServerRecords();
    runs[client] = await runChild("worker.mjs", task(client));
  }
  const { ours, official, floor } = runs;
  results.memory = runs;
  const both = ours.ok && official.ok;
  out(`## 5. Memory: heap growth over ${int(N.sequential)} sequential jobs (after GC)`);
  out();
  for (const [k, r] of Object.entries(runs)) if (!r.ok) out(`${k} failed: \`${firstLine(r.error)}\``);
  const mb = (b) => `${(b / 1024 / 1024).toFixed(2)} MB`;
  const kb = (b) => `${b >= 0 ? "+" : ""}${int(b / 1024)} KB`;
  const curve = (ours.ok ? ours : official).heapCurve ?? [];
  const slope = (r) => (r.heapAfter - r.heapCurve[1].heap) / (N.sequential - r.heapCurve[1].jobs);
  const cells = (f) => [ours, official, floor].map((r) => (r.ok ? f(r) : "—"));
  table(
    ["", "ours", "official", "raw-fetch baseline", "ours/official", "target", ""],
    [
      ["heap used before (after warm-up, GC)", ...cells((r) => mb(r.heapBefore)), "", "", ""],
      ...curve
        .slice(1, -1)
        .map((point, i) => [
          `growth after ${int(point.jobs)} jobs`,
          ...cells((r) => kb(r.heapCurve[i + 1].heap - r.heapBefore)),
          "",
          "",
          "",
        ]),
      [
        `**growth after ${int(N.sequential)} jobs**`,
        ...cells((r) => kb(r.heapGrowth)),
        both ? ratio(Math.max(ours.heapGrowth, 1), Math.max(official.heapGrowth, 1)) : "—",
        "< 1 MB",
        ours.ok ? verdict(ours.heapGrowth < 1024 * 1024) : "",
      ],
      ["… of it V8 code space (JIT code)", ...cells((r) => kb(r.heapGrowth - r.dataGrowth)), "", "", ""],
      [
        "growth without code space",
        ...cells((r) => kb(r.dataGrowth)),
        both ? ratio(Math.max(ours.dataGrowth, 1), Math.max(official.dataGrowth, 1)) : "—",
        "< 1 MB",
        ours.ok ? verdict(ours.dataGrowth < 1024 * 1024) : "",
      ],
      [
        `slope from ${int(N.sequential / 4)} to ${int(N.sequential)} jobs (what a leak would show)`,
        ...cells((r) => `${int(slope(r))} B/job`),
        "",
        "",
        "",
      ],
    ],
  );
  out(
    "The raw-fetch baseline (no client: join, stream, parse) shows what Node and undici themselves keep after the same number of jobs.",
  );
  out();
}

async function benchConcurrency() {
  const run = async (client) => {
    clearServerRecords();
    let tRelease = null;
    let sessionHash = null;
    const result = await runChild(
      "worker.mjs",
      { scenario: "burst", client, url: server.url, params: { jobs: N.burst } },
      (message) => {
        if (message.type === "ready") {
          sessionHash = message.sessionHash;
          streamOpens.set(sessionHash, 0);
          return;
        }
        if (message.type !== "release") return;
        // The child has handled the submit phase; release once the server has started every job (it has by now,
        // unless a join was lost).
        const deadline = now() + 10_000;
        const poll = setInterval(() => {
          if ((holdStarts.get(sessionHash) ?? 0) < N.burst && now() < deadline) return;
          clearInterval(poll);
          tRelease = now();
          for (let i = 0; i < N.burst; i++) server.release(`${sessionHash}:${i}`);
        }, 1);
      },
    );
    if (!result.ok) return result;
    const startLatency = [];
    const doneLatency = [];
    for (const record of result.records) {
      const times = record.eventId ? serverTimes.get(record.eventId) : undefined;
      if (!times) continue;
      if (record.started !== null && times.start !== null) startLatency.push(record.started - times.start);
      if (record.done !== null && times.end !== null) doneLatency.push(record.done - times.end);
    }
    const all = [...startLatency, ...doneLatency];
    const lastStartSeen = Math.max(...result.records.map((r) => r.started ?? 0));
    const lastDone = Math.max(...result.records.map((r) => r.done ?? 0));
    return {
      ok: true,
      completed: result.completed,
      failed: result.failed,
      stuck: result.stuck,
      failures: result.failures,
      startsNeverSeen: result.records.filter((r) => r.done !== null && r.started === null).length,
      stuckStates: result.stuckStates,
      streamState: result.streamState,
      streams: streamOpens.get(sessionHash) ?? 0,
      submitMs: result.tSubmitted - result.t0,
      allStartedMs: lastStartSeen - result.t0,
      allJoinedMs: result.tAllJoined - result.t0,
      releaseToAllDoneMs: tRelease === null ? null : lastDone - tRelease,
      cpuMs: result.cpuMs,
      matched: all.length,
      p50: percentile(all, 50),
      p99: percentile(all, 99),
      max: percentile(all, 100),
      p99Start: percentile(startLatency, 99),
      p99Done: percentile(doneLatency, 99),
    };
  };
  // R rounds in alternating order; counts are summed over the rounds, times are medians of the rounds.
  const rounds = { ours: [], official: [] };
  for (let round = 0; round < N.bursts; round++) {
    for (const client of round % 2 === 0 ? ["ours", "official"] : ["official", "ours"]) {
      rounds[client].push(await run(client));
    }
  }
  const combine = (list) => {
    const good = list.filter((r) => r.ok);
    if (good.length === 0) return list[0];
    const med = (key) =>
      percentile(
        good.map((r) => r[key]).filter((v) => v !== null),
        50,
      );
    const sum = (key) => good.reduce((total, r) => total + r[key], 0);
    return {
      ok: true,
      rounds: good.length,
      completed: sum("completed"),
      failed: sum("failed"),
      stuck: sum("stuck"),
      startsNeverSeen: sum("startsNeverSeen"),
      failures: [...new Set(good.flatMap((r) => r.failures))],
      stuckStates: good.map((r) => r.stuckStates).filter((x) => Object.keys(x).length),
      streamStates: good.map((r) => r.streamState),
      streams: Math.max(...good.map((r) => r.streams)),
      matched: sum("matched"),
      p99Rounds: good.map((r) => dec(r.p99, 1)),
      ...Object.fromEntries(
        [
          "submitMs",
          "allStartedMs",
          "allJoinedMs",
          "releaseToAllDoneMs",
          "cpuMs",
          "p50",
          "p99",
          "max",
          "p99Start",
          "p99Done",
        ].map((key) => [key, med(key)]),
      ),
    };
  };
  const ours = combine(rounds.ours);
  const official = combine(rounds.official);
  results.concurrency = { ours, official };
  const total = N.burst * N.bursts;
  const both = ours.ok && official.ok;
  const row = (label, key, unit = " ms", digits = 1) => [
    label,
    ours.ok ? `${dec(ours[key], digits)}${unit}` : "failed",
    official.ok ? `${dec(official[key], digits)}${unit}` : "failed",
    both ? ratio(ours[key], official[key]) : "—",
  ];
  out(
    `## 3. Concurrency: ${int(N.burst)} \`/hold\` jobs submitted at once on one session, then all released together (${N.bursts} rounds; counts summed, times are medians)`,
  );
  out();
  for (const [name, r] of [
    ["ours", ours],
    ["official", official],
  ]) {
    if (!r.ok) out(`${name} failed: \`${firstLine(r.error)}\``);
    else for (const failure of r.failures) out(`${name}: a job failed with \`${failure}\``);
    if (r.ok && r.stuck > 0) {
      out(
        `${name}: never-settled jobs by state: \`${JSON.stringify(r.stuckStates)}\`; session stream after the wait: \`${JSON.stringify(r.streamStates)}\``,
      );
    }
  }
  out();
  table(
    ["", "ours", "official", "ours/official"],
    [
      [
        "jobs completed",
        ours.ok ? `${int(ours.completed)}/${int(total)} ${verdict(ours.completed === total)}` : "failed",
        official.ok ? `${int(official.completed)}/${int(total)}` : "failed",
        "",
      ],
      [
        "jobs failed / never settled (60 s)",
        ours.ok ? `${ours.failed} / ${ours.stuck} ${verdict(ours.failed + ours.stuck === 0)}` : "—",
        official.ok ? `${official.failed} / ${official.stuck}` : "—",
        "",
      ],
      [
        "completed jobs whose `process_starts` never reached user code",
        ours.ok ? `${ours.startsNeverSeen}` : "—",
        official.ok ? `${official.startsNeverSeen}` : "—",
        "",
      ],
      [
        "session streams opened (max of the rounds)",
        ours.ok ? `${ours.streams} ${verdict(ours.streams === 1)}` : "—",
        official.ok ? `${official.streams}` : "—",
        "",
      ],
      row("submit loop (synchronous part)", "submitMs"),
      row("first submit → last `process_starts` seen", "allStartedMs"),
      row("first submit → every job joined (event id known)", "allJoinedMs"),
      row(`**release → all ${int(N.burst)} results seen** (phase 2: the burst alone)`, "releaseToAllDoneMs"),
      row("client CPU, whole scenario", "cpuMs", " ms", 0),
      row("dispatch latency p50 (server write → client sees it)", "p50", " ms", 2),
      row("**dispatch latency p99**", "p99", " ms", 2),
      row("dispatch latency max", "max", " ms", 2),
      row("p99 of `process_starts` only (phase 1, during the submit storm)", "p99Start", " ms", 2),
      row("**p99 of `process_completed` only** (phase 2)", "p99Done", " ms", 2),
    ],
  );
  out(
    `p99 of each round: ours ${ours.p99Rounds?.join(", ")} ms; official ${official.p99Rounds?.join(", ")} ms.`,
  );
  out();
  out(
    `Latency = time the client hands the message to user code (ours: \`onStatus\` / \`result()\`; official: its async iterator) minus the time the server wrote it (same monotonic clock; ${int(ours.matched ?? 0)} / ${int(official.matched ?? 0)} messages matched by event id).`,
  );
  out();
}

async function benchStream() {
  // Each variant gets a test server of its own (/count runs one job at a time per server), so the four run side by
  // side (the wall time is the server's pacing, the clients are mostly idle). Per round: a short stream (a tenth of
  // the steps) and the long one, so the cost per step at both lengths shows whether it stays linear; N.streamRounds
  // rounds, medians.
  const variants = [
    ["floor", "callback"],
    ["ours", "callback"],
    ["ours", "view"],
    ["official", "callback"],
  ];
  const names = ["floor", "ours", "oursView", "official"];
  const lengths = [N.stream / 10, N.stream];
  const servers = await Promise.all(
    variants.map(() => startTestServer({ timeScale: 0, version: BENCH_GRADIO })),
  );
  /** rounds[length][variant] = runs */
  const rounds = lengths.map(() => variants.map(() => []));
  try {
    for (let round = 0; round < N.streamRounds; round++) {
      for (const [l, steps] of lengths.entries()) {
        const runs = await Promise.all(
          variants.map(([client, mode], i) =>
            runChild("worker.mjs", {
              scenario: "stream",
              client,
              url: servers[(i + round) % servers.length].url,
              params: { steps, mode },
            }),
          ),
        );
        for (const [i, r] of runs.entries()) rounds[l][i].push(r);
      }
    }
  } finally {
    await Promise.all(servers.map((s) => s.close()));
  }
  const median = (values) => percentile(values, 50);
  const summarize = (list, steps) => {
    const good = list.filter((r) => r.ok);
    if (good.length === 0) return list[0];
    const sorted = [...good].sort((a, b) => a.cpuMs - b.cpuMs);
    return {
      ...sorted[Math.floor((sorted.length - 1) / 2)],
      cpuRounds: good.map((r) => Math.round(r.cpuMs)),
      perStep: median(good.map((r) => (r.cpuMs * 1000) / steps)),
    };
  };
  // The client's own cost: per round, its CPU minus the baseline's CPU of the same round (they ran side by side, so
  // machine load cancels), then the median over rounds.
  const above = (l, i) => {
    const floorRuns = rounds[l][0];
    const runs = rounds[l][i];
    if (!runs.every((r) => r.ok) || !floorRuns.every((r) => r.ok)) return null;
    const diffs = runs.map((r, k) => r.cpuMs - floorRuns[k].cpuMs);
    return { ms: median(diffs), rounds: diffs.map(Math.round), perStep: (median(diffs) * 1000) / lengths[l] };
  };
  const byLength = lengths.map((steps, l) => ({
    steps,
    ...Object.fromEntries(
      names.map((name, i) => [
        name,
        { ...summarize(rounds[l][i], steps), above: i === 0 ? null : above(l, i) },
      ]),
    ),
  }));
  const long = byLength[1];
  const { floor, ours, oursView, official } = long;
  results.stream = { floor, ours, oursView, official, short: byLength[0] };
  const quarter = (r) => {
    // CPU of the second and the last quarter of the steps (samples every 10%); the first quarter includes JIT warm-up.
    const at = (tenths) => {
      const exact = r.samples.find((s) => s.step === (N.stream * tenths) / 10);
      if (exact) return exact.cpu;
      const below = r.samples.find((s) => s.step === (N.stream * Math.floor(tenths)) / 10);
      const above = r.samples.find((s) => s.step === (N.stream * Math.ceil(tenths)) / 10);
      return (below.cpu + above.cpu) / 2;
    };
    const q2 = at(5) - at(2.5);
    const q4 = at(10) - at(7.5);
    return { q2, q4, growth: q4 / q2 };
  };
  const rows = [
    ["raw-fetch baseline (no client, see below)", floor],
    ["ours (`onOutput` callback)", ours],
    ["ours + `jobView` subscribed (what useJob does)", oursView],
    ["official (async iterator)", official],
  ];
  out(
    `## 4. Long stream: \`/count\` with ${int(N.stream)} steps (sse_v3 diffs), one job (the round with the median CPU of ${N.streamRounds}; the four run side by side, each on a test server of its own)`,
  );
  out();
  table(
    [
      "client",
      "client CPU total",
      "µs / step",
      "CPU 2nd quarter",
      "CPU last quarter",
      "last/2nd (1.0 = linear)",
      "wall",
      "vs official CPU",
    ],
    rows.map(([name, r]) => {
      if (!r.ok) return [name, `failed: \`${firstLine(r.error)}\``, "", "", "", "", "", ""];
      const q = quarter(r);
      return [
        name,
        `${int(r.cpuMs)} ms`,
        dec((r.cpuMs * 1000) / N.stream, 0),
        `${int(q.q2)} ms`,
        `${int(q.q4)} ms`,
        `${dec(q.growth, 2)} ${verdict(q.growth < 1.5)}`,
        `${dec(r.wall / 1000, 1)} s`,
        official.ok ? ratio(r.cpuMs, official.cpuMs) : "—",
      ];
    }),
  );
  const [short] = byLength;
  const cell = (r, f) => (r?.ok ? f(r) : "—");
  const aboveCell = (r, f) => (r?.ok && r.above ? f(r.above) : "—");
  const target = ours.above && official.above ? ours.above.ms / official.above.ms : null;
  const viewRatio = oursView.above && official.above ? oursView.above.ms / official.above.ms : null;
  table(
    ["", "ours", "ours + `jobView`", "official", "ours/official", "target", ""],
    [
      [
        `CPU per step, ${int(short.steps)} steps (median of rounds; baseline ${cell(short.floor, (r) => `${dec(r.perStep, 1)} µs`)})`,
        ...[short.ours, short.oursView, short.official].map((r) => cell(r, (x) => `${dec(x.perStep, 1)} µs`)),
        cell(short.official, () => ratio(short.ours.perStep, short.official.perStep)),
        "",
        "",
      ],
      [
        `CPU per step, ${int(long.steps)} steps (baseline ${cell(floor, (r) => `${dec(r.perStep, 1)} µs`)})`,
        ...[ours, oursView, official].map((r) => cell(r, (x) => `${dec(x.perStep, 1)} µs`)),
        cell(official, () => ratio(ours.perStep, official.perStep)),
        "",
        "",
      ],
      [
        `above the baseline per step, ${int(short.steps)} steps`,
        ...[short.ours, short.oursView, short.official].map((r) =>
          aboveCell(r, (a) => `${dec(a.perStep, 1)} µs`),
        ),
        short.ours.above && short.official.above ? ratio(short.ours.above.ms, short.official.above.ms) : "—",
        "",
        "",
      ],
      [
        `above the baseline per step, ${int(long.steps)} steps (≈ the line above: linear)`,
        ...[ours, oursView, official].map((r) => aboveCell(r, (a) => `${dec(a.perStep, 1)} µs`)),
        target === null ? "—" : ratio(ours.above.ms, official.above.ms),
        "",
        "",
      ],
      [
        `**client CPU above the raw-fetch baseline**, ${int(long.steps)} steps (the client's own cost; median of per-round differences)`,
        ...[ours, oursView, official].map((r) => aboveCell(r, (a) => `${int(a.ms)} ms`)),
        target === null ? "—" : `**${dec(target, 2)}×** (with \`jobView\` ${dec(viewRatio, 2)}×)`,
        "≤ 0.5×",
        target === null ? "" : verdict(target <= 0.5),
      ],
    ],
  );
  out(
    `CPU per round (${int(long.steps)} steps): baseline ${floor.cpuRounds?.join(", ")} ms; ours ${ours.cpuRounds?.join(", ")} ms; ours + jobView ${oursView.cpuRounds?.join(", ")} ms; official ${official.cpuRounds?.join(", ")} ms. ` +
      `Above the baseline, per round: ours ${ours.above?.rounds.join(", ")} ms; ours + jobView ${oursView.above?.rounds.join(", ")} ms; official ${official.above?.rounds.join(", ")} ms. ` +
      "Wall time is paced by the server (one yield per timer tick, ~1 ms); client CPU is what the client costs.",
  );
  out();
  out(
    "The raw-fetch baseline is what any fetch-based client must do for this stream on sse_v3: POST join, GET the session stream, split frames, JSON.parse each, and apply each `process_generating` diff to the output values (in place, no checks) before handing them to the same `onOutput` callback. Most of its CPU is undici's fetch and web streams delivering ~1,000 small chunks a second, which every client pays alike.",
  );
  out();
}

async function benchReact() {
  const run = (client) =>
    runChild("react-worker.mjs", { client, url: server.url, params: { steps: N.progress } });
  const ours = await run("ours");
  const official = await run("official");
  results.react = { ours, official };
  out(
    `## 6. React renders under ~1,000 progress messages/s (\`/progress\` with ${int(N.progress)} steps, jsdom 60 Hz frames)`,
  );
  out();
  const cell = (r, f) => (r.ok ? f(r) : `failed: \`${firstLine(r.error)}\``);
  table(
    ["", "ours: `useJob`", "official: naive `useState` per event (no official binding)", "ours/official"],
    [
      [
        "progress messages",
        cell(ours, (r) => int(r.progressMessages)),
        cell(official, (r) => int(r.progressMessages)),
        "",
      ],
      [
        "messages / s",
        cell(ours, (r) => int(r.messagesPerSecond)),
        cell(official, (r) => int(r.messagesPerSecond)),
        "",
      ],
      [
        "animation frames elapsed",
        cell(ours, (r) => int(r.frames)),
        cell(official, (r) => int(r.frames)),
        "",
      ],
      [
        "renders",
        cell(ours, (r) => int(r.renders)),
        cell(official, (r) => int(r.renders)),
        ours.ok && official.ok ? ratio(ours.renders, official.renders) : "—",
      ],
      [
        "**max renders in one frame** (target ≤ 1)",
        cell(ours, (r) => `${r.maxRendersPerFrame} ${verdict(r.maxRendersPerFrame <= 1)}`),
        cell(official, (r) => `${r.maxRendersPerFrame}`),
        "",
      ],
      [
        "frames with > 1 render",
        cell(ours, (r) => int(r.framesWithMoreThanOneRender)),
        cell(official, (r) => int(r.framesWithMoreThanOneRender)),
        "",
      ],
    ],
  );
}

// ---------- 7–8: what the server does after a cancel (the work app: /work takes 1.5 s, one job at a time) ----------
const TYPED = "abcdefghij";

async function workCall(url, name) {
  const response = await fetch(`${url}/gradio_api/run/${name}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ data: [] }),
  });
  if (!response.ok) throw new Error(`POST ${url}/gradio_api/run/${name}: HTTP ${response.status}`);
  return (await response.json()).data[0];
}

/** Waits until nothing waits in the queue and nothing of the run log runs (5.x runs a cancelled waiting job late). */
async function workQuiet(url, timeoutMs = 45_000) {
  const deadline = now() + timeoutMs;
  for (;;) {
    const status = await (await fetch(`${url}/gradio_api/queue/status`)).json();
    const running = (await workCall(url, "runs")).filter((run) => run.outcome === "running").length;
    if (status.queue_size + running === 0) return;
    if (now() > deadline) throw new Error(`${url}: still busy after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Benchmark 7's "cancel → B's result" cell: the median, and the rounds in which B's result never arrived. */
function bResultCell(rounds) {
  const arrived = rounds.map((x) => x.doneAfterMs).filter((v) => v !== null);
  const lost = rounds.filter((x) => x.doneAfterMs === null);
  const median = arrived.length ? `${int(percentile(arrived, 50))} ms` : "—";
  if (lost.length === 0) return median;
  return `${median}; **never arrived in ${lost.length} of ${rounds.length} rounds** (after 6 s: \`${firstLine(lost[0].bResult)}\`)`;
}

async function benchCancel() {
  const targets = [];
  const work = await startTestServer({ app: "work", timeScale: 1, version: BENCH_GRADIO });
  targets.push({ name: "test server", url: work.url, stop: () => work.close() });
  let realNote = "";
  try {
    const real = await startRealGradio("work", "6.25.0");
    targets.push({ name: "Gradio 6.25.0", url: real.url, stop: () => real.stop() });
  } catch (error) {
    realNote = `Real Gradio 6.25 did not run: ${firstLine(error?.message ?? error)}`;
  }
  const cancelVariants = [
    ["ours", false, "ours: `submit` B, then `cancel()` A"],
    ["ours", true, "ours: B with `isolate: true` (what useJob asks for)"],
    ["official", false, "official: `submit` B, then `cancel()` A"],
  ];
  const typingVariants = [
    ["ours", "ours: `submit`, then `cancel()` the previous"],
    ["official", "official: `submit`, then `cancel()` the previous"],
  ];
  const cancelRows = [];
  const typingRows = [];
  results.cancel = { cancel: [], typing: [], realNote };
  try {
    for (const target of targets) {
      for (const [client, isolate, label] of cancelVariants) {
        await workCall(target.url, "reset_runs");
        const r = await runChild("worker.mjs", {
          scenario: "cancelNext",
          client,
          url: target.url,
          params: { rounds: N.cancelRounds, isolate },
        });
        if (!r.ok) {
          cancelRows.push([target.name, label, `failed: \`${firstLine(r.error)}\``, "", "", ""]);
          continue;
        }
        await workQuiet(target.url);
        const log = await workCall(target.url, "runs");
        const rounds = r.records.map((record) => {
          const a = log.find((run) => run.text === `A${record.round}`);
          const b = log.find((run) => run.text === `B${record.round}`);
          return {
            ...record,
            startMs: b ? b.started * 1000 - record.cancelledAt : null,
            aOutcome: a?.outcome,
          };
        });
        results.cancel.cancel.push({ target: target.name, client, isolate, rounds });
        const later = rounds.slice(1);
        const ms = (v) => (v === null || v === undefined ? "—" : `${int(v)} ms`);
        cancelRows.push([
          target.name,
          label,
          ms(rounds[0].startMs),
          `${ms(
            percentile(
              later.map((x) => x.startMs).filter((v) => v !== null),
              50,
            ),
          )} (${later.map((x) => int(x.startMs)).join(", ")})`,
          bResultCell(rounds),
          rounds
            .map((x) => (x.aOutcome === "completed" ? "yes" : x.aOutcome === "cancelled" ? "no" : "?"))
            .join(", "),
        ]);
      }
      for (const [client, label] of typingVariants) {
        const rounds = [];
        for (let round = 0; round < N.typingRounds; round++) {
          await workCall(target.url, "reset_runs");
          const r = await runChild("worker.mjs", {
            scenario: "typing",
            client,
            url: target.url,
            params: { text: TYPED },
          });
          if (!r.ok) {
            rounds.push({ error: r.error });
            continue;
          }
          await workQuiet(target.url);
          const log = (await workCall(target.url, "runs")).filter((run) => run.fn === "/work");
          const superseded = log.filter((run) => run.text !== TYPED);
          rounds.push({
            delayMs: r.delayMs,
            arrived: r.arrived,
            result: r.result,
            started: superseded.length,
            completed: superseded.filter((run) => run.outcome === "completed").length,
          });
        }
        results.cancel.typing.push({ target: target.name, client, rounds });
        const good = rounds.filter((x) => !x.error);
        const failed = rounds.find((x) => x.error);
        const delays = good.map((x) => x.delayMs).filter((v) => v !== null);
        // The targets are issue #13's, for ours; the official client's figures are shown for comparison.
        const mark = (ok) => (client === "ours" ? verdict(ok) : "");
        typingRows.push([
          target.name,
          label,
          failed && good.length === 0
            ? `failed: \`${firstLine(failed.error)}\``
            : `${delays.length < good.length ? `**final result never arrived in ${good.length - delays.length} of ${good.length} rounds** (within 17 s); ` : ""}${delays.length ? `${int(percentile(delays, 50))} ms` : "—"} (${good.map((x) => (x.delayMs === null ? "never" : int(x.delayMs))).join(", ")}) ${mark(delays.length === good.length && delays.every((d) => d <= 3500))}`,
          `${good.map((x) => x.completed).join(", ")} ${mark(good.every((x) => x.completed <= 1))}`,
          good.map((x) => x.started).join(", "),
        ]);
      }
    }
  } finally {
    for (const target of targets) await target.stop();
  }
  out(
    `## 7. Server work after cancel: job A of \`/work\` (1.5 s, \`concurrency_limit=1\`) runs, B of the same function waits behind it, A is cancelled (${N.cancelRounds} rounds on one client, one after the other)`,
  );
  out();
  table(
    [
      "server",
      "client",
      "cancel → B starts on the server, round 1 (first cancel of `/work` on the client)",
      "… later rounds: median (each)",
      "cancel → B's result in the client (median)",
      "A ran to its end on the server (each round)",
    ],
    cancelRows,
  );
  out(
    "When B starts is read from the app's run log (`/runs`: start and end of every run, server clock); the cancel time is taken in the client's process on the same machine. Without a cancel that reaches the server, B starts only when A ends (~1.2 s after the cancel here).",
  );
  if (realNote) out(realNote);
  out();
  out(
    `## 8. Typing into a prompt: ${TYPED.length} characters 100 ms apart, one \`/work\` job per keystroke, the previous one cancelled (Node; ${N.typingRounds} rounds, a fresh client each)`,
  );
  out();
  table(
    [
      "server",
      "client",
      "last keystroke → final result: median (each) (target ≤ 3,500 ms)",
      "superseded jobs that ran to their end on the server (each round; target ≤ 1)",
      "superseded jobs started on the server (each round)",
    ],
    typingRows,
  );
  out(
    "The same code for both clients: submit the new text, then cancel the previous job. In Chromium, the same scenario through `useJob` is an e2e test (`e2e/tests/cancel.spec.ts`), on the test server and on real Gradio 5.45 and 6.25.",
  );
  out();
}

// ---------- main ----------
function git(args) {
  try {
    return execFileSync("git", args, { cwd: repoDir, encoding: "utf8" }).trim();
  } catch {
    return "?";
  }
}
function versionOf(path) {
  try {
    return JSON.parse(readFileSync(join(repoDir, path), "utf8")).version;
  } catch {
    return "?";
  }
}

const command = `corepack pnpm bench${argv.length ? ` ${argv.join(" ")}` : ""}`;
if (!flag("no-build")) {
  console.error("Building @gradio-jobs/core, react, vue (pass --no-build to measure the dist/ as it is)…");
  const built = spawnSync(
    "corepack",
    [
      "pnpm",
      "--filter",
      "@gradio-jobs/core",
      "--filter",
      "@gradio-jobs/react",
      "--filter",
      "@gradio-jobs/vue",
      "run",
      "build",
    ],
    { cwd: repoDir, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" },
  );
  if (built.status !== 0)
    console.error(`Build failed; measuring the existing dist/.\n${built.stderr.slice(-2000)}`);
}

takeSnapshot();
const started = now();
const dirty = git(["status", "--porcelain", "--", "packages"]) ? " (packages/ has uncommitted changes)" : "";
const header = [
  `- date: ${new Date().toISOString()}`,
  `- machine: ${os.cpus()[0]?.model ?? "?"} × ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}`,
  `- node ${process.version}; @gradio-jobs/core ${versionOf("bench/node_modules/.bench-snapshot/core/package.json")} (dist/ as built at the start of the run) at ${git(["rev-parse", "--short", "HEAD"])}${dirty}; @gradio/client ${versionOf("bench/node_modules/@gradio/client/package.json")}; esbuild ${versionOf("bench/node_modules/esbuild/package.json")}; react ${versionOf("bench/node_modules/react/package.json")}; jsdom ${versionOf("bench/node_modules/jsdom/package.json")}`,
  `- test server: @gradio-jobs/test-server in the bench process, sse_v3 / Gradio ${BENCH_GRADIO} dialect, \`timeScale: 0\`; each client in its own child process`,
  `- command: \`${command}\``,
];
for (const line of header) out(line);
out();

try {
  if (only.includes("size")) await benchSize();
  if (only.some((b) => !["size", "browser", "cancel"].includes(b))) await startServer();
  if (only.includes("overhead")) await benchOverhead();
  if (only.includes("browser")) await benchBrowser();
  if (only.includes("concurrency")) await benchConcurrency();
  if (only.includes("stream")) await benchStream();
  if (only.includes("memory")) await benchMemory();
  if (only.includes("react")) await benchReact();
  if (only.includes("cancel")) await benchCancel();
} finally {
  await server?.close();
}
out(`_Total bench time: ${dec((now() - started) / 1000, 0)} s._`);

const rawPath = join(os.tmpdir(), "gradio-jobs-bench", "results.json");
mkdirSync(dirname(rawPath), { recursive: true });
writeFileSync(
  rawPath,
  `${JSON.stringify(results, (k, v) => (k === "code" || k === "metafile" || k === "records" ? undefined : v), 2)}\n`,
);
console.error(`Raw figures: ${rawPath}`);
if (write) {
  const path = join(benchDir, "RESULTS.md");
  const text = readFileSync(path, "utf8");
  const start = "<!-- bench:results:start -->";
  const end = "<!-- bench:results:end -->";
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i < 0 || j < 0) throw new Error(`RESULTS.md has no ${start} … ${end} block`);
  writeFileSync(path, `${text.slice(0, i + start.length)}\n${lines.join("\n")}\n${text.slice(j)}`);
  console.error(`Wrote the results block of ${path}.`);
}
