/**
 * Issue #13's numbers in Chromium: cancels reach the server at once, the stream budget holds, and a page that goes
 * away ends its session on the server. What the server did is read from the work app's run log (`/runs`), on the
 * e2e run's work test server (time scale 1: `/work` takes 1.5 s, one job at a time) and on real Gradio running
 * `conformance/apps/work.py`.
 */
import type { Page } from "@playwright/test";
import { screenshotPath } from "./helpers.js";
import {
  expect,
  openCancelPage,
  report,
  resetRuns,
  resetWorkStats,
  runs,
  serverQuiet,
  test,
  unloaded,
  workStats,
  workUrl,
} from "./work.js";

/** Ten characters, typed 100 ms apart into the cancel page's prompt (`useJob(client.submit("/work", [text]))`). */
const TYPED = "abcdefghij";

/** When each key went down and when the result showed each text, on the page's clock. */
function recordTimeline(): void {
  const timeline = { keys: [] as number[], results: [] as { at: number; text: string }[] };
  (window as unknown as { timeline: typeof timeline }).timeline = timeline;
  document.addEventListener("keydown", () => timeline.keys.push(performance.now()), true);
  new MutationObserver(() => {
    const text = document.querySelector("[data-testid=result]")?.textContent ?? "";
    if (text !== timeline.results.at(-1)?.text) timeline.results.push({ at: performance.now(), text });
  }).observe(document, { subtree: true, childList: true, characterData: true });
}

/**
 * Types TYPED into the prompt on the work app at `url`; checks that the last result shows ≤ 3.5 s after the last
 * keystroke and that at most one superseded job ran to its end on the server.
 */
async function typing(page: Page, url: string, server: string): Promise<void> {
  await resetRuns(url);
  await page.addInitScript(recordTimeline);
  await openCancelPage(page, url);
  await page.locator("#prompt").pressSequentially(TYPED, { delay: 100 });
  // Long enough to measure the failure this guards against (~14 s before issue #13), not only to see it.
  await expect(page.getByTestId("result")).toHaveText(`work:${TYPED}`, { timeout: 25_000 });
  const { keys, results } = await page.evaluate(
    () =>
      (window as unknown as { timeline: { keys: number[]; results: { at: number; text: string }[] } })
        .timeline,
  );
  const lastKey = keys.at(-1) as number;
  const shown = results.find((r) => r.text === `work:${TYPED}`)?.at as number;
  const delayMs = Math.round(shown - lastKey);
  await serverQuiet(url);
  const log = (await runs(url)).filter((run) => run.fn === "/work");
  const superseded = log.filter((run) => run.text !== TYPED);
  const completed = superseded.filter((run) => run.outcome === "completed");
  report(
    `${server}: typing ${TYPED.length} characters 100 ms apart: last result ${delayMs} ms after the last keystroke; ` +
      `${superseded.length} superseded jobs started on the server, ${completed.length} ran to their end` +
      (completed.length ? ` (${completed.map((r) => JSON.stringify(r.text)).join(", ")})` : ""),
  );
  expect(keys).toHaveLength(TYPED.length);
  expect(delayMs, "last result after the last keystroke (ms)").toBeLessThanOrEqual(3_500);
  expect(completed.length, "superseded jobs that ran to their end on the server").toBeLessThanOrEqual(1);
  expect(log.filter((run) => run.text === TYPED).map((run) => run.outcome)).toEqual(["completed"]);
  // The page's run-log panel shows what the server ran too.
  await expect(page.getByTestId("run").last()).toHaveAttribute("data-text", TYPED);
}

test.describe("typing into a useJob prompt on a 1.5 s, one-at-a-time endpoint", () => {
  test("test server", async ({ page }) => {
    await typing(page, workUrl, "test server");
    await page.screenshot({ path: screenshotPath("cancel"), fullPage: true });
  });
  test("real Gradio 6.25.0", async ({ page, gradio625 }) => {
    await typing(page, gradio625.url, "Gradio 6.25.0");
  });
  test("real Gradio 5.45.0", async ({ page, gradio545 }) => {
    await typing(page, gradio545.url, "Gradio 5.45.0");
  });
});

/** What 20 jobs cancelled in the page reported (see the test below). */
interface Storm {
  outcomes: string[];
  cancels: (boolean | "timeout")[];
  settledMs: number;
  peakClientStreams: number;
  afterMs: number;
}

test("20 concurrent /work jobs from a page, each cancelled: within the stream budget, nothing stalls, every job settles", async ({
  page,
}) => {
  // The classic page: core's IIFE build in the page, as `GradioJobs`.
  await page.goto("/classic/");
  await expect(page.getByTestId("connection")).toHaveAttribute("data-state", "connected");
  // As submitted (they share the client's session until the function is cancelled), and each asking for a session
  // of its own (what useJob/useSubmit ask for the jobs they supersede): extra sessions, within the budget.
  for (const isolate of [false, true]) {
    await resetRuns(workUrl);
    await resetWorkStats();
    const storm = await page.evaluate(
      async ({ url, isolate }): Promise<Storm> => {
        type Job = {
          $status: { subscribe(listener: (status: { stage: string }) => void): () => void };
          result(): Promise<unknown>;
          cancel(): Promise<boolean>;
        };
        type Client = {
          submit(endpoint: string, args: unknown[], options?: { isolate?: boolean }): Job;
          readonly openStreams: number;
          close(): void;
        };
        const sdk = (
          window as unknown as { GradioJobs: { Client: { connect(url: string): Promise<Client> } } }
        ).GradioJobs;
        const client = await sdk.Client.connect(url);
        const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
        const within = <T>(promise: Promise<T>, ms: number) =>
          Promise.race([promise, sleep(ms).then(() => "timeout" as const)]);
        let peakClientStreams = 0;
        const sampler = setInterval(() => {
          peakClientStreams = Math.max(peakClientStreams, client.openStreams);
        }, 5);
        const t0 = performance.now();
        const jobs = Array.from({ length: 20 }, (_, i) =>
          client.submit("/work", [`job ${i}`], isolate ? { isolate } : {}),
        );
        const settled = jobs.map((job) =>
          job.result().then(
            () => "complete",
            (error: Error) => error.name,
          ),
        );
        // Once one runs, cancel them one after the other, 50 ms apart. Whichever the server started first: the joins
        // go out at once, on several connections, so the queue's order need not be the submit order.
        await new Promise<void>((resolve) => {
          for (const job of jobs) job.$status.subscribe(({ stage }) => stage === "running" && resolve());
          void within(Promise.race(settled), 10_000).then(() => resolve());
        });
        const cancels: Promise<boolean | "timeout">[] = [];
        for (const job of jobs) {
          cancels.push(within(job.cancel(), 15_000));
          await sleep(50);
        }
        const outcomes = await Promise.all(settled.map((s) => within(s, 15_000)));
        const settledMs = performance.now() - t0;
        const cancelled = await Promise.all(cancels);
        clearInterval(sampler);
        // Nothing stalls: the next job of the function runs at once (or after one /work still finishing).
        const t1 = performance.now();
        await within(client.submit("/work", ["after"]).result(), 10_000);
        const afterMs = performance.now() - t1;
        client.close();
        return { outcomes, cancels: cancelled, settledMs, peakClientStreams, afterMs };
      },
      { url: workUrl, isolate },
    );
    await serverQuiet(workUrl);
    const stats = await workStats();
    const log = await runs(workUrl);
    const ranToEnd = log.filter((run) => run.text !== "after" && run.outcome === "completed").length;
    report(
      `20 cancelled /work jobs${isolate ? " (isolate: true)" : ""}: all settled after ${Math.round(storm.settledMs)} ms; ` +
        `cancel() → true ${storm.cancels.filter((c) => c === true).length}, false ${storm.cancels.filter((c) => c === false).length}; ` +
        `peak streams + heartbeat on the server ${stats.peakStreamsAndHeartbeats} (event streams alone ${stats.peakOpenStreams}), ` +
        `in the client ${storm.peakClientStreams}; peak TCP connections ${stats.peakOpenConnections}; ` +
        `${log.length - 1} of the 20 started on the server, ${ranToEnd} ran to their end; next job done in ${Math.round(storm.afterMs)} ms`,
    );
    expect(storm.outcomes).toEqual(Array(20).fill("CancelledError"));
    expect(storm.cancels.every((c) => typeof c === "boolean")).toBe(true);
    expect(stats.peakStreamsAndHeartbeats, "event streams + heartbeat open at once").toBeLessThanOrEqual(4);
    expect(storm.peakClientStreams).toBeLessThanOrEqual(4);
    // Chromium's HTTP/1.1 budget per host; the client must leave room for joins, cancels and uploads.
    expect(stats.peakOpenConnections, "TCP connections open at once").toBeLessThanOrEqual(6);
    expect(storm.afterMs, "the next job after the storm (ms)").toBeLessThan(4_000);
  }
});

/**
 * Opens the cancel page on `url`, runs one job (in the client's own session, so the run log names it), closes the
 * page and waits for the app's `demo.unload` listener to run for that session; returns how long that took.
 */
async function unloadOnClose(page: Page, url: string): Promise<{ session: string; ms: number }> {
  await resetRuns(url);
  await openCancelPage(page, url);
  await page.locator("#prompt").fill("x");
  await expect(page.getByTestId("result")).toHaveText("work:x");
  const session = (await runs(url)).find((run) => run.text === "x")?.session as string;
  expect(await unloaded(url)).toEqual([]);
  const closed = Date.now();
  await page.close();
  await expect
    .poll(() => unloaded(url), {
      timeout: 5_000,
      intervals: [50],
      message: "demo.unload runs for the session",
    })
    .toContain(session);
  return { session, ms: Date.now() - closed };
}

test.describe("closing the page ends the session on the server", () => {
  test("test server: the unload step runs for the page's session", async ({ page }) => {
    const { session, ms } = await unloadOnClose(page, workUrl);
    expect((await workStats()).unloads).toContain(session);
    report(`test server: demo.unload ran ${ms} ms after the page closed`);
  });
  test("real Gradio 6.25.0 that notices a closed heartbeat (work_detect_disconnect.py): /unloaded lists it within 5 s", async ({
    page,
    gradio625Detect,
  }) => {
    const { ms } = await unloadOnClose(page, gradio625Detect.url);
    report(`Gradio 6.25.0 (detect disconnect): demo.unload ran ${ms} ms after the page closed`);
  });
});
