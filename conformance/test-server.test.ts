/**
 * The conformance contract against `packages/test-server`, started in-process, modelling Gradio 5.14.0 and 6.25.0.
 * Part of the normal `vitest run`.
 * The servers run at `timeScale` 0.5 (a /slow job takes 1 s, a /work job 0.75 s): fast, yet far enough from
 * scheduling noise for the timing checks of the cancel scenarios. The two work-app servers both notice a closed
 * heartbeat stream (the test server's default), unlike real Gradio's work.py under uvicorn 0.32.
 */
import { startTestServer, type TestServer } from "@gradio-jobs/test-server";
import { afterAll, beforeAll, describe } from "vitest";
import { defineContract, type Target } from "./contract/index.js";

const timeScale = 0.5;
const heartbeatMs = 1_000;
const credentials = ["user", "pass"] as const;

/**
 * The contract against test servers that model one Gradio version: 5.14.0 (the default) and 6.25.0, whose cancel,
 * disconnect and diff behaviour differ (protocol §16: the queued-cancel removal, the lingering closed stream, the
 * diff chain of a cancelled generator run).
 */
function contractOn(version: string): void {
  describe(`Gradio ${version} model`, () => {
    let servers: TestServer[] = [];
    let target: Target | undefined;

    beforeAll(async () => {
      const [main, auth, queueFull, work, workDetect, stream, render] = await Promise.all([
        startTestServer({ version, timeScale, heartbeatIntervalMs: heartbeatMs }),
        startTestServer({ version, timeScale, auth: [...credentials] }),
        startTestServer({ version, timeScale, queueMaxSize: 2 }),
        startTestServer({ version, app: "work", timeScale, heartbeatIntervalMs: heartbeatMs }),
        startTestServer({ version, app: "work", timeScale, heartbeatIntervalMs: heartbeatMs }),
        startTestServer({ version, app: "stream", heartbeatIntervalMs: heartbeatMs }),
        startTestServer({ version, app: "render", heartbeatIntervalMs: heartbeatMs }),
      ]);
      servers = [main, auth, queueFull, work, workDetect, stream, render];
      target = {
        mainUrl: main.url,
        authUrl: auth.url,
        queueFullUrl: queueFull.url,
        workUrl: work.url,
        workDetectUrl: workDetect.url,
        streamUrl: stream.url,
        renderUrl: render.url,
        workNoticesHeartbeatClose: true,
        credentials,
        timeScale,
        heartbeatMs,
      };
    });

    afterAll(async () => {
      await Promise.all(servers.map((server) => server.close()));
    });

    defineContract(`packages/test-server (${version})`, () => {
      if (!target) throw new Error("the test servers did not start");
      return target;
    });
  });
}

contractOn("5.14.0");
contractOn("6.25.0");
