/**
 * End-to-end tests of the playground in Debian's Chromium (`/usr/bin/chromium`; Playwright's own browser download
 * does not work here). One Gradio test server (the demo app), one work-app test server (the cancel page's) and one
 * `vite preview` of the built playground serve every test; the cancel tests also start real Gradio 5.45 and 6.25
 * (`real-gradio.ts`) when they first need them.
 * Run through `scripts/e2e.sh` (it checks Chromium, builds core and writes the JSON results).
 */
import { defineConfig } from "@playwright/test";
import { controlUrl, gradioUrl, playgroundUrl, ports, streamUrl, workUrl } from "./ports.js";

/** Where the mock's CLI serves packages/mock/examples/story-app.ts (tests/mock-cli.spec.ts). */
const mockPort = Number(process.env.E2E_MOCK_PORT ?? 17864);

export default defineConfig({
  testDir: "./tests",
  // One worker: every test shares the Gradio server, whose queues (concurrency 1) they watch.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  forbidOnly: Boolean(process.env.CI),
  // The JSON file is PLAYWRIGHT_JSON_OUTPUT_NAME (scripts/e2e.sh sets it), read by scripts/summarize-results.mjs.
  reporter: [["list"], ["json"]],
  outputDir: "test-results",
  use: {
    baseURL: playgroundUrl,
    viewport: { width: 1200, height: 800 },
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      // The machine's network is closed: keep Chromium from calling home.
      args: [
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
        // A fake camera and microphone (no hardware), allowed without a prompt: the streaming-inputs page.
        "--use-fake-device-for-media-stream",
        "--use-fake-ui-for-media-stream",
      ],
    },
  },
  webServer: [
    {
      command: "node --import tsx server.ts",
      url: `${controlUrl}/health`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "pipe",
    },
    {
      // The mock Gradio app of the @gradio-jobs/mock README's Playwright example (tests/mock-cli.spec.ts), served by
      // the mock's CLI (its source, as `npx gradio-mock` runs its build).
      command: `node --conditions source --import tsx ../packages/mock/src/node/bin.ts ../packages/mock/examples/story-app.ts --port ${mockPort} --time-scale 0.5`,
      url: `http://127.0.0.1:${mockPort}/config`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      // Built, not the dev server: what users deploy, and no dependency re-optimisation reloads mid-test.
      command: `corepack pnpm exec vite build --logLevel warn && corepack pnpm exec vite preview --port ${ports.playground}`,
      cwd: "../playground",
      env: { GRADIO_URL: gradioUrl, GRADIO_WORK_URL: workUrl, GRADIO_STREAM_URL: streamUrl },
      url: playgroundUrl,
      reuseExistingServer: false,
      timeout: 120_000,
    },
  ],
});
