/**
 * What the cancel tests share: the work app (`conformance/apps/work.py`, and the test server's twin) read over plain
 * HTTP — its run log says what really ran on the server — and the servers that run it: the e2e run's work test
 * server (`e2e/server.ts`) and real Gradio builds, started on first use and reused by every later test.
 */
import { request as httpRequest } from "node:http";
import type { Page } from "@playwright/test";
import { controlUrl, workUrl } from "../ports.js";
import { type RealGradioServer, startRealGradio } from "../real-gradio.js";
import { test as base, expect } from "./helpers.js";

/** One started run of the work app's run log (epoch seconds). */
export interface Run {
  fn: string;
  text: string;
  session: string;
  started: number;
  ended: number | null;
  outcome: "running" | "completed" | "cancelled";
}

/**
 * One request, on a connection of its own that closes with the answer (`agent: false`): the test's own requests
 * must not hold idle keep-alive sockets that the work test server would count as the page's connections.
 */
function request(url: string, method = "GET", body?: unknown): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const outgoing = httpRequest(
      url,
      {
        method,
        agent: false,
        headers: { connection: "close", ...(data ? { "content-type": "application/json" } : {}) },
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          text += chunk;
        });
        response.on("end", () => {
          try {
            resolve({ status: response.statusCode ?? 0, json: JSON.parse(text) });
          } catch (error) {
            reject(new Error(`${method} ${url}: not JSON (${String(error)}): ${text.slice(0, 200)}`));
          }
        });
      },
    );
    outgoing.on("error", reject);
    outgoing.end(data);
  });
}

/** `POST {P}/run/{name}`: the log endpoints have no concurrency limit, so this never waits behind `/work`. */
async function call(url: string, name: string): Promise<unknown> {
  const { status, json } = await request(`${url}/gradio_api/run/${name}`, "POST", { data: [] });
  if (status !== 200) throw new Error(`POST ${url}/gradio_api/run/${name}: HTTP ${status}`);
  return (json as { data: unknown[] }).data[0];
}

export const runs = (url: string) => call(url, "runs") as Promise<Run[]>;
/** Clears the run log and the list of unloaded sessions. */
export const resetRuns = (url: string) => call(url, "reset_runs");
/** Sessions whose `demo.unload` listener ran. */
export const unloaded = async (url: string) =>
  ((await call(url, "unloaded")) as { unloaded: string[] }).unloaded;

/** Jobs waiting in the app's queue (`GET {P}/queue/status`). */
async function queueSize(url: string): Promise<number> {
  return ((await request(`${url}/gradio_api/queue/status`)).json as { queue_size: number }).queue_size;
}

/**
 * Waits until nothing waits in the app's queue and nothing of the run log is still running, so that the log also
 * shows superseded jobs that the server kept and ran late (Gradio 5.x keeps a cancelled waiting job queued).
 */
export async function serverQuiet(url: string, timeout = 30_000): Promise<void> {
  await expect
    .poll(
      async () => (await queueSize(url)) + (await runs(url)).filter((r) => r.outcome === "running").length,
      { timeout, message: `${url}: nothing waiting or running` },
    )
    .toBe(0);
}

/** What the e2e run's work test server counted (see e2e/server.ts). */
export interface WorkStats {
  pendingEvents: number;
  runningJobs: number;
  peakOpenStreams: number;
  peakStreamsAndHeartbeats: number;
  openConnections: number;
  peakOpenConnections: number;
  cancels: number;
  unloads: string[];
}

export async function workStats(): Promise<WorkStats> {
  return (await fetch(`${controlUrl}/work/stats`)).json() as Promise<WorkStats>;
}

/** Starts the work test server's peaks from what is open now. */
export async function resetWorkStats(): Promise<void> {
  await fetch(`${controlUrl}/work/reset`, { method: "POST" });
}

/** Opens the cancel page on the work app at `url` and waits until it is connected. */
export async function openCancelPage(page: Page, url: string): Promise<void> {
  await page.goto(`/cancel/?work=${encodeURIComponent(url)}`);
  await expect(page.getByTestId("connection")).toHaveAttribute("data-state", "connected");
}

/** Prints a measured figure and keeps it with the test's results (annotation `measured`). */
export function report(text: string): void {
  console.log(`  measured: ${text}`);
  base.info().annotations.push({ type: "measured", description: text });
}

/** A real Gradio server for the whole worker: started when a test first needs it, stopped when the run ends. */
function realGradio(app: string, version: string) {
  const fixture: [
    (args: object, use: (server: RealGradioServer) => Promise<void>) => Promise<void>,
    { scope: "worker"; timeout: number },
  ] = [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern
    async ({}, use: (server: RealGradioServer) => Promise<void>) => {
      const server = await startRealGradio(app, version);
      try {
        await use(server);
      } finally {
        await server.stop();
      }
    },
    // The first setup.sh of a machine installs all builds (~70 s); later ones take under a second.
    { scope: "worker", timeout: 300_000 },
  ];
  return fixture;
}

/**
 * `test` (helpers.ts) plus the real-Gradio servers as worker fixtures, and an automatic one that starts every
 * test once the work test server is idle.
 */
export const test = base.extend<
  { workIdle: undefined },
  { gradio625: RealGradioServer; gradio545: RealGradioServer; gradio625Detect: RealGradioServer }
>({
  workIdle: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern
    async ({}, use) => {
      await expect
        .poll(async () => {
          const stats = await workStats();
          return stats.pendingEvents + stats.runningJobs;
        })
        .toBe(0);
      await use(undefined);
    },
    { auto: true },
  ],
  gradio625: realGradio("work", "6.25.0"),
  gradio545: realGradio("work", "5.45.0"),
  gradio625Detect: realGradio("work_detect_disconnect", "6.25.0"),
});

export { expect, workUrl };
