/**
 * The @gradio-jobs/mock README's Playwright example: a page tested against a fake Gradio app that the mock's CLI
 * serves as one of Playwright's `webServer`s (e2e/playwright.config.ts: `gradio-mock
 * packages/mock/examples/story-app.ts --port 17864`). The page is the playground's React page, pointed at the mock
 * with `?server=`; no Python, no GPU.
 */
import { expect, test } from "@playwright/test";

const mockUrl = `http://127.0.0.1:${process.env.E2E_MOCK_PORT ?? 17864}`;

test.describe("a page against the mock Gradio app (gradio-mock as webServer)", () => {
  test.beforeEach(async ({ page }) => {
    await page.goto(`/react/?server=${encodeURIComponent(mockUrl)}`);
    await expect(page.getByTestId("connection")).toHaveAttribute("data-state", "connected");
  });

  test("streams the story into the page and completes", async ({ page }) => {
    await page.locator("#endpoint").selectOption("/generate");
    await page.locator("#args").fill('["Long ago"]');
    await page.locator("#submit").click();
    const job = page.getByTestId("current").getByTestId("job");
    await expect(job.getByTestId("stage")).toHaveText("running");
    await expect(job.getByTestId("stage")).toHaveText("complete");
    // One output per yield, word by word: the card lists them all, the story last.
    const outputs = job.getByTestId("output");
    await expect(outputs).toHaveCount(11);
    await expect(outputs.first()).toHaveText("Long");
    await expect(outputs.last()).toHaveText("Long ago there was a tiny model that streamed its story.");
  });

  test("shows the app's gr.Error message", async ({ page }) => {
    await page.locator("#endpoint").selectOption("/generate");
    await page.locator("#args").fill('[" "]');
    await page.locator("#submit").click();
    const job = page.getByTestId("current").getByTestId("job");
    await expect(job.getByTestId("stage")).toHaveText("error");
    await expect(job.getByTestId("error")).toContainText("Write a prompt first");
  });
});
