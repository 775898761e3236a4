import { afterEach, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./server.js";
import { dataOf, names, newSession, SseReader, TestClient } from "./testing/sse-test-client.js";

let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("older protocols", () => {
  it("sse_v1 (4.9): no api_prefix, full values while generating, stream ends without close_stream", async () => {
    server = await startTestServer({ protocol: "sse_v1", timeScale: 0.02 });
    const config = await (await fetch(`${server.url}/config`)).json();
    expect(config).toMatchObject({ protocol: "sse_v1", version: "4.9.0" });
    expect("api_prefix" in config).toBe(false);
    expect((await fetch(`${server.url}/info`)).status).toBe(200);
    expect((await fetch(`${server.url}/gradio_api/info`)).status).toBe(404);
    const client = new TestClient(server.url, "");
    const { messages, end } = await client.run(1, [3], newSession());
    expect(end).toBe("clean");
    expect(names(messages).at(-1)).toBe("process_completed");
    const outputs = messages.filter((m) => m.msg === "process_generating").map((m) => dataOf(m));
    expect(outputs).toEqual([[0], [1], [2]]);
  });

  it("sse_v2 (4.17): diffs, no close_stream, no /cancel before 4.31", async () => {
    server = await startTestServer({ protocol: "sse_v2", timeScale: 0.02 });
    const client = new TestClient(server.url, "");
    const { messages } = await client.run(1, [2], newSession());
    expect(messages.filter((m) => m.msg === "process_generating").map((m) => dataOf(m))).toEqual([
      [0],
      [[["replace", [], 1]]],
    ]);
    expect(names(messages)).not.toContain("close_stream");
    expect((await client.cancel("s", 0, "e")).status).toBe(404);
  });

  it("sse_v2.1 and sse_v3 with a 4.x version keep their dialect; 4.x 401 detail is a string", async () => {
    server = await startTestServer({ protocol: "sse_v2.1", auth: ["u", "p"] });
    const denied = await fetch(`${server.url}/config`);
    expect(await denied.json()).toEqual({ detail: "Not authenticated" });
    await server.close();
    server = await startTestServer({ protocol: "sse_v3", version: "4.36.1", timeScale: 0.02 });
    const client = new TestClient(server.url, "");
    const { messages } = await client.run(0, [1, "add", 1], newSession());
    expect(names(messages).at(-1)).toBe("close_stream");
    expect((await client.cancel("s", 0, "e")).status).toBe(200);
  });

  it("sse (4.0 - 4.8): per-job stream, send_data, POST /queue/data, spaced JSON frames", async () => {
    server = await startTestServer({ protocol: "sse", timeScale: 0.02 });
    const config = await (await fetch(`${server.url}/config`)).json();
    expect(config).toMatchObject({ protocol: "sse", version: "4.8.0" });
    const session = newSession();
    const reader = await SseReader.open(`${server.url}/queue/join?fn_index=1&session_hash=${session}`);
    const sendData = await reader.waitFor((message) => message.msg === "send_data");
    expect(reader.frames[0]).toMatch(/^\{"msg": "estimation", "rank": 0, "queue_size": 1, /);
    const posted = await fetch(`${server.url}/queue/data`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        data: [2],
        event_data: null,
        fn_index: 1,
        session_hash: session,
        event_id: sendData.event_id,
      }),
    });
    expect(posted.status).toBe(200);
    expect(await posted.json()).toBeNull();
    expect(await reader.done).toBe("clean");
    expect(names(reader.messages)).toEqual([
      "estimation",
      "send_data",
      "process_starts",
      "process_generating",
      "process_generating",
      "process_completed",
    ]);
    expect(reader.messages.at(-1)).toMatchObject({ output: { data: [1] }, success: true });
    expect(reader.messages[2]).not.toHaveProperty("event_id");
  });

  it("sse (4.0 - 4.8): a full queue is the queue_full message", async () => {
    server = await startTestServer({ protocol: "sse", queueMaxSize: 0 });
    const reader = await SseReader.open(`${server.url}/queue/join?fn_index=0&session_hash=${newSession()}`);
    expect(await reader.done).toBe("clean");
    expect(reader.frames).toEqual(['{"msg": "queue_full"}']);
  });
});
