/**
 * Bugs first found in the browser, kept as regression tests.
 */
import { expect, expectStage, openPage, submitMany, submitOne, test } from "./helpers.js";

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

test("@gradio-jobs/core writes nothing to localStorage, sessionStorage or cookies in the browser", async ({
  page,
}) => {
  await openPage(page, "vanilla");
  // Spies installed in the page: every write the SDK could make is counted.
  await page.evaluate(() => {
    const writes: string[] = [];
    (window as unknown as { storageWrites: string[] }).storageWrites = writes;
    for (const method of ["setItem", "removeItem", "clear"] as const) {
      const original = Storage.prototype[method];
      Storage.prototype[method] = function (this: Storage, ...args: unknown[]) {
        writes.push(`${this === localStorage ? "localStorage" : "sessionStorage"}.${method}`);
        return (original as (...a: unknown[]) => unknown).apply(this, args);
      } as never;
    }
    const cookie = Object.getOwnPropertyDescriptor(Document.prototype, "cookie");
    Object.defineProperty(document, "cookie", {
      get: () => cookie?.get?.call(document),
      set: (value: string) => {
        writes.push(`document.cookie=${value}`);
        cookie?.set?.call(document, value);
      },
    });
  });
  const before = await page.evaluate(() => [localStorage.length, sessionStorage.length, document.cookie]);
  const card = await submitOne(page, "/count", "[5]");
  await expectStage(card, "complete");
  const after = await page.evaluate(() => [localStorage.length, sessionStorage.length, document.cookie]);
  expect(after).toEqual(before);
  expect(await page.evaluate(() => (window as unknown as { storageWrites: string[] }).storageWrites)).toEqual(
    [],
  );
});
