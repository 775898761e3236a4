/**
 * A Gradio-shaped HTTP server (plain `node:http`, real sockets) whose every answer a test scripts: the join answer,
 * the exact bytes and chunking of the session stream, and the config. The test server models Gradio; this one lets
 * the fuzz and race tests put arbitrary bytes on the wire, in an exact order, at an exact moment.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A join request as the server saw it. */
export interface ScriptedJoin {
  readonly session: string;
  /** `data[0]` of the join: the tests use it to name their jobs. */
  readonly name: string;
  readonly body: Record<string, unknown>;
}

/** One open `queue/data` response. */
export interface ScriptedStream {
  readonly session: string;
  /** Writes raw bytes (no framing added); resolves once they are handed to the socket. */
  write(chunk: string | Uint8Array): Promise<void>;
  /** Writes `data: <json>\n\n`. */
  send(message: unknown): Promise<void>;
  /** Ends the response cleanly. */
  end(): Promise<void>;
  /** Cuts the connection (no clean end of the chunked body). */
  destroy(): void;
  /** Resolves when the response is closed, by either side. */
  readonly closed: Promise<void>;
}

/** What a test scripts. Every handler is optional; the defaults behave like a healthy sse_v3 server. */
export interface ScriptedHandlers {
  /** Answers `/config` (default: {@link scriptedConfig}). */
  config?: (response: ServerResponse) => void;
  /** Answers `{P}/info` (default: no named endpoints). */
  info?: (response: ServerResponse) => void;
  /** Answers a join (default: `{"event_id": ids[name]}`, or a fresh id). */
  join?: (join: ScriptedJoin, response: ServerResponse) => void | Promise<void>;
  /** Drives a stream (default: sends nothing and keeps it open). */
  stream?: (stream: ScriptedStream) => void | Promise<void>;
}

/** A running scripted server. */
export interface ScriptedServer {
  readonly url: string;
  /** Replace to script the next requests. */
  handlers: ScriptedHandlers;
  /** Event ids the default join answer gives, by job name. */
  readonly ids: Map<string, string>;
  readonly joins: ScriptedJoin[];
  readonly cancels: Record<string, unknown>[];
  readonly requests: { method: string; path: string; headers: IncomingMessage["headers"] }[];
  /** Streams currently open. */
  openStreams(): number;
  /** Bytes of stream data written so far (all streams). */
  streamBytes: number;
  close(): Promise<void>;
}

/** A minimal sse_v3 (Gradio 5.14) config with one queued generator endpoint `/job` (fn 0): text in, JSON out. */
export function scriptedConfig(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version: "5.14.0",
    protocol: "sse_v3",
    api_prefix: "/gradio_api",
    max_file_size: null,
    components: [
      { id: 1, type: "textbox", props: { label: "name", value: "" } },
      { id: 2, type: "json", props: { label: "out" } },
    ],
    dependencies: [
      {
        id: 0,
        api_name: "job",
        inputs: [1],
        outputs: [2],
        backend_fn: true,
        queue: true,
        types: { generator: true, cancel: false },
      },
    ],
    ...overrides,
  };
}

export async function startScriptedServer(handlers: ScriptedHandlers = {}): Promise<ScriptedServer> {
  const responses = new Set<ServerResponse>();
  let fresh = 0;
  const server: ScriptedServer = {
    url: "",
    handlers,
    ids: new Map(),
    joins: [],
    cancels: [],
    requests: [],
    openStreams: () => streams,
    streamBytes: 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of responses) response.destroy();
        http.close(() => resolve());
        http.closeAllConnections();
      }),
  };
  let streams = 0;

  const http = createServer((request, response) => {
    responses.add(response);
    response.on("close", () => responses.delete(response));
    const url = new URL(request.url ?? "/", "http://scripted.invalid");
    server.requests.push({
      method: request.method ?? "GET",
      path: `${url.pathname}${url.search}`,
      headers: request.headers,
    });
    void route(request, response, url).catch(() => response.destroy());
  });

  async function route(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const path = url.pathname;
    if (path === "/config") {
      if (server.handlers.config) return server.handlers.config(response);
      return json(response, 200, scriptedConfig());
    }
    if (path === "/gradio_api/info") {
      if (server.handlers.info) return server.handlers.info(response);
      return json(response, 200, { named_endpoints: {}, unnamed_endpoints: {} });
    }
    if (path === "/gradio_api/queue/join" && request.method === "POST") {
      const body = JSON.parse(await readBody(request)) as Record<string, unknown>;
      const data = Array.isArray(body.data) ? body.data : [];
      const join: ScriptedJoin = { session: String(body.session_hash), name: String(data[0]), body };
      server.joins.push(join);
      if (server.handlers.join) return server.handlers.join(join, response);
      const id = server.ids.get(join.name) ?? `${(++fresh).toString(16).padStart(32, "0")}`;
      return json(response, 200, { event_id: id });
    }
    if (path === "/gradio_api/queue/data") {
      response.writeHead(200, { "content-type": "text/event-stream; charset=utf-8" });
      response.flushHeaders();
      streams += 1;
      const closed = new Promise<void>((resolve) =>
        response.on("close", () => {
          streams -= 1;
          resolve();
        }),
      );
      const write = (chunk: string | Uint8Array) =>
        new Promise<void>((resolve) => {
          if (response.destroyed || response.writableEnded) return resolve();
          server.streamBytes += typeof chunk === "string" ? Buffer.byteLength(chunk) : chunk.length;
          response.write(chunk, () => resolve());
        });
      const stream: ScriptedStream = {
        session: url.searchParams.get("session_hash") ?? "",
        write,
        send: (message) => write(`data: ${JSON.stringify(message)}\n\n`),
        end: () =>
          new Promise<void>((resolve) => {
            if (response.writableEnded) return resolve();
            response.end(() => resolve());
          }),
        destroy: () => response.socket?.destroy(),
        closed,
      };
      await server.handlers.stream?.(stream);
      return;
    }
    if (path === "/gradio_api/cancel" && request.method === "POST") {
      server.cancels.push(JSON.parse(await readBody(request)) as Record<string, unknown>);
      return json(response, 200, { success: true });
    }
    json(response, 404, { detail: "Not Found" });
  }

  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", () => resolve()));
  const { port } = http.address() as AddressInfo;
  (server as { url: string }).url = `http://127.0.0.1:${port}`;
  return server;
}

/** Sends a JSON (or, for a string, raw) body. */
export function json(response: ServerResponse, status: number, body: unknown, raw = false): void {
  const text = raw ? String(body) : JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json" });
  response.end(text);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** The messages of a healthy job, for scripting streams. */
export const frame = {
  estimation: (id: string, rank = 0, size = 1) => ({
    msg: "estimation",
    event_id: id,
    rank,
    queue_size: size,
    rank_eta: null,
  }),
  starts: (id: string) => ({ msg: "process_starts", event_id: id, eta: null }),
  generating: (id: string, data: unknown[]) => ({
    msg: "process_generating",
    event_id: id,
    output: { data, is_generating: true, duration: 0.01, average_duration: 0.01 },
    success: true,
  }),
  completed: (id: string, data: unknown[]) => ({
    msg: "process_completed",
    event_id: id,
    output: { data, is_generating: false, duration: 0.01, average_duration: 0.01 },
    success: true,
    title: null,
  }),
  closeStream: () => ({ msg: "close_stream", event_id: null }),
  heartbeat: () => ({ msg: "heartbeat", event_id: null }),
};
