import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * The conformance contract against real Gradio servers whose URLs come from the environment
 * (`GRADIO_MAIN_URL`, `GRADIO_AUTH_URL`, `GRADIO_QUEUE_FULL_URL`; see conformance/README.md).
 * `conformance/run-real-gradio.sh` starts the apps and runs this. The scenarios take real app time (~1 min).
 * `typegen.test.ts` checks the typed-endpoints generator (`gradio-jobs types`) against the same apps.
 */
export default defineConfig({
  root: fileURLToPath(new URL("..", import.meta.url)),
  resolve: { conditions: ["source"] },
  ssr: { resolve: { conditions: ["source"] } },
  test: {
    include: ["conformance/real-gradio.test.ts", "conformance/typegen.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
