/**
 * `startMockServer`: the mock on Node's `http` module, for Vitest's `beforeAll`, Playwright's `webServer` and the
 * CLI. A thin adapter: each request becomes a `Request` for {@link createMockGradio}'s `fetch`, and its `Response`
 * (streamed for event streams) is written back.
 * @module
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import type { MockApp } from "../definition/define-app.js";
import { createMockGradio, type MockGradio, type MockGradioOptions } from "../engine/mock-gradio.js";

/**
 * Options of {@link startMockServer}: where to listen, plus the mock's own options.
 * @example
 * ```ts
 * import type { MockServerOptions } from "@gradio-jobs/mock/node";
 * const options: MockServerOptions = { port: 7860, host: "0.0.0.0", timeScale: 0.5 };
 * ```
 */
export interface MockServerOptions extends MockGradioOptions {
  /** Default 0: a free port. */
  readonly port?: number;
  /** Default "127.0.0.1". */
  readonly host?: string;
}

/**
 * A running mock server.
 * @example
 * ```ts
 * import { defineApp, endpoint } from "@gradio-jobs/mock";
 * import { startMockServer } from "@gradio-jobs/mock/node";
 * const server = await startMockServer(defineApp({ endpoints: { "/ping": endpoint({ fn: () => undefined }) } }));
 * server.mock.faults.add({ route: "join", status: 500 });
 * await server.close();
 * ```
 */
export interface MockServer {
  /** `http://host:port`, no trailing slash: pass it to `Client.connect`. */
  readonly url: string;
  readonly port: number;
  /** The mock behind it: `faults`, `stats`. */
  readonly mock: MockGradio;
  /** Stops jobs, ends open streams and closes the server. */
  close(): Promise<void>;
}

function toRequest(req: IncomingMessage, signal: AbortSignal): Request {
  const url = `http://${req.headers.host ?? "127.0.0.1"}${req.url ?? "/"}`;
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  const method = req.method ?? "GET";
  if (method === "GET" || method === "HEAD") return new Request(url, { method, headers, signal });
  // Streamed, not buffered: upload progress counts the body as it arrives.
  const body = Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>;
  return new Request(url, { method, headers, body, signal, duplex: "half" } as RequestInit);
}

async function writeResponse(response: Response, res: ServerResponse): Promise<void> {
  if (response.type === "error") {
    res.destroy();
    return;
  }
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers["set-cookie"] = cookies;
  res.writeHead(response.status, headers);
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  res.on("close", () => void reader.cancel().catch(() => {}));
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      res.write(value);
    }
    res.end();
  } catch {
    // A stream the mock broke on purpose (a drop fault): the client sees the connection end abruptly.
    res.destroy();
  }
}

/**
 * Serves `app` over HTTP. Resolves once it listens.
 *
 * @example
 * ```ts
 * import { Client } from "@gradio-jobs/core";
 * import { defineApp, endpoint, textbox } from "@gradio-jobs/mock";
 * import { startMockServer } from "@gradio-jobs/mock/node";
 *
 * const app = defineApp({ endpoints: { "/echo": endpoint({ parameters: [textbox("text")], outputs: [textbox("echo")], fn: (t) => t }) } });
 * const server = await startMockServer(app, { timeScale: 0.1 });
 * const client = await Client.connect(server.url);
 * console.log(await client.predict("/echo", ["hi"])); // ["hi"]
 * client.close();
 * await server.close();
 * ```
 */
export async function startMockServer(app: MockApp, options: MockServerOptions = {}): Promise<MockServer> {
  const mock = createMockGradio(app, options);
  const server = createServer((req, res) => {
    const gone = new AbortController();
    res.on("close", () => gone.abort());
    Promise.resolve()
      .then(() => mock.fetch(toRequest(req, gone.signal)))
      .then((response) => writeResponse(response, res))
      .catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
        res.end(String(error));
      });
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    mock,
    close: () =>
      new Promise<void>((resolve) => {
        mock.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
