/**
 * What only some pages promise: the classic page runs with no module loader at all, the worker page runs core in a
 * worker where nothing touches `window`/`document`, and the landing page points at the configured server.
 */
import { gradioUrl } from "../ports.js";
import { expect, expectStage, openPage, screenshotPath, submitOne, test } from "./helpers.js";

test("classic <script> page: no modules, the GradioJobs global from the IIFE build does the work", async ({
  page,
}) => {
  await openPage(page, "classic");
  expect(await page.locator("script[type=module], link[rel=modulepreload]").count()).toBe(0);
  expect(
    await page.evaluate(() => typeof (window as { GradioJobs?: { Client?: unknown } }).GradioJobs?.Client),
  ).toBe("function");
  const card = await submitOne(page, "/count", "[3]");
  await expectStage(card, "complete");
  await expect(card.getByTestId("output")).toHaveText(["0", "1", "2"]);
  const scripts = await page.evaluate(() =>
    performance
      .getEntriesByType("resource")
      .map((entry) => new URL(entry.name).pathname)
      .filter((path) => path.endsWith(".js")),
  );
  // The two classic scripts, then what the IIFE loaded itself on its first connect: cdn/engine.js next to it.
  const [fromCdn, classic] = [scripts.filter((path) => path.startsWith("/classic/cdn/")), scripts];
  expect(classic.filter((path) => !fromCdn.includes(path)).sort()).toEqual([
    "/classic/gradio-jobs.iife.js",
    "/classic/playground-ui.js",
  ]);
  expect(fromCdn).toContain("/classic/cdn/engine.js");
});

test("classic worker: importScripts(the IIFE) connects, loading cdn/engine.js next to the script", async ({
  page,
}) => {
  await openPage(page, "classic");
  const outputs = await page.evaluate(async () => {
    const iife = new URL("/classic/gradio-jobs.iife.js", location.href).href;
    const app = document.querySelector<HTMLMetaElement>('meta[name="gradio-url"]')?.content;
    const source = `importScripts(${JSON.stringify(iife)});
      GradioJobs.Client.connect(${JSON.stringify(app)})
        .then((client) => client.predict("/predict", [4, "add", 5]))
        .then((outputs) => postMessage(outputs), (error) => postMessage(String(error)));`;
    const worker = new Worker(URL.createObjectURL(new Blob([source], { type: "text/javascript" })));
    return await new Promise((resolve) => {
      worker.onmessage = (event) => resolve(event.data);
    });
  });
  expect(outputs).toEqual([9]);
});

test("worker page: core runs in the worker and touches neither window nor document", async ({ page }) => {
  await openPage(page, "worker");
  // The page itself never loads core: only the worker does.
  expect(await page.evaluate(() => "GradioJobs" in window)).toBe(false);
  const card = await submitOne(page, "/flip_file", '[{"$sample":"text"}]');
  await expectStage(card, "complete");
  const cancelled = await submitOne(page, "/long_stream", "[20]");
  await expect(cancelled).toHaveAttribute("data-outputs", /^[1-9]/);
  await cancelled.getByTestId("cancel").click();
  await expectStage(cancelled, "cancelled");
  const globals = page.getByTestId("worker-globals");
  await expect(globals).toHaveText("none");
  await expect(globals).toHaveAttribute("data-touched", "0");
});

test("landing page: links to every page, and the server the playground was started with", async ({
  page,
}) => {
  await page.goto("/");
  await expect(page.getByTestId("server")).toHaveText(gradioUrl);
  const links = page.locator("ul.pages a");
  await expect(links).toHaveText([
    "React",
    "Vue",
    "Svelte",
    "Vanilla TS",
    "Classic <script>",
    "Web Worker",
    "Contract",
    "Streaming inputs",
    "Cancel",
  ]);
  await page.screenshot({ path: screenshotPath("home"), fullPage: true });
  await links.first().click();
  await expect(page.getByTestId("connection")).toHaveAttribute("data-state", "connected");
  await expect(page.locator("#server-url")).toHaveValue(gradioUrl);
});
