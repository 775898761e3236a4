import type { EventEmitter } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { RunRecord } from "./app/run-log.js";
import { notAuthenticatedDetail } from "./auth.js";
import { ServerCore } from "./core.js";
import type { FaultController } from "./faults.js";
import { FaultRegistry } from "./faults.js";
import { handleCors } from "./http/cors.js";
import { sendDetail, sendText } from "./http/responses.js";
import { matchRoute, type Route } from "./http/router.js";
import { hubRoutes } from "./hub/hub-routes.js";
import { SpaceHub } from "./hub/space-hub.js";
import { resolveOptions, type TestServerOptions } from "./options.js";
import type { StreamChunkRecord } from "./queue/stream-events.js";
import { authRoutes } from "./routes/auth-routes.js";
import { discoveryRoutes } from "./routes/discovery-routes.js";
import { fileRoutes } from "./routes/file-routes.js";
import { legacyRoutes } from "./routes/legacy-routes.js";
import { queueRoutes } from "./routes/queue-routes.js";
import { runRoutes } from "./routes/run-routes.js";
import { streamRoutes } from "./routes/stream-routes.js";
import type { ServerStats } from "./stats.js";

/** A running test server. */
export interface TestServer {
  /** "http://127.0.0.1:PORT", no trailing slash. */
  readonly url: string;
  readonly port: number;
  /** Inject HTTP and stream faults. */
  readonly faults: FaultController;
  /** Live counters. */
  readonly stats: ServerStats;
  /**
   * Emits request, join, job-start, job-output, job-end, cancel, stream-open, stream-close, stream-linger-end,
   * session-clean, heartbeat-open, heartbeat-close, unload (see ServerEventMap).
   */
  readonly events: EventEmitter;
  /**
   * The work app's run log (`app: "work"`): one record per started run of /work, /work_stream and
   * /stateful_work, in start order, as `/runs` answers it (copies). Always empty for the demo app.
   *
   * @example
   * const server = await startTestServer({ app: "work", timeScale: 0.02 });
   * // … run and cancel jobs …
   * expect(server.runs().map((run) => run.outcome)).toEqual(["cancelled", "completed"]);
   */
  runs(): RunRecord[];
  /**
   * Every chunk `POST {P}/stream/{event_id}` received (streaming inputs, §9), in arrival order, with its arrival
   * time: of one event, or of all.
   */
  streamChunks(eventId?: string): StreamChunkRecord[];
  /** Releases the test-only /hold jobs waiting on `key` (and latches it for later ones). */
  release(key: string): void;
  /**
   * The model of the Hugging Face Hub's Space API this server also answers (`hubUrl: server.url`): define Spaces
   * with scripted stages (`hub.define("me/app", { stages: [{ stage: "SLEEPING" }, { stage: "RUNNING" }] })`) and
   * read what they told clients (`hub.space("me/app")?.answered`). See src/hub/space-hub.ts.
   */
  readonly hub: SpaceHub;
  /** Closes everything: open SSE responses, timers, jobs, and the temp upload directory. */
  close(): Promise<void>;
}

function buildRoutes(core: ServerCore, hub: SpaceHub): Route[] {
  return [
    ...discoveryRoutes(core),
    ...authRoutes(core),
    ...hubRoutes(core, hub),
    ...(core.options.dialect.perJobStream ? legacyRoutes(core) : []),
    ...queueRoutes(core),
    ...(core.options.dialect.perJobStream ? [] : streamRoutes(core)),
    ...fileRoutes(core),
    ...runRoutes(core),
  ];
}

async function handleRequest(
  core: ServerCore,
  faults: FaultRegistry,
  routes: Route[],
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const method = request.method ?? "GET";
  const url = new URL(request.url ?? "/", "http://test-server.invalid");
  const record = { method, path: `${url.pathname}${url.search}`, headers: { ...request.headers } };
  core.stats.requests.push(record);
  core.emit("request", record);
  if (handleCors(request, response)) return;

  const match = matchRoute(routes, method, url.pathname, core.options.apiPrefix);
  if (!match) return sendDetail(response, 404, "Not Found");
  if ("methodNotAllowed" in match) return sendDetail(response, 405, "Method Not Allowed");
  const { route, params } = match;

  const requestFaults = faults.take(route.faultRoutes, route.stream === true);
  if (requestFaults.delayMs > 0) await core.timers.sleep(requestFaults.delayMs);
  if (requestFaults.status) {
    const { status, body, contentType } = requestFaults.status;
    return sendText(response, status, body, contentType);
  }
  if (route.faultRoutes.includes("join")) core.stats.joins += 1;
  if (route.loginGated && !core.auth.isLoggedIn(request)) {
    return sendDetail(response, 401, notAuthenticatedDetail(core.options.richErrorShapes));
  }
  await route.handle({ request, response, url, params, faults: requestFaults });
}

/**
 * Starts a Gradio-protocol server with the demo app of the real-Gradio transcripts (or, with `app: "work"`, the
 * run-log app of conformance/apps/work.py).
 *
 * @example
 * const server = await startTestServer({ timeScale: 0.05 });
 * const config = await (await fetch(`${server.url}/config`)).json();
 * await server.close();
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const resolved = resolveOptions(options);
  const core = new ServerCore(resolved);
  const faults = new FaultRegistry();
  const hub = new SpaceHub(options.hub);
  const routes = buildRoutes(core, hub);
  const httpServer = createServer((request, response) => {
    handleRequest(core, faults, routes, request, response).catch((error: unknown) => {
      if (response.headersSent) return void response.destroy();
      const message = error instanceof Error ? error.message : String(error);
      sendText(response, 500, `Internal Server Error: ${message}`, "text/plain; charset=utf-8");
    });
  });

  httpServer.on("connection", (socket) => core.trackConnection(socket));
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(resolved.port, resolved.host, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const displayHost = resolved.host.includes(":") ? `[${resolved.host}]` : resolved.host;
  let closing: Promise<void> | null = null;

  return {
    url: `http://${displayHost}:${port}`,
    port,
    faults,
    stats: core.stats,
    events: core.events,
    release: (key) => core.holds.release(key),
    runs: () => core.app.runLog.runs(),
    streamChunks: (eventId) => core.streamEvents.chunks(eventId),
    hub,
    close() {
      closing ??= new Promise<void>((resolve) => {
        core.shutdown();
        httpServer.close(() => resolve());
        httpServer.closeAllConnections();
      }).then(() => core.files.dispose());
      return closing;
    },
  };
}
