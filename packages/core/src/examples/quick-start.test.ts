/**
 * The README's quick start (`packages/core/examples/quick-start.ts`, which the README shows verbatim: checked in
 * packages/test-utils/src/readme-examples.test.ts) run in Node against the test server, with what it logs.
 */
import { startTestServer, type TestServer } from "@gradio-jobs/test-server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  await server.close();
});

describe("README quick start (core)", () => {
  it("adds on /predict, streams /count's yields once each and logs the result, then closes its client", async () => {
    vi.stubEnv("GRADIO_APP", server.url);
    const logs: unknown[][] = [];
    vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => void logs.push(args));

    // Runs the module (top-level await): it resolves once the example is done.
    await import("../../examples/quick-start.js");

    expect(logs[0]).toEqual(["sum", 9]);
    expect(logs.filter((line) => line[0] === "yielded")).toEqual([0, 1, 2, 3, 4].map((n) => ["yielded", n]));
    expect(logs.at(-1)).toEqual([[4]]);
    const stages = logs.filter((line) => line.length === 6).map((line) => line[0]);
    expect(stages).toContain("running");
    expect(stages.at(-1)).toBe("complete");
    // The yields come while the job runs, before its result.
    const lastYield = logs.findLastIndex((line) => line[0] === "yielded");
    expect(lastYield).toBeLessThan(logs.length - 1);
    // `client.close()` in `finally`: nothing of the example's session stays open on the server.
    await vi.waitFor(() => expect(server.stats.openStreams).toBe(0));
  });
});
