/**
 * The conformance contract (`conformance/contract/`), the same scenarios that run against real Gradio 5.14.0,
 * 5.45.0 and 6.25.0 and the test server, against the mock: the conformance apps written with the mock's public API
 * (./apps.ts), served by `startMockServer` as a user would, for both protocol models. At `timeScale` 0.5 like the
 * test-server run.
 *
 * The contract's groups are registered one by one rather than through `defineContract`, so that a group the mock
 * does not model is left out by name, not failed or skipped silently. Left out (the mock README and
 * conformance/README.md say why): the streaming-input events (`.stream()`, conformance/apps/stream.py) and
 * `gr.render` (conformance/apps/render.py): the mock has neither.
 */
import { afterAll, beforeAll, describe } from "vitest";
import { callScenarios } from "../../../../conformance/contract/calls.js";
import { cancelScenarios, serverWorkScenarios } from "../../../../conformance/contract/cancel.js";
import { fileScenarios } from "../../../../conformance/contract/files.js";
import { metadataScenarios } from "../../../../conformance/contract/metadata.js";
import { queueScenarios } from "../../../../conformance/contract/queue.js";
import { sessionScenarios } from "../../../../conformance/contract/sessions.js";
import { streamingScenarios } from "../../../../conformance/contract/streaming.js";
import type { Target } from "../../../../conformance/contract/target.js";
import type { MockProtocol } from "../index.js";
import { type MockServer, startMockServer } from "../node/index.js";
import { authApp, mainApp, queueFullApp, workApp } from "./apps.js";

const timeScale = 0.5;
const heartbeatMs = 1_000;
const credentials = ["user", "pass"] as const;

function contractOn(protocol: MockProtocol): void {
  describe(`mock (${protocol})`, () => {
    let servers: MockServer[] = [];
    let target: Target | undefined;

    beforeAll(async () => {
      const options = { timeScale, heartbeatIntervalMs: heartbeatMs };
      servers = await Promise.all([
        startMockServer(mainApp(protocol), options),
        startMockServer(authApp(protocol, credentials), options),
        startMockServer(queueFullApp(protocol), options),
        startMockServer(workApp(protocol), options),
        startMockServer(workApp(protocol), options),
      ]);
      const [main, auth, queueFull, work, workDetect] = servers as [
        MockServer,
        MockServer,
        MockServer,
        MockServer,
        MockServer,
      ];
      // `as Target`: the stream and render apps the mock does not model (see above) have no URL here.
      target = {
        mainUrl: main.url,
        authUrl: auth.url,
        queueFullUrl: queueFull.url,
        workUrl: work.url,
        workDetectUrl: workDetect.url,
        // The mock runs `onUnload` as soon as a heartbeat stream closes.
        workNoticesHeartbeatClose: true,
        credentials,
        timeScale,
        heartbeatMs,
      } as Target;
    });

    afterAll(async () => {
      await Promise.all(servers.map((server) => server.close()));
    });

    const current = (): Target => {
      if (!target) throw new Error("the mock servers did not start");
      return target;
    };
    describe(`Gradio contract on @gradio-jobs/mock (${protocol})`, () => {
      callScenarios(current);
      streamingScenarios(current);
      queueScenarios(current);
      cancelScenarios(current);
      serverWorkScenarios(current);
      fileScenarios(current);
      sessionScenarios(current);
      metadataScenarios(current);
    });
  });
}

contractOn("6.25");
contractOn("5.x");
