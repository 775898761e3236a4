/**
 * Connection options (issue #15 item 6): the app URL's query parameters and `queryParams` reach the requests where
 * Gradio reads a page's query (`/config`, queue joins, direct calls), `cookies` goes to the app's origin only, and
 * bad values of the new options are typed errors before anything is sent. Checked in the test server's request log.
 */
import { startTestServer } from "@gradio-jobs/test-server";
import { failOnUnhandled } from "@gradio-jobs/test-utils/reliability-harness";
import { useTestServer } from "@gradio-jobs/test-utils/server";
import { describe, expect, it } from "vitest";
import { InputError } from "../errors.js";
import { Client, type ClientOptions } from "./client.js";

failOnUnhandled();
const server = useTestServer({ timeScale: 0.05 });

const requests = (prefix: string) =>
  server()
    .stats.requests.filter((r) => r.path.startsWith(prefix))
    .map((r) => r.path);

describe("query parameters", () => {
  it("keeps the app URL's query (view=api aside), merges queryParams over it, and sends it where Gradio reads it", async () => {
    const client = await Client.connect(`${server().url}/?lang=de&view=api&mode=a`, {
      queryParams: { mode: "b", user: "ü x" },
    });
    try {
      const query = "lang=de&mode=b&user=%C3%BC+x";
      expect(client.url).toBe(server().url);
      expect(await client.predict("/predict", [1, "add", 2])).toEqual([3]);
      expect(await client.predict("/direct", ["hi"])).toEqual(["hi"]);
      expect(requests("/config")).toContain(`/config?${query}`);
      expect(requests("/gradio_api/queue/join")).toContain(`/gradio_api/queue/join?${query}`);
      expect(requests("/gradio_api/run/direct")).toEqual([`/gradio_api/run/direct?${query}`]);
      // Not where Gradio does not read it: the endpoint info and the session's stream.
      expect(requests("/gradio_api/info").every((path) => !path.includes("lang="))).toBe(true);
      expect(requests("/gradio_api/queue/data").every((path) => !path.includes("lang="))).toBe(true);
    } finally {
      client.close();
    }
  });
});

describe("cookies", () => {
  it("sends the cookies option as the Cookie header of every request to the app", async () => {
    const before = server().stats.requests.length;
    const client = await Client.connect(server().url, { cookies: "session=abcdef123456; theme=dark" });
    try {
      await client.predict("/predict", [1, "add", 2]);
      const seen = server().stats.requests.slice(before);
      expect(seen.length).toBeGreaterThanOrEqual(4); // config, info, join, stream
      for (const request of seen)
        expect(request.headers.cookie, request.path).toBe("session=abcdef123456; theme=dark");
    } finally {
      client.close();
    }
  });
});

describe("bad option values", () => {
  const cases: [string, ClientOptions, RegExp][] = [
    ["negative connectTimeout", { connectTimeout: -1 }, /connectTimeout must be a positive number/],
    ["zero joinTimeout", { joinTimeout: 0 }, /joinTimeout must be a positive number/],
    ["string connectTimeout", { connectTimeout: "5" as unknown as number }, /got "5"/],
    ["NaN joinTimeout", { joinTimeout: Number.NaN }, /joinTimeout/],
    ["a line break in cookies", { cookies: "a=b\r\nx-evil: 1" }, /one Cookie header value/],
    [
      "a number in queryParams",
      { queryParams: { page: 2 as unknown as string } },
      /queryParams.page must be a string/,
    ],
    [
      "an array as queryParams",
      { queryParams: ["a"] as unknown as Record<string, string> },
      /object of strings/,
    ],
  ];
  for (const [what, options, message] of cases) {
    it(`${what}: InputError, and the server hears nothing`, async () => {
      const before = server().stats.requests.length;
      const error = await Client.connect(server().url, options).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      expect((error as Error).message).toMatch(message);
      expect(server().stats.requests.length).toBe(before);
    });
  }

  it("a cookie value never appears in an error message", async () => {
    const error = await Client.connect(server().url, { cookies: "secret=supersecretvalue\n" }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    expect(String(error.message)).not.toContain("supersecretvalue");
  });
});

describe("oauthToken", () => {
  it("goes only to functions that take a gr.OAuthToken (6.21+); a required one without it is an InputError", async () => {
    const app = await startTestServer({ app: "render", version: "6.25.0", timeScale: 0.05 });
    try {
      const joins = () =>
        app.stats.requests.filter((r) => r.path.startsWith("/gradio_api/queue/join")).length;
      const client = await Client.connect(app.url, { oauthToken: "hf_conformance1234" });
      const plain = await Client.connect(app.url);
      try {
        expect(client.endpoint("/token_info").oauthToken).toBe("optional");
        expect(client.endpoint("/needs_token").oauthToken).toBe("required");
        expect(client.endpoint("/static_echo").oauthToken).toBeNull();
        expect(await client.predict("/token_info", ["a"])).toEqual(["a:hf_conformance1234"]);
        expect(await client.predict("/needs_token", ["b"])).toEqual(["b:hf_conformance1234"]);
        expect(await plain.predict("/token_info", ["c"])).toEqual(["c:none"]);
        const before = joins();
        const error = await plain.predict("/needs_token", ["d"]).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(InputError);
        expect((error as Error).message).toMatch(/\/needs_token takes a gr.OAuthToken: pass `oauthToken`/);
        expect(joins()).toBe(before);
      } finally {
        client.close();
        plain.close();
      }
    } finally {
      await app.close();
    }
  });

  it("is not sent to Gradio before 6.21, whose /info does not say which functions take one", async () => {
    const app = await startTestServer({ app: "render", version: "5.45.0", timeScale: 0.05 });
    try {
      const client = await Client.connect(app.url, { oauthToken: "hf_conformance1234" });
      expect(client.endpoint("/token_info").oauthToken).toBeNull();
      expect(await client.predict("/token_info", ["a"])).toEqual(["a:none"]);
      client.close();
    } finally {
      await app.close();
    }
  });

  it("must be a non-empty string", async () => {
    for (const oauthToken of ["", "  ", 42 as unknown as string]) {
      const error = await Client.connect(server().url, { oauthToken }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      expect((error as Error).message).toMatch(/oauthToken must be a Hugging Face token/);
    }
  });
});
