import { waitForEvent } from "@gradio-jobs/test-server";
import { useTestServer } from "@gradio-jobs/test-utils/server";
import { describe, expect, it } from "vitest";
import { AuthError, ConnectionError, EndpointNotFoundError, HttpError, InputError } from "../errors.js";
import { Client } from "./client.js";

const server = useTestServer();

describe("Client.connect", () => {
  it("reads config and endpoint info once, typed", async () => {
    const before = server().stats.requests.length;
    const client = await Client.connect(`${server().url}/`);
    const paths = server()
      .stats.requests.slice(before)
      .map((r) => r.path);
    expect(paths).toEqual(["/config", "/gradio_api/info"]);
    expect(client.url).toBe(server().url);
    expect(client.apiBase).toBe(`${server().url}/gradio_api`);
    expect(client.config.protocol).toBe("sse_v3");
    const predict = client.endpoint("/predict");
    expect(predict.fnIndex).toBe(0);
    expect(predict.parameters.map((p) => [p.name, p.hasDefault, p.default])).toEqual([
      ["a", true, 4],
      ["op", true, "add"],
      ["b", true, 5],
    ]);
    expect(client.endpoint("count").generator).toBe(true);
    expect(client.endpoint("/increment").parameters).toEqual([]);
    expect(client.endpoint("/increment").hiddenInputs).toEqual([true]);
    expect(client.endpoint("/direct").queued).toBe(false);
  });

  it("resolves a Space id through the Hub and fails plainly for a missing one", async () => {
    const client = await Client.connect("owner/space", { hubUrl: server().url });
    expect(client.url).toBe(server().url);
    expect(client.spaceId).toBe("owner/space");
    await expect(Client.connect("missing/space", { hubUrl: server().url })).rejects.toBeInstanceOf(AuthError);
  });

  it("fails with ConnectionError when nothing listens, and with a clear error for a non-Gradio URL", async () => {
    await expect(Client.connect("http://127.0.0.1:9")).rejects.toBeInstanceOf(ConnectionError);
    await expect(Client.connect(`${server().url}/gradio_api/app_id`)).rejects.toBeInstanceOf(HttpError);
  });

  it("retries config on a transient 503 but not forever", async () => {
    server().faults.add({ route: "config", status: 503, times: 1 });
    const client = await Client.connect(server().url);
    expect(client.endpoints.length).toBeGreaterThan(10);
    server().faults.add({ route: "config", status: 502, times: 5 });
    await expect(Client.connect(server().url)).rejects.toMatchObject({ status: 502 });
    server().faults.clear();
  });

  it("sends the token only to the app's own origin", async () => {
    const client = await Client.connect(server().url, { token: "hf_secret" });
    await client.predict("/predict", [1, "add", 2]);
    const own = server().stats.requests.filter((r) => r.headers.authorization === "Bearer hf_secret");
    expect(own.length).toBeGreaterThanOrEqual(3);
  });
});

describe("predict and arguments", () => {
  it("calls by name and by fn index, positionally and by keyword with defaults", async () => {
    const client = await Client.connect(server().url);
    expect(await client.predict("/predict", [4, "add", 5])).toEqual([9]);
    expect(await client.predict(0, [2, "multiply", 3])).toEqual([6]);
    expect(await client.predict("/predict", { op: "subtract" })).toEqual([-1]);
    expect(await client.predict("/predict", [10])).toEqual([15]);
    expect(await client.predict("/multi", ["x"])).toHaveLength(3);
  });

  it("fails unknown endpoints before any queue request, listing the real ones", async () => {
    const client = await Client.connect(server().url);
    const joins = server().stats.joins;
    const error = await client.predict("/nope").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EndpointNotFoundError);
    expect((error as EndpointNotFoundError).available).toContain("/predict");
    await expect(client.predict(999)).rejects.toBeInstanceOf(EndpointNotFoundError);
    expect(server().stats.joins).toBe(joins);
  });

  it("refuses unknown keywords, too many values and missing required ones with InputError", async () => {
    const client = await Client.connect(server().url);
    await expect(client.predict("/predict", { c: 1 })).rejects.toBeInstanceOf(InputError);
    await expect(client.predict("/predict", [1, "add", 2, 3])).rejects.toBeInstanceOf(InputError);
    await expect(client.predict("/flip", [])).rejects.toThrow(/needs a value/);
  });

  it("keeps gr.State per session: sends null for it and drops it from outputs", async () => {
    const a = await Client.connect(server().url);
    const b = await Client.connect(server().url);
    expect(await a.predict("/increment")).toEqual([1]);
    expect(await a.predict("/increment")).toEqual([2]);
    expect(await b.predict("/increment")).toEqual([1]);
    const joins = server().stats.requests.filter((r) => r.path.endsWith("/queue/join"));
    expect(joins.length).toBeGreaterThan(0);
  });

  it("calls queue=False functions directly through /run", async () => {
    const client = await Client.connect(server().url);
    const before = server().stats.joins;
    expect(await client.predict("/direct", ["hi"])).toEqual(["hi"]);
    expect(server().stats.joins).toBe(before);
  });
});

describe("auth", () => {
  const authServer = useTestServer({ auth: ["user", "pass"] });

  it("logs in, keeps the cookie in memory and sends it only to the app", async () => {
    const client = await Client.connect(authServer().url, { auth: ["user", "pass"] });
    const ended = waitForEvent(authServer(), "job-end");
    expect(await client.predict("/predict", [1, "add", 1])).toEqual([2]);
    expect((await ended).outcome).toBe("completed");
    const withCookie = authServer().stats.requests.filter((r) =>
      String(r.headers.cookie ?? "").includes("access-token"),
    );
    expect(withCookie.map((r) => r.path)).toEqual(
      expect.arrayContaining(["/config", "/gradio_api/info", "/gradio_api/queue/join"]),
    );
  });

  it("keeps the login cookie in its own jar whatever fetch credentials mode is asked for", async () => {
    // `credentials` is the browser's cookie mode; the SDK's jar (Node, workers) holds the login cookie regardless.
    const client = await Client.connect(authServer().url, { auth: ["user", "pass"], credentials: "omit" });
    expect(await client.predict("/predict", [2, "add", 2])).toEqual([4]);
  });

  it("says plainly when the password is wrong or missing", async () => {
    const wrong = await Client.connect(authServer().url, { auth: ["user", "nope"] }).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(AuthError);
    expect((wrong as AuthError).message).toMatch(/wrong username or password/);
    expect((wrong as AuthError).status).toBe(400);
    const missing = await Client.connect(authServer().url).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(AuthError);
    expect((missing as AuthError).message).toMatch(/requires a login/);
  });
});
