/**
 * The mock's in-process start (issue #17 target ≤ 50 ms): from nothing to a first `/config` answered, as a fetch
 * handler and as an HTTP server. Printed, not asserted (numbers are measured, not tested); the test checks only that
 * each start answered.
 */
import { describe, expect, it } from "vitest";
import { createMockGradio, defineApp, endpoint, number, textbox } from "./index.js";
import { startMockServer } from "./node/index.js";

function app() {
  return defineApp({
    endpoints: {
      "/predict": endpoint({
        parameters: [number("a"), number("b")],
        outputs: [number("sum")],
        fn: (a, b) => a + b,
      }),
      "/echo": endpoint({ parameters: [textbox("text")], outputs: [textbox("echo")], fn: (text) => text }),
    },
  });
}

function summary(times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] as number;
  return `first ${times[0]?.toFixed(2)} ms, median ${median.toFixed(2)} ms, max ${sorted.at(-1)?.toFixed(2)} ms`;
}

describe("start time (printed)", () => {
  it("defineApp + createMockGradio + first /config, 20 times", async () => {
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const start = performance.now();
      const mock = createMockGradio(app());
      const response = await mock.fetch(new Request("http://mock.test/config"));
      times.push(performance.now() - start);
      expect(response.status).toBe(200);
      mock.close();
    }
    console.log(`mock start, fetch handler: ${summary(times)} (target ≤ 50 ms)`);
  });

  it("defineApp + startMockServer + first /config over HTTP, 20 times", async () => {
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const start = performance.now();
      const server = await startMockServer(app());
      const response = await fetch(`${server.url}/config`);
      times.push(performance.now() - start);
      expect(response.status).toBe(200);
      await server.close();
    }
    console.log(`mock start, HTTP server: ${summary(times)} (target ≤ 50 ms)`);
  });
});
