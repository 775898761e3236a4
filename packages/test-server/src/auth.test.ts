import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./server.js";
import { newSession, TestClient } from "./testing/sse-test-client.js";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ auth: ["user", "pass"], timeScale: 0.02, version: "5.14.0" });
});
afterAll(() => server.close());

/** 5.14's 401 body (the conformance server); 5.45 nests `{error, auth_message}` instead. */
const NOT_AUTHENTICATED = { detail: "Not authenticated" };

function login(username: string, password: string): Promise<Response> {
  return fetch(`${server.url}/login`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ username, password }).toString(),
  });
}

describe("password auth (auth.txt)", () => {
  it("answers 401 on every login-gated route without a cookie", async () => {
    const client = new TestClient(server.url);
    const gated = [
      fetch(`${server.url}/config`),
      fetch(client.api("/info")),
      client.postJson("/queue/join", { data: ["x"], fn_index: 0, session_hash: "noauth00001" }),
      fetch(client.api("/queue/data?session_hash=x")),
      fetch(client.api("/upload"), {
        method: "POST",
        headers: { "content-type": "multipart/form-data; boundary=x" },
        body: "--x--\r\n",
      }),
      fetch(client.api("/file=/tmp/x")),
      client.postJson("/run/direct", { data: ["x"] }),
    ];
    for (const response of await Promise.all(gated)) {
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual(NOT_AUTHENTICATED);
    }
  });

  it("answers 401 with 5.45's nested detail when it plays 5.45", async () => {
    const newer = await startTestServer({ auth: ["user", "pass"], version: "5.45.0" });
    try {
      const response = await fetch(`${newer.url}/config`);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ detail: { error: "Not authenticated", auth_message: null } });
    } finally {
      await newer.close();
    }
  });

  it("serves the logged-out page with auth_required", async () => {
    const html = await (await fetch(`${server.url}/`)).text();
    const config = JSON.parse(/window\.gradio_config = (.*?);<\/script>/.exec(html)?.[1] ?? "null");
    expect(config).toEqual({
      auth_required: true,
      auth_message: null,
      space_id: null,
      root: server.url,
      page: { "": { layout: {} } },
      pages: [""],
      components: [],
      dependencies: [],
      current_page: "",
    });
  });

  it("answers 400 on a wrong password", async () => {
    const response = await login("user", "wrong");
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ detail: "Incorrect credentials." });
  });

  it("logs in with two cookies that open the gated routes, and logs out", async () => {
    const response = await login("user", "pass");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ success: true });
    const cookies = response.headers.getSetCookie();
    expect(cookies).toHaveLength(2);
    expect(cookies[0]).toMatch(
      /^access-token-[\w-]{43}=[\w-]{22}; HttpOnly; Path=\/; SameSite=none; Secure$/,
    );
    expect(cookies[1]).toMatch(
      /^access-token-unsecure-[\w-]{43}=[\w-]{22}; HttpOnly; Path=\/; SameSite=lax$/,
    );
    const cookie = cookies.map((value) => value.split(";")[0]).join("; ");
    const client = new TestClient(server.url, "/gradio_api", { cookie });
    expect((await fetch(`${server.url}/config`, { headers: { cookie } })).status).toBe(200);
    const { messages } = await client.run(0, [1, "add", 2], newSession());
    expect(messages[2]).toMatchObject({ output: { data: [3] } });
    // Either cookie alone is enough.
    expect(
      (await fetch(`${server.url}/config`, { headers: { cookie: cookies[1]!.split(";")[0]! } })).status,
    ).toBe(200);
    const logout = await fetch(`${server.url}/logout`, { headers: { cookie }, redirect: "manual" });
    expect(logout.status).toBe(302);
    expect(logout.headers.getSetCookie().every((value) => value.includes("Max-Age=0"))).toBe(true);
    expect((await fetch(`${server.url}/config`, { headers: { cookie } })).status).toBe(401);
  });

  it("accepts multipart login forms; without auth configured /login redirects", async () => {
    const form = new FormData();
    form.append("username", "user");
    form.append("password", "pass");
    expect((await fetch(`${server.url}/login`, { method: "POST", body: form })).status).toBe(200);
    const open = await startTestServer({ version: "5.14.0" });
    const redirect = await fetch(`${open.url}/login`, { method: "POST", body: form, redirect: "manual" });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get("location")).toBe("/");
    await open.close();
  });
});
