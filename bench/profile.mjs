#!/usr/bin/env node
/**
 * CPU profile of one benchmark scenario for one or both clients: the same child process as run.mjs, started with
 * `--cpu-prof`, then a summary of where its CPU went (self time by function, and by area: our core, the official
 * client, undici/fetch + web streams, GC, the rest of Node).
 *
 *   node --import tsx bench/profile.mjs [sequential|burst|stream] [ours|official|floor|both|all] [--jobs N] [--view|--outputs]
 *
 * `both` is ours and official, `all` adds the raw-fetch baseline (`floor`, lib/floor-client.js). For `stream`, a
 * second summary covers only the measured stream (after connect and the warm-up stream); `--view` subscribes a
 * `jobView` to our job as useJob does, `--outputs` subscribes to its `$outputs` directly.
 *
 * Profiles are written to $TMPDIR/gradio-jobs-bench/profiles/ (open them in Chrome DevTools → Performance, or
 * speedscope). Our packages come from the snapshot of the last bench run (bench/node_modules/.bench-snapshot); pass
 * --snapshot to copy the current dist/ first.
 */
import { fork } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startTestServer } from "@gradio-jobs/test-server";
import { BENCH_GRADIO } from "./lib/server-version.mjs";
import { hasSnapshot, snapshotDir, takeSnapshot } from "./lib/snapshot.mjs";

const benchDir = dirname(fileURLToPath(import.meta.url));
const [scenario = "sequential", which = "both"] = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const jobsIndex = process.argv.indexOf("--jobs");
const jobs = jobsIndex > 0 ? Number(process.argv[jobsIndex + 1]) : undefined;
const params = {
  sequential: { warmup: 300, jobs: jobs ?? 4000 },
  burst: { jobs: jobs ?? 1000 },
  stream: {
    steps: jobs ?? 5000,
    mode: process.argv.includes("--view")
      ? "view"
      : process.argv.includes("--outputs")
        ? "outputs"
        : "callback",
  },
}[scenario];

if (!hasSnapshot() || process.argv.includes("--snapshot")) takeSnapshot();
const server = await startTestServer({ timeScale: 0, version: BENCH_GRADIO });
if (scenario === "burst") {
  // Counted for every session: a job may start before the child's "ready" message is processed here.
  const started = new Map();
  let target = null;
  const releaseIfReady = () => {
    if (target === null || started.get(target) !== params.jobs) return;
    for (let i = 0; i < params.jobs; i++) server.release(`${target}:${i}`);
    target = null;
  };
  server.events.on("job-start", (e) => {
    if (e.apiName !== "hold") return;
    started.set(e.sessionHash, (started.get(e.sessionHash) ?? 0) + 1);
    releaseIfReady();
  });
  server.events.on("__ready", (hash) => {
    target = hash;
    releaseIfReady();
  });
}

let readyHash = null;
let lastResult = null;
function profile(client) {
  const dir = join(tmpdir(), "gradio-jobs-bench", "profiles", `${scenario}-${client}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return new Promise((resolve, reject) => {
    const child = fork(
      join(benchDir, "lib", "worker.mjs"),
      [JSON.stringify({ scenario, client, url: server.url, params })],
      {
        execArgv: ["--expose-gc", "--cpu-prof", `--cpu-prof-dir=${dir}`, "--cpu-prof-interval=200"],
        env: { ...process.env, BENCH_SNAPSHOT: snapshotDir },
      },
    );
    child.on("message", (message) => {
      if (message.type === "ready") readyHash = message.sessionHash;
      if (message.type === "release") server.events.emit("__ready", readyHash);
      if (message.type === "error") reject(new Error(message.error));
      if (message.type === "result") lastResult = message.result;
    });
    child.on("exit", () => {
      const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
      if (!file) reject(new Error(`no profile in ${dir}`));
      else resolve(join(dir, file));
    });
  });
}

function area(url, name) {
  if (name === "(garbage collector)") return "GC";
  if (name === "(idle)") return "idle";
  if (name === "(program)") return "(program: V8/native)";
  if (
    url.includes("@gradio-jobs/core") ||
    url.includes("packages/core/dist") ||
    url.includes("snapshot/core")
  )
    return "ours: @gradio-jobs/core";
  if (url.includes("nanostores")) return "ours: nanostores";
  if (url.includes("@gradio/client")) return "official: @gradio/client";
  if (url.includes("undici")) return "undici (fetch)";
  if (url.includes("internal/webstreams")) return "web streams";
  if (url.includes("lib/worker.mjs") || url.includes("lib/clients.mjs")) return "bench harness";
  if (url.includes("lib/floor-client.js")) return "raw-fetch baseline";
  if (url === "") return "native / builtins";
  return "other Node internals";
}

function summarize(path, fromMs = null) {
  const profile = JSON.parse(readFileSync(path, "utf8"));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const counts = new Map();
  // Sample times are on the same monotonic clock as process.hrtime (µs): keep only those after `fromMs`.
  let t = profile.startTime;
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i];
    if (fromMs === null || t / 1000 >= fromMs) counts.set(id, (counts.get(id) ?? 0) + 1);
  });
  const interval = (profile.endTime - profile.startTime) / profile.samples.length / 1000; // ms per sample
  const areas = new Map();
  let total = 0;
  for (const [id, count] of counts) {
    const { callFrame } = byId.get(id);
    const name = callFrame.functionName || "(anonymous)";
    const a = area(callFrame.url, name);
    if (a === "idle") continue;
    const ms = count * interval;
    total += ms;
    areas.set(a, (areas.get(a) ?? 0) + ms);
    const key = `${name}  ${basename(callFrame.url) || "(native)"}:${callFrame.lineNumber + 1}  [${a}]`;
    self.set(key, (self.get(key) ?? 0) + ms);
  }
  const window =
    fromMs === null
      ? ""
      : scenario === "burst"
        ? " (phase 2 only: from the release of the burst)"
        : " (the measured stream only)";
  console.log(`\n${basename(dirname(path))}${window}: ${total.toFixed(0)} ms on CPU (idle excluded)`);
  for (const [a, ms] of [...areas].sort((x, y) => y[1] - x[1])) {
    console.log(`  ${((ms / total) * 100).toFixed(1).padStart(5)}%  ${ms.toFixed(0).padStart(6)} ms  ${a}`);
  }
  const own = [...self].filter(
    ([key]) =>
      key.includes("[ours: @gradio-jobs/core]") ||
      key.includes("[official: @gradio/client]") ||
      key.includes("[raw-fetch baseline]"),
  );
  console.log("  top self time in the client's own code:");
  for (const [key, ms] of own.sort((x, y) => y[1] - x[1]).slice(0, 12)) {
    console.log(`  ${((ms / total) * 100).toFixed(1).padStart(5)}%  ${ms.toFixed(1).padStart(7)} ms  ${key}`);
  }
  console.log("  top self time:");
  for (const [key, ms] of [...self].sort((x, y) => y[1] - x[1]).slice(0, 25)) {
    console.log(`  ${((ms / total) * 100).toFixed(1).padStart(5)}%  ${ms.toFixed(1).padStart(7)} ms  ${key}`);
  }
}

try {
  const clients = { both: ["ours", "official"], all: ["floor", "ours", "official"] }[which] ?? [which];
  for (const client of clients) {
    const path = await profile(client);
    summarize(path);
    if (scenario === "burst" && lastResult) summarize(path, lastResult.tAllJoined);
    if (scenario === "stream" && lastResult) summarize(path, lastResult.t0);
  }
} finally {
  await server.close();
}
