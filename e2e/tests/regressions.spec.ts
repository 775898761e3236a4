/**
 * Bugs first found in the browser, kept as regression tests.
 */
import { expect, expectStage, openPage, submitMany, test } from "./helpers.js";

test("@gradio-jobs/react: useJob shows each of N identical jobs submitted in one click handler", async ({
  page,
}) => {
  // React renders a click's update before the jobs start (they start in a microtask); useJob's sharing must not
  // take jobs made before any of them was shared for render-time duplicates.
  await openPage(page, "react");
  const cards = await submitMany(page, "/predict", '[1, "add", 2]', 3);
  for (const card of cards) await expectStage(card, "complete", 3_000);
});

test("@gradio-jobs/core: typed errors keep their class name in the minified IIFE build", async ({ page }) => {
  await openPage(page, "classic");
  const names = await page.evaluate(() => {
    const sdk = (window as unknown as { GradioJobs: Record<string, new (...args: unknown[]) => Error> })
      .GradioJobs;
    return [new sdk.AppError!({ title: null, message: "x" }).name, new sdk.CancelledError!().name];
  });
  expect(names).toEqual(["AppError", "CancelledError"]);
});
