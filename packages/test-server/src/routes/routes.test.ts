import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../server.js";
import { newSession, TestClient } from "../testing/sse-test-client.js";

let server: TestServer;
let client: TestClient;

beforeAll(async () => {
  server = await startTestServer({ timeScale: 0.02, queueMaxSize: 2 });
  client = new TestClient(server.url);
});
afterAll(() => server.close());

describe("queue/join errors (§4.2, sse-errors-misc.txt)", () => {
  it("400 without session_hash or fn_index, 500 text/plain for an unknown fn, 422 for a malformed body", async () => {
    const noSession = await client.postJson("/queue/join", {
      data: [1, "add", 2],
      event_data: null,
      fn_index: 0,
      trigger_id: 7,
    });
    expect([noSession.status, await noSession.json()]).toEqual([400, { detail: "Session hash not found." }]);
    const noFn = await client.postJson("/queue/join", { data: [], session_hash: "s" });
    expect([noFn.status, await noFn.json()]).toEqual([400, { detail: "No function index provided." }]);
    const unknown = await client.postJson("/queue/join", {
      data: [1],
      fn_index: 999,
      session_hash: "badfnidx001",
    });
    expect(unknown.status).toBe(500);
    expect(unknown.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await unknown.text()).toMatch(/KeyError: 999\n$/);
    const noData = await client.postJson("/queue/join", { fn_index: 0, session_hash: "s" });
    expect(noData.status).toBe(422);
    expect(await noData.json()).toMatchObject({
      detail: [{ type: "missing", loc: ["body", "data"], msg: "Field required" }],
    });
    const notJson = await fetch(client.api("/queue/join"), { method: "POST", body: "{nope" });
    expect(notJson.status).toBe(422);
  });

  it("503 when max_size WAITING jobs are queued; running jobs do not count (queue-full.txt)", async () => {
    const joinsBefore = server.stats.joins;
    const sessions = [newSession(), newSession(), newSession(), newSession()];
    await client.join(3, ["job0"], sessions[0]!);
    await client.join(3, ["job1"], sessions[1]!);
    await client.join(3, ["job2"], sessions[2]!);
    const refused = await client.postJson("/queue/join", {
      data: ["job3"],
      fn_index: 3,
      session_hash: sessions[3],
    });
    expect(refused.status).toBe(503);
    expect(await refused.json()).toEqual({ detail: "Queue is full. Max size is 2 and size is 2." });
    expect(server.stats.joins - joinsBefore).toBe(4);
    for (const session of sessions.slice(0, 3)) await (await client.stream(session)).done;
  });
});

describe("direct calls, hub stand-in, CORS", () => {
  it("POST {P}/run/… calls queue=False endpoints, and queued ones too while api_open (Gradio's default off Spaces)", async () => {
    const direct = await client.postJson("/run/direct", { data: ["hi"], session_hash: "r1" });
    expect(direct.status).toBe(200);
    expect(await direct.json()).toMatchObject({ data: ["hi"], is_generating: false, render_config: null });
    const queued = await client.postJson("/run/predict", { data: [1, "add", 2] });
    expect(queued.status).toBe(200);
    expect(await queued.json()).toMatchObject({ data: [3] });
    const closed = await startTestServer({ apiOpen: false });
    try {
      const refused = await new TestClient(closed.url).postJson("/run/predict", { data: [1, "add", 2] });
      expect(refused.status).toBe(404);
      expect(await refused.json()).toEqual({
        detail:
          "This API endpoint does not accept direct HTTP POST requests. Please join the queue to use this API.",
      });
    } finally {
      await closed.close();
    }
  });

  it("resolves Spaces to this server; owner 'missing' is 404", async () => {
    const host = await (await fetch(`${server.url}/api/spaces/hmb/auth_space/host`)).json();
    expect(host).toEqual({ subdomain: "hmb-auth-space", host: server.url });
    expect((await fetch(`${server.url}/api/spaces/missing/app/host`)).status).toBe(404);
  });

  it("echoes local origins with credentials, answers preflights, and hides non-local origins from a local host", async () => {
    const simple = await fetch(`${server.url}/config`, { headers: { origin: "http://localhost:5173" } });
    expect(simple.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    expect(simple.headers.get("access-control-allow-credentials")).toBe("true");
    const preflight = await fetch(client.api("/queue/join"), {
      method: "OPTIONS",
      headers: {
        origin: "http://127.0.0.1:3000",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type,x-gradio-user",
      },
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get("access-control-allow-headers")).toBe("content-type,x-gradio-user");
    const foreign = await fetch(`${server.url}/config`, { headers: { origin: "https://evil.example" } });
    expect(foreign.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("records every request with its headers", async () => {
    await fetch(client.api("/info"), { headers: { authorization: "Bearer hf_test" } });
    const last = server.stats.requests.at(-1);
    expect(last).toMatchObject({
      method: "GET",
      path: "/gradio_api/info",
      headers: { authorization: "Bearer hf_test" },
    });
  });
});
