/**
 * The Svelte page (`@gradio-jobs/svelte`: a `useSubmit` store for the current job, `useJob` stores for jobs submitted
 * together, read as `$job` in Svelte 5 runes components) in Chromium, against the same Gradio test server as the other
 * job pages: what a user sees, and what the server did.
 */
import {
  distinct,
  expect,
  expectStage,
  history,
  nonDecreasing,
  nonIncreasing,
  openPage,
  outputTexts,
  screenshotPath,
  serverEvents,
  serverOutcome,
  submitMany,
  submitOne,
  test,
} from "./helpers.js";

test.describe("Svelte page", () => {
  test.beforeEach(async ({ page }) => {
    await openPage(page, "svelte");
  });

  test("is linked from the index and says what it runs", async ({ page }) => {
    await expect(page.locator("[data-runtime]")).toHaveAttribute("data-runtime", "Svelte: useSubmit, useJob");
    await page.goto("/");
    await page.getByRole("link", { name: "Svelte", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Svelte");
    await expect(page.getByTestId("connection")).toHaveAttribute("data-state", "connected");
  });

  test("a job is submitted and its progress bar moves to the end", async ({ page }) => {
    const card = await submitOne(page, "/progress", "[6]");
    await expect(card.getByTestId("stage")).toHaveText("running");
    await expectStage(card, "complete");
    await expect(card.getByTestId("output")).toHaveText(["done 6 steps"]);
    await expect(card.locator("progress").first()).toHaveAttribute("value", "1");
    const fractions = distinct((await history(card)).map((s) => s.fraction).filter(Boolean)).map(Number);
    expect(fractions.length, `fractions seen: ${fractions}`).toBeGreaterThanOrEqual(4);
    expect(fractions.slice(0, 4), `fractions seen: ${fractions}`).toEqual([...fractions.slice(0, 4)].sort());
    await expect(card.getByTestId("rank")).toBeHidden();
  });

  test("jobs submitted together: rank going down in queue order, eta counting down", async ({ page }) => {
    const cards = await submitMany(page, "/slow", '["q"]', 4);
    for (const card of cards) await expectStage(card, "complete");
    for (const card of cards) await expect(card.getByTestId("output")).toHaveText(["slow:q"]);
    const histories = await Promise.all(cards.map(history));
    const firstRanks = histories.map((states) => {
      const first = states.find((s) => s.stage === "queued" && s.rank !== "");
      return first ? Number(first.rank) : -1;
    });
    expect(nonDecreasing(firstRanks), `first ranks, top to bottom: ${firstRanks}`).toBe(true);
    expect(firstRanks.at(-1), `first ranks, top to bottom: ${firstRanks}`).toBeGreaterThanOrEqual(1);
    const last = distinct(
      (histories.at(-1) ?? [])
        .filter((s) => s.stage === "queued" && s.rank !== "")
        .map((s) => Number(s.rank)),
    );
    expect(nonIncreasing(last), `ranks seen: ${last}`).toBe(true);
    expect(last.at(-1)).toBe(0);
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
    const whileRunning = (await history(card))
      .filter((s) => s.stage === "running")
      .map((s) => Number(s.outputs));
    expect(
      distinct(whileRunning).length,
      `output counts while running: ${whileRunning}`,
    ).toBeGreaterThanOrEqual(4);
  });

  test("Cancel stops a streaming job, in the page and on the server", async ({ page }) => {
    const card = await submitOne(page, "/long_stream", "[40]");
    await expect(card).toHaveAttribute("data-outputs", /^[2-9]$/);
    const eventId = (await card.getAttribute("data-event-id")) ?? "";
    expect(eventId).not.toBe("");
    await card.getByTestId("cancel").click();
    await expectStage(card, "cancelled");
    await expect(card.getByTestId("error")).toHaveAttribute("data-code", "CANCELLED");
    await expect(card.getByTestId("cancel")).toBeDisabled();
    expect(await serverOutcome(eventId)).toBe("cancelled");
    const yields = (await serverEvents()).filter(
      (e) => e.name === "job-output" && e.payload.eventId === eventId,
    );
    expect(yields.length, "the server stopped yielding").toBeLessThan(40);
  });

  test("a new Submit supersedes the current job: the old one is cancelled on the server", async ({
    page,
  }) => {
    const first = await submitOne(page, "/long_stream", "[40]");
    await expect(first).toHaveAttribute("data-outputs", /^[1-9]$/);
    const firstId = (await first.getAttribute("data-event-id")) ?? "";
    expect(firstId).not.toBe("");
    const second = await submitOne(page, "/count", "[3]");
    await expect(second).not.toHaveAttribute("data-event-id", firstId);
    await expectStage(second, "complete");
    expect(await outputTexts(second)).toEqual(["0", "1", "2"]);
    expect(await serverOutcome(firstId)).toBe("cancelled");
  });

  test("errors are shown typed: the app's, a bad argument, an unreachable server", async ({ page }) => {
    const card = await submitOne(page, "/fail", '["x"]');
    await expectStage(card, "error");
    await expect(card.getByTestId("error")).toHaveAttribute("data-code", "APP_ERROR");
    await expect(card.getByTestId("error")).toContainText("bad input");
    await page.locator("#endpoint").selectOption("/predict");
    await page.locator("#args").fill("[1, ");
    await page.locator("#submit").click();
    await expect(page.getByTestId("form-error")).toContainText("not valid JSON");
    await page.locator("#server-url").fill("http://127.0.0.1:9");
    await page.locator("#connect").click();
    await expect(page.getByTestId("connection")).toHaveAttribute("data-state", "error");
    await expect(page.getByTestId("connection")).toHaveAttribute("data-code", "CONNECTION");
  });

  test("images, files and log messages render", async ({ page }) => {
    const image = await submitOne(page, "/flip", '[{"$sample":"image"}]');
    await expectStage(image, "complete");
    await expect(image.getByTestId("image-size")).toHaveText("1×1 px");
    const file = await submitOne(page, "/flip_file", '[{"$sample":"text"}]');
    await expectStage(file, "complete");
    await expect(file.getByTestId("output-file")).toContainText("reversed_hello.txt");
    const log = await submitOne(page, "/log", '["x"]');
    await expectStage(log, "complete");
    await expect(log.getByTestId("logs").locator("li")).toHaveText([/info message/, /warning message/]);
  });

  test("screenshot: a running job with progress and a queue", async ({ page }) => {
    const current = await submitOne(page, "/progress", "[30]");
    const cards = await submitMany(page, "/slow", '["hello"]', 5);
    await expectStage(cards[0]!, "complete");
    await expect(current).toHaveAttribute("data-fraction", /^0\.[1-9]/);
    await page.screenshot({ path: screenshotPath("svelte"), fullPage: true });
    for (const card of [...cards, current]) await expectStage(card, "complete");
  });
});
