/**
 * Core's contract scenarios (playground/src/contract), run by the contract page in the page's main thread and then
 * in a module Web Worker, where the SSE layer has no `window`, `document` or `EventSource`. The page runs them all
 * once; each scenario and place is one test.
 */
import type { Page } from "@playwright/test";
import { ENVIRONMENTS, SCENARIO_NAMES } from "../../playground/src/contract/names.js";
import { gradioUrl } from "../ports.js";
import { expect, screenshotPath, serverOutcome, test } from "./helpers.js";

test.describe("contract", () => {
  let page: Page;

  test.beforeAll(async ({ browser }) => {
    test.setTimeout(120_000);
    page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    await page.goto(`/contract/?server=${encodeURIComponent(gradioUrl)}`);
    await expect(page.locator("body")).toHaveAttribute("data-done", "true", { timeout: 110_000 });
    await page.screenshot({ path: screenshotPath("contract"), fullPage: true });
  });

  test.afterAll(async () => {
    await page.close();
  });

  /** Passes when the scenario's row passed; returns what the scenario reported. */
  const expectPassed = async (name: string, env: string): Promise<Record<string, unknown>> => {
    const row = page.locator(`[data-testid=scenario][data-name="${name}"][data-env="${env}"]`);
    const details = (await row.locator("td").nth(4).textContent()) ?? "";
    expect(await row.getAttribute("data-status"), details).toBe("pass");
    return JSON.parse(details) as Record<string, unknown>;
  };

  for (const env of ENVIRONMENTS) {
    for (const name of SCENARIO_NAMES) {
      test(`${name} (in the ${env})`, async () => {
        const details = await expectPassed(name, env);
        // The scenario saw the job stop; the server must have ended it as cancelled too.
        if (name === "cancel") expect(await serverOutcome(details.eventId as string)).toBe("cancelled");
      });
    }
  }

  test("core reads neither window nor document in the worker", async () => {
    expect((await expectPassed("no-window-document", "worker")).touched).toEqual([]);
  });
});
