/**
 * Benchmark 2b: client overhead per job in real Chromium (issue #7). The same measurement as benchmark 2 (N sequential
 * submit→result on the instant `/predict` endpoint), in a browser page, where fetch and streams are native code and
 * the JavaScript each client runs itself is what differs.
 *
 * - Three browser ESM bundles, made by esbuild with size.mjs's BUNDLE_SETTINGS (minified, as shipped to users):
 *   ours (`@gradio-jobs/core` from the run's snapshot of dist/, see snapshot.mjs), the official `@gradio/client`
 *   (its `browser` export) and the raw-fetch baseline (browser/floor.js: lib/clients.mjs's "floor", in the page).
 *   All three run the same loop (browser/harness.js).
 * - A test server of its own (`timeScale: 0`, this process) and a tiny node:http server on another port serving a
 *   blank page per client and its bundle. The page is cross-origin to the app (as for a site calling a Space): the
 *   test server answers CORS as Gradio does and Chromium caches the preflights (`max-age=600`), so none is sent
 *   after the warm-up (counted and reported).
 * - Headless Chromium launched by Playwright (`/usr/bin/chromium`, or CHROMIUM_PATH). The measured pages are NOT
 *   Playwright pages: Playwright enables the Network, Page and Runtime domains on every page it manages, and the
 *   Network agent alone makes each `fetch()` in the page markedly dearer (it records every request and its
 *   initiator), which no user pays. Each client gets a browser context (so a renderer process) created through
 *   a browser-level CDP session (`Target.createBrowserContext` / `Target.createTarget`; Playwright detaches from
 *   targets of contexts it did not create) and is driven through a session of ours on its target with only the
 *   Performance domain on (and Page while loading, Profiler in the profiled rounds).
 * - Per client: connect, warm up; then R rounds of N jobs, the clients in rotating order round after round (so
 *   machine drift hits all three alike). Per round: the deltas of `Performance.getMetrics` (ScriptDuration,
 *   TaskDuration, ThreadTime; seconds) and the wall time measured in the page. Then P rounds under V8's sampling
 *   profiler (100 µs), which attributes main-thread time to the bundle's own functions, to Web APIs called from JS,
 *   to GC and to the rest.
 *
 * `measureBrowserOverhead()` expects the snapshot to exist (run.mjs takes it first). Standalone:
 *   node --import tsx bench/lib/browser-overhead.mjs [--quick]   (snapshots packages/*\/dist first; prints JSON)
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:http";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { startTestServer } from "@gradio-jobs/test-server";
import { chromium } from "@playwright/test";
import { build } from "esbuild";
import { BENCH_GRADIO } from "./server-version.mjs";
import { BUNDLE_SETTINGS } from "./size.mjs";
import { hasSnapshot, snapshotPlugin, takeSnapshot } from "./snapshot.mjs";

const browserDir = join(dirname(fileURLToPath(import.meta.url)), "browser");
export const KINDS = ["floor", "ours", "official"];
const METRICS = { script: "ScriptDuration", task: "TaskDuration", thread: "ThreadTime" };
const PROFILE_KEYS = ["bundle", "webApi", "gc", "program"];
const SAMPLING_INTERVAL_US = 100;
const ROUND_TIMEOUT_MS = 120_000;

/** Chromium as the e2e tests use it: Debian's package; installed with apt-get when missing and running as root. */
function chromiumPath() {
  const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (existsSync(path)) return path;
  const canInstall =
    process.getuid?.() === 0 && spawnSync("apt-get", ["--version"], { stdio: "ignore" }).status === 0;
  if (!process.env.CHROMIUM_PATH && canInstall) {
    console.error("[bench] Chromium is missing: apt-get install -y chromium");
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    spawnSync("apt-get", ["update", "-qq"], { stdio: "ignore", env });
    spawnSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "ignore", env });
    if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  }
  throw new Error(
    `Chromium is not installed at ${path}. Install Debian's package as root (apt-get update && apt-get install -y chromium), or point CHROMIUM_PATH at a Chromium binary (Playwright's own browser download does not work here).`,
  );
}

/** The three page scripts: browser ESM, minified, ours from the snapshot. */
async function bundleClients() {
  const entries = await Promise.all(
    KINDS.map(async (kind) => {
      const result = await build({
        ...BUNDLE_SETTINGS,
        metafile: false,
        entryPoints: [join(browserDir, `${kind}.js`)],
        plugins: [snapshotPlugin],
      });
      return [kind, result.outputFiles[0].text];
    }),
  );
  return Object.fromEntries(entries);
}

/** Serves `/{kind}.html` (a blank page loading the bundle) and `/{kind}.js` on 127.0.0.1. */
async function startPageServer(bundles) {
  const pages = createServer((request, response) => {
    const match = /^\/(\w+)\.(html|js)$/.exec(request.url ?? "");
    const kind = match?.[1];
    if (!match || !Object.hasOwn(bundles, kind)) {
      response.writeHead(404, { "content-type": "text/plain" });
      response.end("not found");
      return;
    }
    if (match[2] === "js") {
      response.writeHead(200, {
        "content-type": "text/javascript; charset=utf-8",
        "cache-control": "no-store",
      });
      response.end(bundles[kind]);
      return;
    }
    response.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
    response.end(
      `<!doctype html><html><head><meta charset="utf-8"><title>bench ${kind}</title><link rel="icon" href="data:,"><script type="module" src="/${kind}.js"></script></head><body></body></html>`,
    );
  });
  await new Promise((resolve, reject) => {
    pages.once("error", reject);
    pages.listen(0, "127.0.0.1", resolve);
  });
  return {
    url: `http://127.0.0.1:${pages.address().port}`,
    close: () =>
      new Promise((resolve) => {
        pages.closeAllConnections();
        pages.close(() => resolve());
      }),
  };
}

function withTimeout(promise, ms, label) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${label}: no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * A CDP session on one page target, carried by Playwright's browser-level session (`Target.sendMessageToTarget` /
 * `Target.receivedMessageFromTarget`), so Playwright instruments nothing in the page.
 */
class PageSession {
  static #byId = new Map();
  static #installed = new WeakSet();

  /** Creates a browser context with one blank page in it and attaches to the page. */
  static async open(browserSession) {
    if (!PageSession.#installed.has(browserSession)) {
      PageSession.#installed.add(browserSession);
      browserSession.on("Target.receivedMessageFromTarget", ({ sessionId, message }) =>
        PageSession.#byId.get(sessionId)?.#receive(JSON.parse(message)),
      );
      browserSession.on("Target.detachedFromTarget", ({ sessionId }) =>
        PageSession.#byId.get(sessionId)?.#detached(),
      );
    }
    const { browserContextId } = await browserSession.send("Target.createBrowserContext");
    const { targetId } = await browserSession.send("Target.createTarget", {
      url: "about:blank",
      browserContextId,
    });
    const { sessionId } = await browserSession.send("Target.attachToTarget", { targetId, flatten: false });
    const page = new PageSession(browserSession, sessionId);
    PageSession.#byId.set(sessionId, page);
    return page;
  }

  #browserSession;
  #sessionId;
  #nextId = 1;
  #pending = new Map();
  #listeners = new Map();
  #closed = false;

  constructor(browserSession, sessionId) {
    this.#browserSession = browserSession;
    this.#sessionId = sessionId;
  }

  send(method, params = {}) {
    if (this.#closed) return Promise.reject(new Error(`${method}: the page is gone`));
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, method });
      this.#browserSession
        .send("Target.sendMessageToTarget", {
          sessionId: this.#sessionId,
          message: JSON.stringify({ id, method, params }),
        })
        .catch((error) => {
          this.#pending.delete(id);
          reject(error);
        });
    });
  }

  /** Resolves with the params of the next `event`. */
  next(event) {
    return new Promise((resolve) => this.#listeners.set(event, resolve));
  }

  /** Evaluates `expression` in the page, awaiting its promise; throws the page's exception. */
  async evaluate(expression) {
    const reply = await this.send("Runtime.evaluate", {
      expression,
      awaitPromise: true,
      returnByValue: true,
    });
    if (reply.exceptionDetails) {
      const { exception, text } = reply.exceptionDetails;
      throw new Error(exception?.description ?? exception?.value ?? text);
    }
    return reply.result.value;
  }

  #receive(message) {
    if (message.id !== undefined) {
      const waiting = this.#pending.get(message.id);
      if (!waiting) return;
      this.#pending.delete(message.id);
      if (message.error) waiting.reject(new Error(`${waiting.method}: ${message.error.message}`));
      else waiting.resolve(message.result);
      return;
    }
    const listener = this.#listeners.get(message.method);
    if (listener) {
      this.#listeners.delete(message.method);
      listener(message.params);
    }
  }

  #detached() {
    this.#closed = true;
    PageSession.#byId.delete(this.#sessionId);
    for (const { reject, method } of this.#pending.values())
      reject(new Error(`${method}: the page went away`));
    this.#pending.clear();
  }
}

const median = (values) => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(sorted.length / 2) - 1];
};

/**
 * Main-thread time of one profile by where it went (µs): the bundle's own functions (`bundle`), Web APIs called
 * from JS (`webApi`: fetch, stream reads, TextDecoder, setTimeout… — native frames with no script), `gc`, and
 * `program` (the renderer's work outside JS: IPC, network responses, tasks). Each sample counts until the next.
 */
function profileBreakdown(profile, bundleUrl) {
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const totals = { bundle: 0, webApi: 0, gc: 0, program: 0 };
  const apis = {};
  for (let i = 0; i < profile.samples.length; i++) {
    const duration = profile.timeDeltas[i + 1] ?? 0;
    const { functionName, url } = frames.get(profile.samples[i]);
    if (url === bundleUrl) totals.bundle += duration;
    else if (functionName === "(garbage collector)") totals.gc += duration;
    else if (functionName === "(program)") totals.program += duration;
    else if (functionName !== "(idle)" && functionName !== "(root)" && url === "") {
      totals.webApi += duration;
      const name = functionName || "(anonymous)";
      apis[name] = (apis[name] ?? 0) + duration;
    }
  }
  return { totals, apis };
}

/**
 * Runs the benchmark; figures are µs per job. Returns `{ chromium, bundleBytes, preflights, clients }`, each client
 * `{ ok, script, task, thread, wall, bundle, webApi, gc, program, requestsPerJob, rounds: {…: number[]}, profiles,
 * topWebApis, scriptAbove, taskAbove, threadAbove }` or `{ ok: false, error }`.
 *
 * @param {{ warmup: number, rounds: number, jobs: number, profiledRounds: number, log?: (line: string) => void }} params
 */
export async function measureBrowserOverhead({ warmup, rounds, jobs, profiledRounds, log = () => {} }) {
  if (!hasSnapshot()) throw new Error("no snapshot of dist/: call takeSnapshot() first");
  const executablePath = chromiumPath();
  const bundles = await bundleClients();
  const server = await startTestServer({ timeScale: 0, version: BENCH_GRADIO });
  let requests = 0;
  let preflights = 0;
  server.events.on("request", (request) => {
    requests++;
    if (request.method === "OPTIONS") preflights++;
  });
  const pageServer = await startPageServer(bundles);
  let browser;
  let version = "?";
  let preflightsMeasured = 0;
  const clients = {};
  const fail = (entry, error) => Object.assign(entry, { ok: false, error: String(error?.message ?? error) });
  try {
    browser = await chromium.launch({
      executablePath,
      headless: true,
      // As in e2e/playwright.config.ts: the machine's network is closed, keep Chromium from calling home.
      args: [
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    });
    version = browser.version();
    const browserSession = await browser.newBrowserCDPSession();

    // Each client in a browser context (a renderer process) of its own: load, connect, warm up.
    for (const kind of KINDS) {
      const entry = { kind, ok: true, error: null, rounds: [], profiles: [], apis: {} };
      clients[kind] = entry;
      try {
        const page = await PageSession.open(browserSession);
        entry.page = page;
        await page.send("Page.enable");
        const loaded = page.next("Page.loadEventFired");
        const { errorText } = await page.send("Page.navigate", { url: `${pageServer.url}/${kind}.html` });
        if (errorText) throw new Error(`loading the page: ${errorText}`);
        await withTimeout(loaded, ROUND_TIMEOUT_MS, `${kind} page load`);
        await page.send("Page.disable");
        if ((await page.evaluate("typeof globalThis.bench")) !== "object")
          throw new Error("the bundle did not load");
        await page.send("Performance.enable");
        const evaluate = (expression, label) =>
          withTimeout(page.evaluate(expression), ROUND_TIMEOUT_MS, label);
        entry.evaluate = evaluate;
        await evaluate(`bench.connect(${JSON.stringify(server.url)})`, `${kind} connect`);
        await evaluate(`bench.run(${warmup})`, `${kind} warm-up`);
        log(`[browser] ${kind}: connected, ${warmup} warm-up jobs done`);
      } catch (error) {
        fail(entry, error);
      }
    }

    const metrics = async (page) => {
      const { metrics: list } = await page.send("Performance.getMetrics");
      const values = Object.fromEntries(list.map((m) => [m.name, m.value]));
      return Object.fromEntries(Object.entries(METRICS).map(([key, name]) => [key, values[name]]));
    };
    const perJob = (us) => us / jobs;
    for (let round = 0; round < rounds; round++) {
      for (let k = 0; k < KINDS.length; k++) {
        const entry = clients[KINDS[(round + k) % KINDS.length]];
        if (!entry.ok) continue;
        try {
          server.stats.requests.length = 0;
          const before = await metrics(entry.page);
          const requests0 = requests;
          const preflights0 = preflights;
          const wallMs = await entry.evaluate(`bench.run(${jobs})`, `${entry.kind} round ${round + 1}`);
          const after = await metrics(entry.page);
          const requestsPerJob = (requests - requests0 - (preflights - preflights0)) / jobs;
          preflightsMeasured += preflights - preflights0;
          entry.rounds.push({
            ...Object.fromEntries(
              Object.keys(METRICS).map((key) => [key, perJob((after[key] - before[key]) * 1e6)]),
            ),
            wall: perJob(wallMs * 1000),
            requestsPerJob,
          });
        } catch (error) {
          fail(entry, error);
        }
      }
      log(`[browser] round ${round + 1}/${rounds} done`);
    }

    // Profiled rounds (the profiler costs time of its own, so they are not part of the figures above).
    for (const entry of Object.values(clients)) {
      if (!entry.ok || profiledRounds === 0) continue;
      try {
        await entry.page.send("Profiler.enable");
        await entry.page.send("Profiler.setSamplingInterval", { interval: SAMPLING_INTERVAL_US });
      } catch (error) {
        fail(entry, error);
      }
    }
    for (let round = 0; round < profiledRounds; round++) {
      for (let k = 0; k < KINDS.length; k++) {
        const entry = clients[KINDS[(round + k) % KINDS.length]];
        if (!entry.ok) continue;
        try {
          await entry.page.send("Profiler.start");
          await entry.evaluate(`bench.run(${jobs})`, `${entry.kind} profiled round ${round + 1}`);
          const { profile } = await entry.page.send("Profiler.stop");
          const { totals, apis } = profileBreakdown(profile, `${pageServer.url}/${entry.kind}.js`);
          entry.profiles.push(Object.fromEntries(PROFILE_KEYS.map((key) => [key, perJob(totals[key])])));
          for (const [name, us] of Object.entries(apis)) {
            entry.apis[name] = (entry.apis[name] ?? 0) + perJob(us) / profiledRounds;
          }
        } catch (error) {
          fail(entry, error);
        }
      }
      log(`[browser] profiled round ${round + 1}/${profiledRounds} done`);
    }
    for (const entry of Object.values(clients)) {
      if (entry.ok) await entry.evaluate("bench.close()", `${entry.kind} close`).catch(() => {});
    }
  } finally {
    await browser?.close();
    await pageServer.close();
    await server.close();
  }

  // Medians of the rounds; "above the baseline": per round, the client's figure minus the baseline's of the same
  // round (they ran back to back), then the median over rounds.
  const summary = {};
  const keys = [...Object.keys(METRICS), "wall", "requestsPerJob"];
  for (const kind of KINDS) {
    const { ok, error, rounds: list, profiles, apis } = clients[kind];
    if (!ok || list.length === 0) {
      summary[kind] = { ok: false, error: error ?? "no round completed" };
      continue;
    }
    summary[kind] = {
      ok: true,
      ...Object.fromEntries(keys.map((key) => [key, median(list.map((r) => r[key]))])),
      ...Object.fromEntries(PROFILE_KEYS.map((key) => [key, median(profiles.map((p) => p[key]))])),
      rounds: Object.fromEntries(keys.map((key) => [key, list.map((r) => r[key])])),
      profiles,
      // Web APIs by self time (µs/job, mean of the profiled rounds), largest first.
      topWebApis: Object.entries(apis)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 6)
        .map(([name, us]) => ({ name, us })),
    };
  }
  const floor = summary.floor;
  for (const kind of ["ours", "official"]) {
    const entry = summary[kind];
    if (!entry.ok || !floor.ok || floor.rounds.script.length !== entry.rounds.script.length) continue;
    for (const key of Object.keys(METRICS)) {
      const diffs = entry.rounds[key].map((value, i) => value - floor.rounds[key][i]);
      entry[`${key}Above`] = median(diffs);
      entry.rounds[`${key}Above`] = diffs;
    }
  }
  return {
    chromium: version,
    bundleBytes: Object.fromEntries(Object.entries(bundles).map(([kind, code]) => [kind, code.length])),
    preflights: preflightsMeasured,
    clients: summary,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const quick = process.argv.includes("--quick");
  takeSnapshot();
  const result = await measureBrowserOverhead({
    warmup: quick ? 50 : 200,
    rounds: quick ? 2 : 5,
    jobs: quick ? 100 : 500,
    profiledRounds: quick ? 1 : 2,
    log: (line) => console.error(line),
  });
  console.log(JSON.stringify(result, null, 2));
}
