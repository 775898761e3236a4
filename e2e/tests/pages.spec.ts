/**
 * Every job page (React, Vue, vanilla, classic <script>, Web Worker) against the same Gradio test server: the same
 * scenarios, the same markup, what a user sees.
 */
import {
  choose,
  distinct,
  expect,
  expectStage,
  history,
  nonDecreasing,
  nonIncreasing,
  openPage,
  outputTexts,
  PAGES,
  screenshotPath,
  serverEvents,
  serverOutcome,
  submitMany,
  submitOne,
  test,
} from "./helpers.js";

for (const name of PAGES) {
  test.describe(`${name} page`, () => {
    test.beforeEach(async ({ page }) => {
      await openPage(page, name);
    });

    test("a job is submitted and its progress bar moves to the end", async ({ page }) => {
      const card = await submitOne(page, "/progress", "[6]");
      await expect(card.getByTestId("stage")).toHaveText("running");
      await expectStage(card, "complete");
      await expect(card.getByTestId("output")).toHaveText(["done 6 steps"]);
      await expect(card.locator("progress").first()).toHaveAttribute("value", "1");
      const fractions = distinct((await history(card)).map((s) => s.fraction).filter(Boolean)).map(Number);
      // 0, 1/6 … 5/6 from gr.Progress, then the tqdm loop restarts at 0/3: at least the first run must climb.
      expect(fractions.length, `fractions seen: ${fractions}`).toBeGreaterThanOrEqual(4);
      expect(fractions.slice(0, 4), `fractions seen: ${fractions}`).toEqual(
        [...fractions.slice(0, 4)].sort(),
      );
      expect(fractions.at(-1)).toBe(1);
      // Done means every step done: "3/3 items · 100%", not the app's last report "2/3 items · 100%".
      const labels = await card.getByTestId("progress").locator("span").allTextContents();
      for (const label of labels) {
        const [, index, length] = /(\d+)\/(\d+)/.exec(label) ?? [];
        expect(index, `progress label: ${label}`).toBe(length);
      }
      // A finished job waits in no queue: no rank, queue size or eta left on its card.
      await expect(card.getByTestId("rank")).toBeHidden();
      await expect(card.getByTestId("eta")).toBeHidden();
      await expect(card).toHaveAttribute("data-eta-left", "");
    });

    test("jobs submitted together: rank shown and going down, queue size, eta counting down", async ({
      page,
    }) => {
      const cards = await submitMany(page, "/slow", '["q"]', 4);
      for (const card of cards) await expectStage(card, "complete");
      for (const card of cards) await expect(card.getByTestId("output")).toHaveText(["slow:q"]);
      for (const card of cards) await expect(card.getByTestId("queue-size")).toBeHidden();
      // The job that ran last waited behind another waiting job: its rank went from 1 (or more) down to 0.
      const histories = await Promise.all(cards.map(history));
      const waited =
        histories
          .map((states) => states.filter((s) => s.stage === "queued" && s.rank !== ""))
          .sort((a, b) => b.length - a.length)[0] ?? [];
      const ranks = distinct(waited.map((s) => Number(s.rank)));
      expect(ranks[0], `ranks seen: ${ranks}`).toBeGreaterThanOrEqual(1);
      expect(ranks.at(-1)).toBe(0);
      expect(nonIncreasing(ranks), `ranks seen: ${ranks}`).toBe(true);
      // The queue's order is the cards' order (submission order): each card's first rank is at least the one
      // above's (-1: it never waited).
      const firstRanks = histories.map((states) => {
        const first = states.find((s) => s.stage === "queued" && s.rank !== "");
        return first ? Number(first.rank) : -1;
      });
      expect(nonDecreasing(firstRanks), `first ranks, top to bottom: ${firstRanks}`).toBe(true);
      expect(firstRanks.at(-1), `first ranks, top to bottom: ${firstRanks}`).toBeGreaterThanOrEqual(1);
      expect(
        waited.some((s) => Number(s.queueSize) >= 2),
        "queue size while two jobs wait",
      ).toBe(true);
      // Once the server knows how long /slow takes, a waiting job's eta counts down between server updates.
      const etas = histories.flatMap((states) => {
        const queued = states
          .filter((s) => s.stage === "queued" && s.etaLeft !== "")
          .map((s) => Number(s.etaLeft));
        return queued.length >= 2 ? [queued] : [];
      });
      expect(etas.length, "a waiting job with a counting-down eta").toBeGreaterThan(0);
      for (const eta of etas) expect(nonIncreasing(eta), `eta seen: ${eta}`).toBe(true);
    });

    test("streamed outputs arrive in order, each once, while the job runs", async ({ page }) => {
      const card = await submitOne(page, "/count", "[8]");
      await expectStage(card, "complete");
      expect(await outputTexts(card)).toEqual(["0", "1", "2", "3", "4", "5", "6", "7"]);
      const counts = distinct((await history(card)).map((s) => Number(s.outputs)));
      expect(nonDecreasing(counts), `output counts seen: ${counts}`).toBe(true);
      // Streaming, not all at the end: outputs showed up while the job was still running.
      const whileRunning = (await history(card))
        .filter((s) => s.stage === "running")
        .map((s) => Number(s.outputs));
      expect(
        distinct(whileRunning).length,
        `output counts while running: ${whileRunning}`,
      ).toBeGreaterThanOrEqual(4);
    });

    test("cancel stops a streaming job, in the page and on the server", async ({ page }) => {
      const card = await submitOne(page, "/long_stream", "[40]");
      await expect(card).toHaveAttribute("data-outputs", /^[2-9]$/);
      const eventId = (await card.getAttribute("data-event-id")) ?? "";
      expect(eventId).not.toBe("");
      await card.getByTestId("cancel").click();
      await expectStage(card, "cancelled");
      await expect(card.getByTestId("error")).toHaveAttribute("data-code", "CANCELLED");
      // Cancelled is not an error: neither the card's edge nor its stage badge is red.
      const red = "rgb(207, 34, 46)";
      expect(await card.evaluate((el) => getComputedStyle(el).borderLeftColor)).not.toBe(red);
      expect(await card.getByTestId("stage").evaluate((el) => getComputedStyle(el).color)).not.toBe(red);
      await expect(card.getByTestId("eta")).toBeHidden();
      await expect(card.getByTestId("cancel")).toBeDisabled();
      const outputsAtCancel = await card.getAttribute("data-outputs");
      expect(await serverOutcome(eventId)).toBe("cancelled");
      const yields = (await serverEvents()).filter(
        (e) => e.name === "job-output" && e.payload.eventId === eventId,
      );
      expect(yields.length, "the server stopped yielding").toBeLessThan(40);
      await expect(card).toHaveAttribute("data-outputs", outputsAtCancel ?? "");
    });

    test("errors are shown typed: the app's, a bad argument, an unreachable server", async ({ page }) => {
      const card = await submitOne(page, "/fail", '["x"]');
      await expectStage(card, "error");
      await expect(card.getByTestId("error")).toHaveAttribute("data-code", "APP_ERROR");
      await expect(card.getByTestId("error")).toContainText("bad input");
      await choose(page, "/predict", "[1, ");
      await page.locator("#submit").click();
      await expect(page.getByTestId("form-error")).toContainText("not valid JSON");
      await page.locator("#server-url").fill("http://127.0.0.1:9");
      await page.locator("#connect").click();
      await expect(page.getByTestId("connection")).toHaveAttribute("data-state", "error");
      await expect(page.getByTestId("connection")).toHaveAttribute("data-code", "CONNECTION");
    });

    test("images and files render as an image and a download link", async ({ page }) => {
      const image = await submitOne(page, "/flip", '[{"$sample":"image"}]');
      await expectStage(image, "complete");
      const img = image.getByTestId("output-image");
      await expect(img).toBeVisible();
      await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(1);
      // A 1×1 image says so (drawn 48 px wide on a checkerboard, it is easy to take for an empty box).
      await expect(image.getByTestId("image-size")).toHaveText("1×1 px");
      const file = await submitOne(page, "/flip_file", '[{"$sample":"text"}]');
      await expectStage(file, "complete");
      const link = file.getByTestId("output-file");
      await expect(link).toContainText("reversed_hello.txt");
      const response = await page.request.get((await link.getAttribute("href")) ?? "");
      expect(await response.text()).toBe("\n!dnuorgyalp sboj-oidarg eht morf olleH");
    });

    test("log messages are listed as they arrive", async ({ page }) => {
      const card = await submitOne(page, "/log", '["x"]');
      await expectStage(card, "complete");
      await expect(card.getByTestId("logs").locator("li")).toHaveText([/info message/, /warning message/]);
      await expect(card.getByTestId("logs").locator("li").nth(1)).toHaveAttribute("data-level", "warning");
    });

    test("screenshot: a running job with progress and a queue", async ({ page }) => {
      // A long progress job first, then five /slow jobs (1 s each): when the first /slow completes, the progress bar
      // is under way and three jobs still wait, with ranks and etas, for a second or more.
      const current = await submitOne(page, "/progress", "[30]");
      const cards = await submitMany(page, "/slow", '["hello"]', 5);
      await expectStage(cards[0]!, "complete");
      await expect(current).toHaveAttribute("data-fraction", /^0\.[1-9]/);
      await page.screenshot({ path: screenshotPath(name), fullPage: true });
      for (const card of [...cards, current]) await expectStage(card, "complete");
    });
  });
}
