import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import type { TestSpecification } from "vitest/node";

/** The files, in the order they run: the CPU-heavy type-check first, the timed scenarios last. */
const files = [
  "conformance/typegen.test.ts",
  "conformance/work-app.test.ts",
  "conformance/real-gradio.test.ts",
];

/**
 * Runs the files in the order of `files`. run-real-gradio.sh may run the suites of several Gradio versions at once;
 * this way the type-check (seconds of CPU) of each overlaps with the others' start-up, not with their timed cancel
 * and queue scenarios.
 */
class FixedOrder {
  async shard(specs: TestSpecification[]): Promise<TestSpecification[]> {
    return specs;
  }
  async sort(specs: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (spec: TestSpecification) => files.findIndex((file) => spec.moduleId.endsWith(file));
    return [...specs].sort((a, b) => rank(a) - rank(b));
  }
}

/**
 * The conformance contract against real Gradio servers whose URLs come from the environment
 * (`GRADIO_MAIN_URL`, `GRADIO_AUTH_URL`, `GRADIO_QUEUE_FULL_URL`, `GRADIO_WORK_URL`, `GRADIO_WORK_DETECT_URL`; see
 * conformance/README.md). `conformance/run-real-gradio.sh` starts the apps and runs this once per Gradio version.
 * The scenarios take real app time (~55 s per version, 17 s of it a job silent for longer than Gradio's 15 s
 * heartbeat). `typegen.test.ts` checks the typed-endpoints generator (`gradio-jobs types`) against the same apps;
 * `work-app.test.ts` checks the work app and its detect-disconnect control.
 */
export default defineConfig({
  root: fileURLToPath(new URL("..", import.meta.url)),
  resolve: { conditions: ["source"] },
  ssr: { resolve: { conditions: ["source"] } },
  test: {
    include: files,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    // One file at a time: the files share the servers (typegen calls the main app's functions, work-app resets the
    // work app's run log), and the scenarios time concurrency_limit=1 queues.
    fileParallelism: false,
    sequence: { sequencer: FixedOrder },
  },
});
