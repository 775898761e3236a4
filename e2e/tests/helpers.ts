/**
 * What the tests share: opening a page, submitting, reading a card's history, asking the Gradio server what it saw.
 * Tests wait on DOM state and server events, never on fixed sleeps.
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { test as base, expect, type Locator, type Page } from "@playwright/test";
import { controlUrl, gradioUrl } from "../ports.js";

/**
 * `test` with two automatic fixtures: every test starts once the Gradio server is idle (a previous test's jobs must
 * not shift this one's queue ranks), and fails on any uncaught error in its page.
 */
export const test = base.extend<{ serverIdle: undefined; noPageErrors: undefined }>({
  serverIdle: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern
    async ({}, use) => {
      await serverIdle();
      await use(undefined);
    },
    { auto: true },
  ],
  noPageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      await use(undefined);
      expect(errors, "uncaught errors in the page").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/**
 * Where the e2e run puts its screenshots. The tracked ones the READMEs show (`playground/screenshots/`) are rewritten
 * only when asked (`UPDATE_SCREENSHOTS=1`), so that a run leaves the work tree clean; otherwise they go to the
 * untracked `e2e/test-results/screenshots/`. `E2E_SCREENSHOTS=<dir>` puts them anywhere else.
 */
export function screenshotPath(name: string): string {
  const tracked = process.env.UPDATE_SCREENSHOTS === "1";
  const dir =
    process.env.E2E_SCREENSHOTS ??
    fileURLToPath(
      new URL(tracked ? "../../playground/screenshots" : "../test-results/screenshots", import.meta.url),
    );
  return join(dir, `${name}.png`);
}

/** The playground pages that submit jobs, all with the same markup. */
export const PAGES = ["react", "vue", "vanilla", "classic", "worker"] as const;
export type PageName = (typeof PAGES)[number];

/** One recorded state of a job card (its `data-*` attributes). */
export interface CardState {
  stage: string;
  code: string;
  rank: string;
  queueSize: string;
  etaLeft: string;
  fraction: string;
  outputs: string;
}

/**
 * Records every state each job card goes through (a MutationObserver on the `data-*` attributes), so a test can
 * check the sequence the user saw (ranks going down, progress going up) without sampling it.
 */
function recordCards(): void {
  const read = (el: Element) => ({
    stage: el.getAttribute("data-stage") ?? "",
    code: el.getAttribute("data-code") ?? "",
    rank: el.getAttribute("data-rank") ?? "",
    queueSize: el.getAttribute("data-queue-size") ?? "",
    etaLeft: el.getAttribute("data-eta-left") ?? "",
    fraction: el.getAttribute("data-fraction") ?? "",
    outputs: el.getAttribute("data-outputs") ?? "",
  });
  const record = (el: Element) => {
    if (el.getAttribute("data-testid") !== "job") return;
    const card = el as Element & { __history?: ReturnType<typeof read>[] };
    card.__history ??= [];
    const state = read(el);
    const last = card.__history[card.__history.length - 1];
    if (!last || JSON.stringify(last) !== JSON.stringify(state)) card.__history.push(state);
  };
  new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      if (mutation.type === "attributes") record(mutation.target as Element);
      for (const node of mutation.addedNodes) {
        if (!(node instanceof Element)) continue;
        record(node);
        for (const card of node.querySelectorAll("[data-testid=job]")) record(card);
      }
    }
  }).observe(document, { subtree: true, childList: true, attributes: true });
}

/** Opens a playground page on the test server and waits until it is connected. */
export async function openPage(page: Page, name: string, query = ""): Promise<void> {
  await page.addInitScript(recordCards);
  await page.goto(`/${name}/?server=${encodeURIComponent(gradioUrl)}${query}`);
  await expect(page.getByTestId("connection")).toHaveAttribute("data-state", "connected");
}

/** Picks an endpoint and arguments (JSON text). */
export async function choose(page: Page, endpoint: string, args: string): Promise<void> {
  await page.locator("#endpoint").selectOption(endpoint);
  await page.locator("#args").fill(args);
}

/** Submits one job ("Submit": the current job) and returns its card. */
export async function submitOne(page: Page, endpoint: string, args: string): Promise<Locator> {
  await choose(page, endpoint, args);
  await page.locator("#submit").click();
  return currentCard(page);
}

/** Submits `count` jobs at once ("Submit ×N") and returns their cards, in order. */
export async function submitMany(
  page: Page,
  endpoint: string,
  args: string,
  count: number,
): Promise<Locator[]> {
  await choose(page, endpoint, args);
  const before = await batchCards(page).count();
  await page.locator("#count").fill(String(count));
  await page.locator("#submit-many").click();
  await expect(batchCards(page)).toHaveCount(before + count);
  return Array.from({ length: count }, (_, i) => batchCards(page).nth(before + i));
}

export function currentCard(page: Page): Locator {
  return page.getByTestId("current").getByTestId("job");
}

export function batchCards(page: Page): Locator {
  return page.getByTestId("batch").getByTestId("job");
}

/** Every state the card went through so far. */
export function history(card: Locator): Promise<CardState[]> {
  return card.evaluate((el) => (el as Element & { __history?: CardState[] }).__history ?? []);
}

/** The text of each output of a card, in order. */
export function outputTexts(card: Locator): Promise<string[]> {
  return card.getByTestId("output").allTextContents();
}

/** Waits until the card's job reached `stage`. */
export async function expectStage(card: Locator, stage: string, timeout = 15_000): Promise<void> {
  await expect(card).toHaveAttribute("data-stage", stage, { timeout });
}

/** A job event the Gradio server emitted (see e2e/server.ts). */
export interface ServerEvent {
  seq: number;
  name: string;
  payload: { eventId?: string; apiName?: string; outcome?: string; sessionHash?: string; index?: number };
}

/** Everything the Gradio server saw so far. */
export async function serverEvents(): Promise<ServerEvent[]> {
  return (await fetch(`${controlUrl}/events`)).json() as Promise<ServerEvent[]>;
}

/** Waits for the server's `job-end` of an event id and returns its outcome. */
export async function serverOutcome(eventId: string): Promise<string> {
  let outcome = "";
  await expect
    .poll(
      async () => {
        const end = (await serverEvents()).find((e) => e.name === "job-end" && e.payload.eventId === eventId);
        outcome = end?.payload.outcome ?? "";
        return outcome;
      },
      { message: `the server ends job ${eventId}` },
    )
    .not.toBe("");
  return outcome;
}

/** Waits until the Gradio server has no job waiting or running (a test's leftovers must not shift the next ranks). */
export async function serverIdle(): Promise<void> {
  await expect
    .poll(async () => {
      const stats = (await (await fetch(`${controlUrl}/stats`)).json()) as Record<string, number>;
      return (stats.pendingEvents ?? 0) + (stats.runningJobs ?? 0);
    })
    .toBe(0);
}

/** Whether `values` never go down. */
export function nonDecreasing(values: readonly number[]): boolean {
  return nonIncreasing([...values].reverse());
}

/** Whether `values` never go up. */
export function nonIncreasing(values: readonly number[]): boolean {
  return values.every((value, i) => i === 0 || value <= (values[i - 1] as number));
}

/** Consecutive duplicates removed. */
export function distinct<T>(values: readonly T[]): T[] {
  return values.filter((value, i) => i === 0 || value !== values[i - 1]);
}
