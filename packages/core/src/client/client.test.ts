import { waitForEvent } from "@gradio-jobs/test-server";
import { useTestServer } from "@gradio-jobs/test-utils/server";
import { describe, expect, it } from "vitest";
import {
  AuthError,
  CancelledError,
  ConnectionError,
  EndpointNotFoundError,
  HttpError,
  InputError,
  ProtocolError,
} from "../errors.js";
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

describe("connect errors a newcomer meets (issue 16)", () => {
  /** A web server that is not a Gradio app: every route is an HTML page (404 unless told). */
  async function notGradio(status = 404): Promise<{ url: string; close(): Promise<void> }> {
    const { createServer } = await import("node:http");
    const page = `<!doctype html><html><head><title>404</title></head><body>${"<p>Not here.</p>".repeat(30)}</body></html>`;
    const http = createServer((_, response) => {
      response.writeHead(status, { "content-type": "text/html; charset=utf-8" }).end(page);
    });
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    const { port } = http.address() as { port: number };
    return {
      url: `http://127.0.0.1:${port}`,
      close: () => new Promise((resolve) => http.close(() => resolve())),
    };
  }

  it("connects to a bare local host over http://", async () => {
    const client = await Client.connect(server().url.replace("http://", ""));
    expect(client.url).toBe(server().url);
    expect(await client.predict("/predict", [1, "add", 2])).toEqual([3]);
  });

  it("says an https URL of an http app is one, instead of quoting OpenSSL alone", async () => {
    const error = await Client.connect(server().url.replace("http://", "https://")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toMatch(
      /^Could not connect over https to https:\/\/127\.0\.0\.1:\d+ \(is it an http:\/\/ app\?/,
    );
    expect((error as Error).cause).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toMatch(/TLS failed: ERR_SSL_\w+$/);
  });

  it("says a non-Gradio URL is not a Gradio app, without its HTML", async () => {
    const site = await notGradio();
    try {
      const error = await Client.connect(site.url).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HttpError);
      expect((error as HttpError).status).toBe(404);
      expect((error as Error).message).toBe(
        `${site.url} is not a Gradio app (GET /config answered 404 with an HTML page). ` +
          "Pass the app's root URL: the one that shows the app in a browser.",
      );
      expect((error as Error).message).not.toContain("<");
    } finally {
      await site.close();
    }
    // A single-page app answers every path with its page, /config included.
    const spa = await notGradio(200);
    try {
      const error = await Client.connect(spa.url).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProtocolError);
      expect((error as Error).message).toMatch(
        /is not a Gradio app \(GET \/config answered with a body that is not JSON\)/,
      );
    } finally {
      await spa.close();
    }
    const deeper = await Client.connect(`${server().url}/gradio_api/app_id`).catch((e: unknown) => e);
    expect(deeper).toBeInstanceOf(HttpError);
    expect((deeper as Error).message).toMatch(
      /gradio_api\/app_id is not a Gradio app \(GET \/config answered 404/,
    );
  });

  it("connects to the app from the URL of its API routes (/gradio_api, /config, /info, ?view=api)", async () => {
    for (const suffix of ["/gradio_api", "/gradio_api/", "/config", "/gradio_api/info", "/?view=api"]) {
      const client = await Client.connect(`${server().url}${suffix}`);
      expect(client.url, suffix).toBe(server().url);
    }
  });

  it("says args must be an array or an object when given a string", async () => {
    const client = await Client.connect(server().url);
    const error = await client.predict("/predict", "1,add,2" as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(
      "/predict: args must be an array or an object (by name), got string.",
    );
    await expect(client.predict("/predict", 7 as never)).rejects.toThrow(/got number/);
  });

  it("names an aborted signal's reason in the CancelledError and keeps it as cause", async () => {
    const client = await Client.connect(server().url);
    const timedOut = client.submit("/long_stream", [], { signal: AbortSignal.timeout(60) });
    const error = await timedOut.result().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CancelledError);
    expect((error as Error).message).toMatch(/^The job was cancelled \(TimeoutError: .+\)\.$/);
    expect(((error as Error).cause as Error).name).toBe("TimeoutError");
    expect(timedOut.status().error).toBe(error);

    const controller = new AbortController();
    controller.abort("user left");
    const early = await client
      .predict("/predict", [1], { signal: controller.signal })
      .catch((e: unknown) => e);
    expect((early as Error).message).toBe("The job was cancelled (user left).");
    expect((early as Error).cause).toBe("user left");

    // The same signal for submit and result (a common pattern): the CancelledError with the reason, not a bare one.
    const signal = AbortSignal.timeout(60);
    const both = await client
      .submit("/long_stream", [], { signal })
      .result({ signal })
      .catch((e: unknown) => e);
    expect(both).toBeInstanceOf(CancelledError);
    expect((both as Error).cause).toBe(signal.reason);
    // A cancel without a signal keeps the plain message.
    const plain = client.submit("/long_stream", []);
    void plain.cancel();
    await expect(plain.result()).rejects.toThrow(/^The job was cancelled\.$/);
  });

  it("result({ signal }) rejects with the signal's own reason; the job keeps running", async () => {
    const client = await Client.connect(server().url);
    const job = client.submit("/slow", ["x"]);
    const error = await job.result({ signal: AbortSignal.timeout(20) }).catch((e: unknown) => e);
    expect((error as Error).name).toBe("TimeoutError");
    expect(job.done).toBe(false);
    expect(await job.result()).toEqual(["slow:x"]);
  });
});

describe("spaceId", () => {
  it("is the config's space_id for a *.hf.space URL, and null when the app does not say it", async () => {
    // `owner-name.hf.space` cannot be split (both parts may contain '-'): only the app's config knows the id.
    const fetchAs =
      (spaceId: string | null): typeof fetch =>
      async (input, init) => {
        const url = String(input).replace("https://my-org-my-space.hf.space", server().url);
        const response = await fetch(url, init);
        if (!url.endsWith("/config")) return response;
        const config = { ...(await response.json()), space_id: spaceId };
        return new Response(JSON.stringify(config), { headers: { "content-type": "application/json" } });
      };
    // The Hub is asked for the Space's stage first: the test server's model of it, which does not know this one.
    const hubUrl = server().url;
    const named = await Client.connect("https://my-org-my-space.hf.space", {
      fetch: fetchAs("my-org/my-space"),
      hubUrl,
    });
    expect(named.spaceId).toBe("my-org/my-space");
    const unnamed = await Client.connect("https://my-org-my-space.hf.space", {
      fetch: fetchAs(null),
      hubUrl,
    });
    expect(unnamed.spaceId).toBeNull();
    expect(unnamed.url).toBe("https://my-org-my-space.hf.space");
    // A Space id resolved through the Hub (the test server's stand-in) is the id itself.
    expect((await Client.connect("my-org/my-space", { hubUrl: server().url })).spaceId).toBe(
      "my-org/my-space",
    );
  });
});
