/**
 * The ZeroGPU header handshake in Chromium (issue #15 item 3): a Space page (`https://owner-space.hf.space`, the IIFE
 * build) inside the Hub's page for it (`https://huggingface.co/spaces/owner/space`), whose script answers as the Hub
 * page would. Neither site is reached: Playwright serves both pages, and forwards the Space's app routes and the
 * Hub's API routes to a test server of this file's own (with its model of the Hub), which records the headers each
 * join arrived with. There is no Hub access here: the parent's answers follow the official client's code.
 */
import { fileURLToPath } from "node:url";
import { startTestServer, type TestServer } from "@gradio-jobs/test-server";
import { expect, type Page, test } from "@playwright/test";

const HUB = "https://huggingface.co";
const SPACE = "https://owner-space.hf.space";
/** The built core (scripts/e2e.sh builds it first); `E2E_CORE_DIST` points elsewhere, e.g. a build of a clean checkout. */
const dist = process.env.E2E_CORE_DIST
  ? new URL(`file://${process.env.E2E_CORE_DIST.replace(/\/?$/, "/")}`)
  : new URL("../../packages/core/dist/", import.meta.url);

let server: TestServer;
test.beforeAll(async () => {
  server = await startTestServer({ timeScale: 0.05, hub: { spaces: { "owner/space": {} } } });
});
test.afterAll(async () => {
  await server.close();
});

/** The Hub's page: answers the handshake when `answers`, then gives numbered headers for each join it is asked. */
const hubPage = (answers: boolean) => `<!doctype html><title>hub</title><script>
  let asks = 0;
  window.addEventListener("message", (event) => {
    if (event.origin !== "${SPACE}") return;
    if (event.data === "supports-zerogpu-headers" && ${answers}) event.source.postMessage(event.data, "${SPACE}");
    if (event.data === "zerogpu-headers") {
      asks += 1;
      event.ports[0].postMessage(new Map([["x-zerogpu-token", "zt-" + asks], ["x-ip-token", "ip-" + asks]]));
    }
  });
</script><iframe src="${SPACE}/"></iframe>`;

/** The Space's page: the classic-script build, and two predicts on one client. */
const spacePage = `<!doctype html><title>space</title><script src="/sdk/gradio-jobs.iife.js"></script><script>
  window.run = async () => {
    const client = await GradioJobs.Client.connect(location.origin, { hubUrl: "${HUB}", heartbeat: false });
    const sums = [await client.predict("/predict", [1, "add", 2]), await client.predict("/predict", [2, "add", 2])];
    client.close();
    return sums;
  };
</script>`;

/** Opens the Hub page with the Space page inside; returns the Space page's frame. */
async function openSpace(page: Page, parentAnswers: boolean) {
  await page.route(`${HUB}/**`, async (route) => {
    const url = new URL(route.request().url());
    if (!url.pathname.startsWith("/api/")) {
      return route.fulfill({ contentType: "text/html", body: hubPage(parentAnswers) });
    }
    // The test server is a local host, which (like Gradio) gives non-local origins no CORS header: the Hub does.
    const response = await route.fetch({ url: `${server.url}${url.pathname}${url.search}` });
    return route.fulfill({
      response,
      headers: { ...response.headers(), "access-control-allow-origin": SPACE },
    });
  });
  await page.route(`${SPACE}/**`, async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === "/") return route.fulfill({ contentType: "text/html", body: spacePage });
    if (url.pathname.startsWith("/sdk/")) {
      const file = fileURLToPath(new URL(url.pathname.slice("/sdk/".length), dist));
      return route.fulfill({ path: file, contentType: "text/javascript" });
    }
    // The app's routes; an event stream arrives whole once the server ends it (sse_v3 ends it after the job).
    return route.fulfill({
      response: await route.fetch({ url: `${server.url}${url.pathname}${url.search}` }),
    });
  });
  await page.goto(`${HUB}/spaces/owner/space`);
  const frame = page.frame({ url: `${SPACE}/` });
  if (!frame) throw new Error("the Space page's iframe did not load");
  await frame.waitForFunction(() => typeof (window as { run?: unknown }).run === "function");
  return frame;
}

/** The headers of every join the test server received from `from` on. */
const joinHeaders = (from: number) =>
  server.stats.requests.slice(from).filter((request) => request.path.endsWith("/queue/join"));

test("an embedded Space page sends the parent's ZeroGPU headers with each join, and only there", async ({
  page,
}) => {
  const before = server.stats.requests.length;
  const frame = await openSpace(page, true);
  expect(await frame.evaluate(() => (window as unknown as { run: () => Promise<unknown> }).run())).toEqual([
    [3],
    [4],
  ]);
  const joins = joinHeaders(before).map(({ headers }) => [headers["x-zerogpu-token"], headers["x-ip-token"]]);
  expect(joins).toEqual([
    ["zt-1", "ip-1"],
    ["zt-2", "ip-2"],
  ]);
  const others = server.stats.requests
    .slice(before)
    .filter((request) => !request.path.endsWith("/queue/join"));
  expect(others.map((request) => request.path)).toContain("/config");
  expect(others.filter((request) => request.headers["x-ip-token"] !== undefined)).toEqual([]);
  // The connect asked the Hub (the model) for the Space's stage by its subdomain.
  expect(server.hub.space("owner/space")?.answered.length).toBeGreaterThan(0);
});

test("a parent that does not answer the handshake costs one short wait; joins go without the headers", async ({
  page,
}) => {
  const before = server.stats.requests.length;
  const frame = await openSpace(page, false);
  const started = Date.now();
  expect(await frame.evaluate(() => (window as unknown as { run: () => Promise<unknown> }).run())).toEqual([
    [3],
    [4],
  ]);
  expect(Date.now() - started).toBeLessThan(5_000);
  expect(joinHeaders(before).map(({ headers }) => headers["x-ip-token"])).toEqual([undefined, undefined]);
});
