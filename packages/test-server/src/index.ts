/**
 * `@gradio-jobs/test-server`: a Gradio-protocol server in TypeScript, started in-process by tests.
 *
 * @example
 * import { startTestServer, waitForEvent } from "@gradio-jobs/test-server";
 * const server = await startTestServer({ timeScale: 0.05 });
 * // point the SDK at server.url …
 * await server.close();
 */
export type { RunOutcome, RunRecord } from "./app/run-log.js";
export { type JobEventPayload, type ServerEventMap, waitForEvent } from "./events.js";
export type { FaultController, FaultRoute, FaultRule } from "./faults.js";
export type { HubOptions, HubStage, SpaceHub, SpaceRecord, SpaceScript, SpaceStep } from "./hub/space-hub.js";
export {
  type AppName,
  type ProtocolName,
  type TestServerOptions,
  type VersionFeatures,
  versionFeatures,
} from "./options.js";
export type { StreamChunkRecord } from "./queue/stream-events.js";
export { startTestServer, type TestServer } from "./server.js";
export type { ServerStats } from "./stats.js";
