/**
 * The conformance contract against `packages/test-server`, started in-process. Part of the normal `vitest run`.
 * The servers run at `timeScale` 0.5 (a /slow job takes 1 s, a /work job 0.75 s): fast, yet far enough from
 * scheduling noise for the timing checks of the cancel scenarios. The two work-app servers both notice a closed
 * heartbeat stream (the test server's default), unlike real Gradio's work.py under uvicorn 0.32.
 */
import { startTestServer, type TestServer } from "@gradio-jobs/test-server";
import { afterAll, beforeAll } from "vitest";
import { defineContract, type Target } from "./contract/index.js";

const timeScale = 0.5;
const heartbeatMs = 1_000;
const credentials = ["user", "pass"] as const;
let servers: TestServer[] = [];
let target: Target | undefined;

beforeAll(async () => {
  const [main, auth, queueFull, work, workDetect] = await Promise.all([
    startTestServer({ timeScale, heartbeatIntervalMs: heartbeatMs }),
    startTestServer({ timeScale, auth: [...credentials] }),
    startTestServer({ timeScale, queueMaxSize: 2 }),
    startTestServer({ app: "work", timeScale, heartbeatIntervalMs: heartbeatMs }),
    startTestServer({ app: "work", timeScale, heartbeatIntervalMs: heartbeatMs }),
  ]);
  servers = [main, auth, queueFull, work, workDetect];
  target = {
    mainUrl: main.url,
    authUrl: auth.url,
    queueFullUrl: queueFull.url,
    workUrl: work.url,
    workDetectUrl: workDetect.url,
    workNoticesHeartbeatClose: true,
    credentials,
    timeScale,
    heartbeatMs,
  };
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

defineContract("packages/test-server", () => {
  if (!target) throw new Error("the test servers did not start");
  return target;
});
