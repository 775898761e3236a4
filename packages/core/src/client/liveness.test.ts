/**
 * Reconnect and liveness (issue #15 item 5): a server that accepts the TCP connection and never answers does not
 * hang `Client.connect` (connectTimeout), a queue join (joinTimeout) or a stream (streamIdleTimeout covers the wait
 * for its headers); each gives up with a typed error and aborts its request. An app restart is the subject of
 * stream-faults.test.ts ("server restart").
 */
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer, type Server, type Socket } from "node:net";
import { startTestServer } from "@gradio-jobs/test-server";
import { failOnUnhandled } from "@gradio-jobs/test-utils/reliability-harness";
import { useTestServer } from "@gradio-jobs/test-utils/server";
import { afterEach, describe, expect, it } from "vitest";
import { AppRestartedError, ConnectionError, TimeoutError } from "../errors.js";
import { timeLimit } from "../http/timeouts.js";
import { Client } from "./client.js";

failOnUnhandled();
const server = useTestServer({ timeScale: 0.05 });
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A TCP server that accepts every connection and never writes a byte; counts them. */
async function silentServer(): Promise<{ url: string; accepted: () => number }> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const tcp: Server = createServer((socket) => {
    accepted += 1;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => tcp.listen(0, "127.0.0.1", resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        tcp.close(() => resolve());
      }),
  );
  const { port } = tcp.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, accepted: () => accepted };
}

/**
 * An app in front of the test server that relays everything but never answers the routes in `silent` (it keeps the
 * request open), and relays the routes in `other` to `otherUrl()` instead; counts the requests it held.
 */
async function appSilentOn(
  silent: RegExp,
  other?: { routes: RegExp; url: () => string },
): Promise<{ url: string; held: () => number }> {
  const held: ServerResponse[] = [];
  const proxy = createHttpServer(async (request: IncomingMessage, response: ServerResponse) => {
    if (silent.test(request.url ?? "")) {
      held.push(response);
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const base = other?.routes.test(request.url ?? "") ? other.url() : server().url;
    const upstream = await fetch(`${base}${request.url}`, {
      method: request.method,
      headers: { "content-type": request.headers["content-type"] ?? "application/json" },
      body: request.method === "GET" ? undefined : Buffer.concat(chunks),
    });
    response.writeHead(upstream.status, { "content-type": upstream.headers.get("content-type") ?? "" });
    if (!upstream.body) return void response.end();
    // Streamed, so that event streams pass as they come; an upstream that aborts is aborted here too.
    try {
      for await (const chunk of upstream.body) response.write(chunk);
      response.end();
    } catch {
      response.destroy();
    }
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        proxy.closeAllConnections();
        proxy.close(() => resolve());
      }),
  );
  const { port } = proxy.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, held: () => held.length };
}

describe("time limits", () => {
  it("connectTimeout and joinTimeout default to 30 s and take Infinity for no limit", () => {
    expect(timeLimit("connectTimeout", undefined, 30_000)).toBe(30_000);
    expect(timeLimit("connectTimeout", Number.POSITIVE_INFINITY, 30_000)).toBe(Number.POSITIVE_INFINITY);
  });

  it("a limit past what a timer can hold (2^31 ms) is no limit, not an immediate time-out", async () => {
    const client = await Client.connect(server().url, { connectTimeout: 3e9, joinTimeout: 1e12 });
    cleanups.push(() => client.close());
    expect(await client.predict("/predict", [1, "add", 2])).toEqual([3]);
  });

  it("Client.connect to a server that accepts and never answers rejects with TimeoutError", async () => {
    const silent = await silentServer();
    const started = performance.now();
    const error = await Client.connect(silent.url, { connectTimeout: 300 }).catch((e: unknown) => e);
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).timeoutMs).toBe(300);
    expect((error as Error).message).toMatch(/got no complete answer within 300 ms .*Raise `connectTimeout`/);
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(2_000);
    // One attempt: a time-out is not retried like a network failure.
    expect(silent.accepted()).toBe(1);
  });

  it("a queue join that is never answered fails the job with TimeoutError after joinTimeout; the client goes on", async () => {
    const app = await appSilentOn(/\/queue\/join/);
    const client = await Client.connect(app.url, { joinTimeout: 300 });
    cleanups.push(() => client.close());
    const started = performance.now();
    const error = await client.predict("/predict", [1, "add", 2]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toMatch(/queue join got no answer within 300 ms.*Raise `joinTimeout`/);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(app.held()).toBe(1);
    expect(client.pendingJobs).toBe(0);
    expect(client.endpoint("/direct").queued).toBe(false);
    expect(await client.predict("/direct", ["still here"])).toEqual(["still here"]);
  });

  it("a stream whose headers never come fails its jobs after streamIdleTimeout", async () => {
    const app = await appSilentOn(/\/queue\/data/);
    const client = await Client.connect(app.url, { streamIdleTimeout: 400, heartbeat: false });
    cleanups.push(() => client.close());
    const error = await client.predict("/predict", [1, "add", 2]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toMatch(/sent nothing for 400 ms/);
    expect(app.held()).toBe(1);
    expect(client.$restarted.get()).toBeNull(); // the app id did not change: no restart
  });
});

describe("app restarts", () => {
  it("a job whose stream finds its session forgotten by a new app process fails with AppRestartedError", async () => {
    // What a restart between a job's join and its stream looks like: the join reached the old process (here: the
    // shared test server), the stream and the app id check reach a new one, which answers "session not found".
    const restarted = await startTestServer({ timeScale: 0.05 });
    cleanups.push(() => restarted.close());
    const app = await appSilentOn(/^$/, { routes: /\/queue\/data|\/app_id/, url: () => restarted.url });
    const client = await Client.connect(app.url, { heartbeat: false });
    cleanups.push(() => client.close());
    const error = await client.predict("/predict", [1, "add", 2]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppRestartedError);
    expect(error).toMatchObject({ code: "APP_RESTARTED", previousAppId: client.config.app_id });
    expect((error as AppRestartedError).appId).not.toBe(client.config.app_id);
    expect(client.$restarted.get()).toBe(error);
    // Until refresh(), nothing is sent: the next job fails at once with the same error.
    const joins = restarted.stats.requests.length + server().stats.requests.length;
    await expect(client.predict("/predict", [1, "add", 2])).rejects.toBe(error);
    await expect(client.predict("/direct", ["queue=False too"])).rejects.toBe(error);
    expect(restarted.stats.requests.length + server().stats.requests.length).toBe(joins);
  });
});
