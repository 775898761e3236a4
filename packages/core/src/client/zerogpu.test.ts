import { useTestServer } from "@gradio-jobs/test-utils/server";
import { afterEach, describe, expect, it } from "vitest";
import { Client } from "./client.js";
import { type EmbeddedFrame, zeroGpuFetch, zeroGpuOrigin } from "./zerogpu.js";

// Runs in Node, not in a browser: the Space page is a stand-in `window` (the part the handshake uses) whose parent is
// a stand-in Hub page answering over a real MessageChannel; the joins go over HTTP to the test server, which records
// the headers it received. A Chromium e2e would need the page served from an *.hf.space origin inside a
// huggingface.co page (both HTTPS), which the e2e setup cannot provide here.
const server = useTestServer();

const HUB = "https://huggingface.co";

/** A Space page (`owner-space.hf.space`) in an iframe of a Hub page that behaves as `parent` says. */
function spacePage(parent: {
  supports: boolean;
  supportsFrom?: string;
  headers?: (ask: number) => Map<string, string> | Record<string, unknown>;
}) {
  const listeners: ((event: { data: unknown; origin: string }) => void)[] = [];
  const posted: { message: unknown; targetOrigin: string }[] = [];
  let asks = 0;
  const frame: EmbeddedFrame = {
    location: { hostname: "owner-space.hf.space" },
    parent: {
      postMessage(message, targetOrigin, transfer) {
        posted.push({ message, targetOrigin });
        if (message === "supports-zerogpu-headers" && parent.supports) {
          const origin = parent.supportsFrom ?? HUB;
          setTimeout(() => {
            for (const listener of listeners) listener({ data: message, origin });
          }, 5);
        }
        const port = transfer?.[0] as MessagePort | undefined;
        if (message === "zerogpu-headers" && port && parent.headers) port.postMessage(parent.headers(++asks));
      },
    },
    addEventListener(_type, listener) {
      listeners.push(listener);
    },
  };
  return { frame, posted };
}

/**
 * Runs `run` with `frame` as the global `window`, as in a browser page, whose `parent` is then global too (what
 * `Client.connect` checks before it loads the handshake).
 */
async function asWindow<T>(frame: EmbeddedFrame, run: () => Promise<T>): Promise<T> {
  Object.defineProperty(globalThis, "window", { value: frame, configurable: true });
  Object.defineProperty(globalThis, "parent", { value: frame.parent, configurable: true });
  try {
    return await run();
  } finally {
    Reflect.deleteProperty(globalThis, "window");
    Reflect.deleteProperty(globalThis, "parent");
  }
}

/** The headers the server received with each request to `path` (ending) since `from`. */
const headersOf = (from: number, path: RegExp) =>
  server()
    .stats.requests.slice(from)
    .filter((request) => path.test(request.path))
    .map((request) => request.headers);

afterEach(() => {
  Reflect.deleteProperty(globalThis, "window");
  Reflect.deleteProperty(globalThis, "parent");
});

describe("ZeroGPU headers in a Space page embedded in the Hub's", () => {
  it("asks the parent frame before each join and sends its headers on that join only", async () => {
    const { frame, posted } = spacePage({
      supports: true,
      headers: (ask) =>
        new Map([
          ["x-zerogpu-token", `zt-${ask}`],
          ["x-ip-token", `ip-${ask}`],
        ]),
    });
    const before = server().stats.requests.length;
    await asWindow(frame, async () => {
      const client = await Client.connect(server().url, { heartbeat: false });
      expect(await client.predict("/predict", [1, "add", 2])).toEqual([3]);
      expect(await client.predict("/predict", [2, "add", 2])).toEqual([4]);
      client.close();
    });
    const joins = headersOf(before, /\/queue\/join$/);
    expect(joins.map((headers) => [headers["x-zerogpu-token"], headers["x-ip-token"]])).toEqual([
      ["zt-1", "ip-1"],
      ["zt-2", "ip-2"],
    ]);
    for (const headers of headersOf(before, /\/(config|info|queue\/data\?.*)$/)) {
      expect(headers["x-zerogpu-token"]).toBeUndefined();
    }
    expect(posted).toEqual([
      { message: "supports-zerogpu-headers", targetOrigin: HUB },
      { message: "zerogpu-headers", targetOrigin: HUB },
      { message: "zerogpu-headers", targetOrigin: HUB },
    ]);
  });

  it("takes the headers as a plain object too, and keeps the app's own headers", async () => {
    const { frame } = spacePage({ supports: true, headers: () => ({ "x-ip-token": "ip", ignored: 7 }) });
    const before = server().stats.requests.length;
    await asWindow(frame, async () => {
      const client = await Client.connect(server().url, { heartbeat: false, headers: { "x-app": "mine" } });
      await client.predict("/predict", [1, "add", 2]);
      client.close();
    });
    const [join] = headersOf(before, /\/queue\/join$/);
    expect([join?.["x-ip-token"], join?.["x-app"], join?.ignored]).toEqual(["ip", "mine", undefined]);
  });

  it("joins without them, soon, when the parent does not answer or answers from another origin", async () => {
    for (const parent of [{ supports: false }, { supports: true, supportsFrom: "https://evil.example" }]) {
      const { frame, posted } = spacePage({ ...parent, headers: () => ({ "x-ip-token": "never" }) });
      const before = server().stats.requests.length;
      const started = Date.now();
      await asWindow(frame, async () => {
        const client = await Client.connect(server().url, { heartbeat: false });
        expect(await client.predict("/predict", [1, "add", 2])).toEqual([3]);
        client.close();
      });
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(headersOf(before, /\/queue\/join$/)[0]?.["x-ip-token"]).toBeUndefined();
      expect(posted.map((post) => post.message)).toEqual(["supports-zerogpu-headers"]);
    }
  });

  it("does nothing outside an embedded Space page", () => {
    const top = spacePage({ supports: true });
    const topFrame = { ...top.frame, parent: undefined as never };
    Object.assign(topFrame, { parent: topFrame });
    expect(zeroGpuFetch(undefined, topFrame)).toBeUndefined();
    const elsewhere = spacePage({ supports: true });
    const otherHost = { ...elsewhere.frame, location: { hostname: "example.com" } };
    expect(zeroGpuFetch(undefined, otherHost)).toBeUndefined();
    expect(zeroGpuFetch(undefined, undefined)).toBeUndefined();
    expect([...top.posted, ...elsewhere.posted]).toEqual([]);
    expect(zeroGpuOrigin("owner-space.hf.space")).toBe(HUB);
    expect(zeroGpuOrigin("owner-space.dev.hf.space")).toBe("https://moon-dev.dev.spaces.huggingface.tech");
    expect(zeroGpuOrigin("localhost")).toBeNull();
  });
});
