import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../server.js";
import { newSession, TestClient } from "../testing/sse-test-client.js";

let v625: TestServer;
let v514: TestServer;

beforeAll(async () => {
  [v625, v514] = await Promise.all([
    startTestServer({ version: "6.25.0", timeScale: 0.02 }),
    startTestServer({ timeScale: 0.02, version: "5.14.0" }),
  ]);
});
afterAll(() => Promise.all([v625.close(), v514.close()]));

const run = (server: TestServer, fnIndex: number, data: unknown[]) =>
  new TestClient(server.url).run(fnIndex, data, newSession());

describe("6.25 message shapes (gradio-6.25/sse-predict.txt, sse-generator.txt, sse-error.txt, errors-misc.txt)", () => {
  it("process_completed: top-level used_cache null, cache_duration and avg_time copied from the output", async () => {
    const { messages } = await run(v625, 0, [4, "add", 5]);
    const completed = messages[2]!;
    const output = completed.output as Record<string, unknown>;
    expect(Object.keys(completed)).toEqual([
      "msg",
      "event_id",
      "output",
      "success",
      "title",
      "used_cache",
      "cache_duration",
      "avg_time",
    ]);
    expect(completed).toMatchObject({ used_cache: null, success: true, title: null });
    expect(completed.cache_duration).toBe(output.duration);
    expect(completed.avg_time).toBe(output.average_duration);
    expect(output).toMatchObject({ data: [9], used_cache: null });
  });

  it("process_generating: output.used_cache null on every message", async () => {
    const { messages } = await run(v625, 1, [3]);
    const generating = messages.filter((message) => message.msg === "process_generating");
    expect(generating).toHaveLength(3);
    for (const message of generating) expect(message.output).toMatchObject({ used_cache: null });
  });

  it("errors: the cache fields are null; a plain exception's payload gains visible", async () => {
    const failed = (await run(v625, 4, ["x"])).messages[2];
    expect(failed).toEqual({
      msg: "process_completed",
      event_id: expect.any(String),
      output: { error: "bad input", duration: 10, visible: true, title: "Error" },
      success: false,
      title: "Error",
      used_cache: null,
      cache_duration: null,
      avg_time: null,
    });
    const raised = (await run(v625, 16, ["x"])).messages[2];
    expect(raised?.output).toEqual({ error: "division by zero", visible: true });
  });

  it("5.14 has none of them", async () => {
    const completed = (await run(v514, 0, [4, "add", 5])).messages[2]!;
    expect(Object.keys(completed)).toEqual(["msg", "event_id", "output", "success", "title"]);
    expect(completed.output).not.toHaveProperty("used_cache");
    expect((await run(v514, 16, ["x"])).messages[2]?.output).toEqual({ error: "division by zero" });
  });
});
