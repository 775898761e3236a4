import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../server.js";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({
    timeScale: 0.02,
    hub: {
      spaces: {
        "me/sleepy": {
          stages: [{ stage: "SLEEPING" }, { stage: "APP_STARTING", reads: 2 }, { stage: "RUNNING" }],
        },
        "me/broken": {
          stages: [
            { stage: "BUILDING" },
            { stage: "BUILD_ERROR", errorMessage: "pip install failed: no torch==9" },
          ],
        },
        "me/secret": { private: true, hardware: "t4-small" },
      },
    },
  });
});
afterAll(() => server.close());

const get = async (path: string, token?: string) => {
  const response = await fetch(`${server.url}${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};
const post = async (path: string, body: unknown, token?: string) => {
  const response = await fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};
const stageOf = (body: Record<string, unknown>) => (body.runtime as { stage: string }).stage;

describe("Hub model: Space stages", () => {
  it("wakes a sleeping Space on a status read, then starts it over reads until it runs; /runtime only looks", async () => {
    const stages: string[] = [];
    for (let read = 0; read < 5; read++) stages.push(stageOf((await get("/api/spaces/me/sleepy")).body));
    expect(stages).toEqual(["SLEEPING", "APP_STARTING", "APP_STARTING", "RUNNING", "RUNNING"]);
    expect((await get("/api/spaces/me/sleepy/runtime")).body.stage).toBe("RUNNING");
    expect(server.hub.space("me/sleepy")?.answered).toEqual(stages);
  });

  it("reports a build error with the Hub's reason, also by subdomain", async () => {
    expect(stageOf((await get("/api/spaces/by-subdomain/me-broken")).body)).toBe("BUILDING");
    const failed = (await get("/api/spaces/me/broken")).body.runtime;
    expect(failed).toMatchObject({ stage: "BUILD_ERROR", errorMessage: "pip install failed: no torch==9" });
    expect((await get("/api/spaces/by-subdomain/nobody-here")).status).toBe(404);
  });

  it("hides a private Space without a valid token; any other id is a running public Space, owner 'missing' none", async () => {
    expect((await get("/api/spaces/me/secret")).status).toBe(404);
    expect((await get("/api/spaces/me/secret", "hf_invalid")).status).toBe(404);
    expect((await get("/api/spaces/me/secret/runtime", "hf_ok")).body).toMatchObject({
      stage: "RUNNING",
      hardware: { current: "t4-small" },
    });
    expect(stageOf((await get("/api/spaces/anyone/anything")).body)).toBe("RUNNING");
    expect((await get("/api/spaces/missing/app")).status).toBe(404);
    expect((await get("/api/spaces/missing/app/host")).status).toBe(404);
  });
});

describe("Hub model: duplicate", () => {
  it("needs a valid token, creates the copy in the token's namespace, and answers 409 for an existing copy", async () => {
    expect((await get("/api/whoami-v2")).status).toBe(401);
    expect((await get("/api/whoami-v2", "hf_abc")).body).toEqual({ type: "user", name: "test-user" });
    const request = {
      repository: "test-user/secret",
      private: true,
      hardware: "a10g-small",
      sleepTimeSeconds: 600,
    };
    expect((await post("/api/spaces/me/secret/duplicate", request)).status).toBe(401);
    expect((await post("/api/spaces/me/secret/duplicate", request, "hf_invalid")).status).toBe(401);
    expect(
      (await post("/api/spaces/me/secret/duplicate", { ...request, hardware: "gpu-9000" }, "hf_abc")).status,
    ).toBe(400);
    expect(
      (await post("/api/spaces/me/secret/duplicate", { ...request, repository: "me/copy" }, "hf_abc")).status,
    ).toBe(403);

    const created = await post("/api/spaces/me/secret/duplicate", request, "hf_abc");
    expect(created).toEqual({ status: 200, body: { url: `${server.url}/spaces/test-user/secret` } });
    expect(server.hub.space("test-user/secret")).toMatchObject({
      private: true,
      hardware: "a10g-small",
      sleepTime: 600,
      duplicatedFrom: "me/secret",
      stage: "BUILDING",
    });
    const again = await post("/api/spaces/me/secret/duplicate", request, "hf_abc");
    expect(again.status).toBe(409);
    expect(again.body.url).toBe(`${server.url}/spaces/test-user/secret`);

    expect((await post("/api/spaces/test-user/secret/sleeptime", { seconds: 300 })).status).toBe(401);
    expect((await post("/api/spaces/me/sleepy/sleeptime", { seconds: 300 }, "hf_abc")).status).toBe(403);
    expect((await post("/api/spaces/test-user/secret/sleeptime", { seconds: 300 }, "hf_abc")).status).toBe(
      200,
    );
    expect(server.hub.space("test-user/secret")?.sleepTime).toBe(300);
  });
});
