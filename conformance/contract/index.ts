/**
 * The conformance contract: every scenario, written once, run against any {@link Target}. The entry files
 * (`conformance/test-server.test.ts`, `conformance/real-gradio.test.ts`) only say where the servers are.
 * @module
 */
import { describe } from "vitest";
import { callScenarios } from "./calls.js";
import { cancelScenarios, serverWorkScenarios } from "./cancel.js";
import { fileScenarios } from "./files.js";
import { metadataScenarios } from "./metadata.js";
import { queueScenarios } from "./queue.js";
import { renderScenarios } from "./render.js";
import { sessionScenarios } from "./sessions.js";
import { streamInputScenarios } from "./stream-inputs.js";
import { streamingScenarios } from "./streaming.js";
import type { Target } from "./target.js";

export type { Target } from "./target.js";

/**
 * Registers the whole contract. `target` is read inside the tests, so it may be filled in by a `beforeAll`.
 * Scenarios run one after another: several use `concurrency_limit=1` functions and time the queue.
 */
export function defineContract(name: string, target: () => Target): void {
  describe(`Gradio contract on ${name}`, () => {
    callScenarios(target);
    streamingScenarios(target);
    streamInputScenarios(target);
    renderScenarios(target);
    queueScenarios(target);
    cancelScenarios(target);
    serverWorkScenarios(target);
    fileScenarios(target);
    sessionScenarios(target);
    metadataScenarios(target);
  });
}
