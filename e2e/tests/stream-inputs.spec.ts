/**
 * Issue #15 item 1 in Chromium with a fake camera and microphone (`--use-fake-device-for-media-stream`,
 * `--use-fake-ui-for-media-stream`): the streaming-inputs page feeds them into the stream app with `useMediaFeed`.
 * What reached the server is read from its chunk log (control server `/stream/chunks`: arrival time and the seq input
 * of every chunk `{P}/stream/{event_id}` received) and its job events, not from the page.
 */
import type { Locator, Page } from "@playwright/test";
import { controlUrl } from "../ports.js";
import { expect, screenshotPath, test } from "./helpers.js";

interface ChunkRecord {
  eventId: string;
  index: number;
  at: number;
  seq: number;
}
interface Recorded {
  name: string;
  at: number;
  payload: { eventId?: string; outcome?: string };
}

const chunksOf = async (eventId: string): Promise<ChunkRecord[]> =>
  (await fetch(`${controlUrl}/stream/chunks?event=${eventId}`)).json() as Promise<ChunkRecord[]>;
const eventsOf = async (eventId: string): Promise<Recorded[]> =>
  ((await (await fetch(`${controlUrl}/stream/events`)).json()) as Recorded[]).filter(
    (event) => event.payload.eventId === eventId,
  );

/** Prints a measured figure and keeps it with the test's results. */
function report(text: string): void {
  console.log(`  measured: ${text}`);
  test.info().annotations.push({ type: "measured", description: text });
}

/** Starts one feed of the page and returns its card and the event id the server gave it. */
async function start(page: Page, kind: "camera" | "microphone"): Promise<{ card: Locator; eventId: string }> {
  const card = page.locator(`[data-feed="${kind}"]`);
  await card.locator('[data-action="start"]').click();
  await expect(card.locator('[data-field="stage"]')).toHaveText("running");
  await expect(card.locator('[data-field="event"]')).toHaveText(/^[0-9a-f]{32}$/);
  return { card, eventId: (await card.locator('[data-field="event"]').textContent()) ?? "" };
}

test.describe("streaming inputs (fake camera and microphone)", () => {
  test.beforeEach(async ({ page }) => {
    await page.goto("/stream/");
    await expect(page.getByText(/Gradio 6\.25\.0/)).toBeVisible();
  });

  test("camera → /frames: 100 chunks at stream_every 0.1 reach the server in order, no gap over 0.2 s; Stop ends the event", async ({
    page,
  }) => {
    const { card, eventId } = await start(page, "camera");
    await expect
      .poll(async () => (await chunksOf(eventId)).length, { timeout: 20_000 })
      .toBeGreaterThanOrEqual(100);
    await expect(card.locator('[data-field="latest"]')).toHaveText(/^640x480 #\d+$/);
    await card.locator('[data-action="stop"]').click();
    // Stopping the media closes the event: the server ends it.
    await expect
      .poll(async () => (await eventsOf(eventId)).find((e) => e.name === "job-end")?.payload.outcome, {
        timeout: 5_000,
      })
      .toBeDefined();
    const chunks = (await chunksOf(eventId)).slice(0, 100);
    // The join carried seq 0; the chunks bring 1, 2, 3… in arrival order, none missing or reordered.
    expect(chunks.map((chunk) => chunk.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    const gaps = chunks.slice(1).map((chunk, i) => chunk.at - (chunks[i] as ChunkRecord).at);
    const maxGap = Math.max(...gaps);
    const mean = gaps.reduce((sum, gap) => sum + gap, 0) / gaps.length;
    report(
      `camera → /frames: 100 chunks in order; interval mean ${mean.toFixed(1)} ms, max ${maxGap.toFixed(1)} ms ` +
        "(limit 200 ms = 2 × stream_every)",
    );
    expect(maxGap).toBeLessThanOrEqual(200);
    await page.screenshot({ path: screenshotPath("stream") });
  });

  test("microphone → /audio: WAV chunks; time_limit 2 s ends the event on the server and the page shows it", async ({
    page,
  }) => {
    const { card, eventId } = await start(page, "microphone");
    await expect(card.locator('[data-field="stage"]')).toHaveText("complete", { timeout: 8_000 });
    await expect(card.locator('[data-field="latest"]')).toHaveText(/^\d+ samples at \d+ Hz #\d+$/);
    const events = await eventsOf(eventId);
    const join = events.find((e) => e.name === "join");
    const end = events.find((e) => e.name === "job-end");
    expect(end?.payload.outcome).toBe("completed");
    const chunks = await chunksOf(eventId);
    expect(chunks.length).toBeGreaterThanOrEqual(10);
    expect(chunks.map((chunk) => chunk.seq)).toEqual(chunks.map((_, i) => i + 1));
    // The page sent nothing the server took after the event ended (6.25 answers 404 and the SDK stops).
    expect(chunks.every((chunk) => chunk.at <= (end?.at ?? 0) + 5)).toBe(true);
    report(
      `microphone → /audio: ${chunks.length} WAV chunks, event ended ${((end?.at ?? 0) - (join?.at ?? 0)) / 1000} s ` +
        "after the join (time_limit 2 s)",
    );
  });

  test("tracks that end on their own: MediaEndedError on the page, the event ends on the server", async ({
    page,
  }) => {
    const { card, eventId } = await start(page, "camera");
    await expect.poll(async () => (await chunksOf(eventId)).length).toBeGreaterThanOrEqual(3);
    await card.locator('[data-action="end-tracks"]').click();
    await expect(card.locator('[data-field="error"]')).toHaveText(
      /MediaEndedError: .*\/frames: the video track/,
    );
    await expect(card.locator('[data-field="stage"]')).toHaveText("complete");
    await expect
      .poll(async () => (await eventsOf(eventId)).find((e) => e.name === "job-end")?.payload.outcome)
      .toBe("completed");
    // The other feed is not affected.
    await expect(page.locator('[data-feed="microphone"] [data-field="stage"]')).toHaveText("idle");
  });
});
