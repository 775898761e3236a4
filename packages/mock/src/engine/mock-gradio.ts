/**
 * `createMockGradio`: the runtime-neutral mock, a `(request: Request) => Promise<Response>` that answers Gradio's
 * routes for a {@link MockApp}. Event streams are streamed `Response` bodies, so the same handler serves Node's
 * HTTP server (`@gradio-jobs/mock/node`), MSW in a browser or in Node, and service workers.
 * @module
 */
import type { MockApp, MockEndpoint, MockProtocol } from "../definition/define-app.js";
import { API_PREFIX, AppLayout, buildConfig, buildInfo } from "./describe.js";
import { FaultList, type MockFaultRoute, type MockFaults } from "./faults.js";
import { FileStore } from "./files.js";
import { HeartbeatRoute } from "./heartbeat-route.js";
import { LoginGate } from "./login.js";
import { JobQueue, type QueuedJob } from "./queue.js";
import { cancelledCompletion, type RunEnvironment, runJob } from "./run-job.js";
import { type QueueMessage, Session, sseFrame } from "./session.js";
import { UploadProgress } from "./upload-progress.js";

/**
 * Options of {@link createMockGradio}.
 * @example
 * ```ts
 * import { createMockGradio, defineApp, endpoint } from "@gradio-jobs/mock";
 * const app = defineApp({ endpoints: { "/ping": endpoint({ fn: () => undefined }) } });
 * const mock = createMockGradio(app, { protocol: "5.x", timeScale: 0.05, heartbeatIntervalMs: 1_000 });
 * ```
 */
export interface MockGradioOptions {
  /** Overrides the app's `protocol`. */
  readonly protocol?: MockProtocol;
  /**
   * How app time compares with real time: `job.sleep(2)` takes `2 × timeScale` seconds. Default 1; tests use
   * e.g. 0.01 to run a "2 s" endpoint in 20 ms.
   */
  readonly timeScale?: number;
  /** Interval of `{"msg":"heartbeat"}` frames and of the heartbeat route's `ALIVE`. Default 15,000 ms (Gradio's). */
  readonly heartbeatIntervalMs?: number;
}

/**
 * What the mock saw, for assertions.
 * @example
 * ```ts
 * import type { MockGradio } from "@gradio-jobs/mock";
 * declare const mock: MockGradio;
 * console.log(mock.stats.joins["/predict"] ?? 0, mock.stats.cancels.length, mock.stats.openStreams);
 * ```
 */
export interface MockStats {
  /** Accepted joins per endpoint name (`"/predict"`). */
  readonly joins: Readonly<Record<string, number>>;
  /** Bodies of every `POST {P}/cancel`. */
  readonly cancels: readonly { session_hash: string; fn_index: number; event_id: string }[];
  /** Jobs running or waiting right now. */
  readonly running: number;
  readonly waiting: number;
  /** Event streams (`{P}/queue/data`) open right now. */
  readonly openStreams: number;
}

/**
 * A mock Gradio app you can send `Request`s to.
 * @example
 * ```ts
 * import { createMockGradio, defineApp, endpoint } from "@gradio-jobs/mock";
 * const mock = createMockGradio(defineApp({ endpoints: { "/ping": endpoint({ fn: () => undefined }) } }));
 * const info = await (await mock.fetch(new Request("http://mock.test/gradio_api/info"))).json();
 * console.log(Object.keys(info.named_endpoints)); // ["/ping"]
 * mock.close();
 * ```
 */
export interface MockGradio {
  /** Answers one request, like a server would. */
  fetch(request: Request): Promise<Response>;
  /** Faults for the next matching requests. */
  readonly faults: MockFaults;
  readonly stats: MockStats;
  readonly app: MockApp;
  /** Stops every job and ends every open stream. */
  close(): void;
}

const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache",
  connection: "keep-alive",
};

function detail(status: number, text: unknown): Response {
  return Response.json({ detail: text }, { status });
}

function randomId(): string {
  return crypto.randomUUID().replaceAll("-", "");
}

function withCors(request: Request, response: Response): Response {
  const origin = request.headers.get("origin");
  if (!origin || response.type === "error") return response;
  const headers = new Headers(response.headers);
  headers.set("access-control-allow-origin", origin);
  headers.set("access-control-allow-credentials", "true");
  headers.set("vary", "Origin");
  return new Response(response.body, { status: response.status, headers });
}

function preflight(request: Request): Response {
  return new Response(null, {
    status: 200,
    headers: {
      "access-control-allow-methods": "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT",
      "access-control-allow-headers": request.headers.get("access-control-request-headers") ?? "*",
      "access-control-max-age": "600",
    },
  });
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Makes a mock Gradio server out of `app`: a `fetch(request)` function answering `/config`, `{P}/info`,
 * `{P}/queue/join`, `{P}/queue/data`, `{P}/cancel`, `{P}/upload`, `{P}/file=`, `{P}/run/…`, `{P}/heartbeat/…`,
 * `/login` and the small routes, as the modelled Gradio version does. It runs anywhere `Request`, `Response` and
 * `ReadableStream` exist.
 *
 * @example
 * ```ts
 * import { Client } from "@gradio-jobs/core";
 * import { createMockGradio, defineApp, endpoint, textbox } from "@gradio-jobs/mock";
 *
 * const mock = createMockGradio(
 *   defineApp({ endpoints: { "/echo": endpoint({ parameters: [textbox("text")], outputs: [textbox("echo")], fn: (t) => t }) } }),
 * );
 * // No port: the client's fetch goes straight to the mock (MSW does the same for a page's own fetch calls).
 * const client = await Client.connect("http://mock.test", { fetch: (url, init) => mock.fetch(new Request(url, init)) });
 * console.log(await client.predict("/echo", ["hi"])); // ["hi"]
 * client.close();
 * mock.close();
 * ```
 */
export function createMockGradio(app: MockApp, options: MockGradioOptions = {}): MockGradio {
  const model: MockApp = options.protocol ? { ...app, protocol: options.protocol } : app;
  const heartbeatMs = options.heartbeatIntervalMs ?? 15_000;
  const layout = new AppLayout(model);
  const files = new FileStore();
  const uploads = new UploadProgress();
  const faults = new FaultList();
  const sessions = new Map<string, Session>();
  const jobs = new Map<string, QueuedJob>();
  const appId = Math.floor(Math.random() * 2 ** 52);
  const gate = new LoginGate(model.auth);
  const joins: Record<string, number> = {};
  const cancels: { session_hash: string; fn_index: number; event_id: string }[] = [];
  const heartbeats = new HeartbeatRoute(heartbeatMs, model.onUnload);
  let openStreams = 0;

  const env: RunEnvironment = {
    app: model,
    files,
    timeScale: options.timeScale ?? 1,
    inputIds: (endpoint) => layout.byEndpoint[endpoint.fnIndex]?.inputs ?? [],
    outputIds: (endpoint) => layout.byEndpoint[endpoint.fnIndex]?.outputs ?? [],
    average: (endpoint) => queue.average(endpoint),
  };
  const queue = new JobQueue((job) =>
    runJob({ ...job, signal: job.abort.signal, emit: (message) => job.session.send(message) }, env).finally(
      () => jobs.delete(job.eventId),
    ),
  );

  /** Gradio's `clean_events` on a closed stream: waiting jobs removed, running ones stopped, nothing reported. */
  function disconnected(session: Session): void {
    openStreams -= 1;
    for (const job of [...jobs.values()]) {
      if (job.session !== session) continue;
      if (!queue.remove(job)) job.abort.abort(new Error("the session's stream closed"));
      jobs.delete(job.eventId);
    }
    session.forget();
  }

  function sessionFor(hash: string): Session {
    let session = sessions.get(hash);
    if (!session) {
      session = new Session(hash, disconnected);
      sessions.set(hash, session);
    }
    return session;
  }

  function findEndpoint(name: string): MockEndpoint | undefined {
    return model.endpoints.find((e) => e.apiName === name);
  }

  async function join(request: Request, root: string): Promise<Response> {
    const body = (await request.json().catch(() => null)) as Record<string, unknown> | null;
    if (!body || !Array.isArray(body.data)) {
      return detail(422, [{ type: "missing", loc: ["body", "data"], msg: "Field required", input: body }]);
    }
    if (typeof body.session_hash !== "string") return detail(400, "Session hash not found.");
    if (typeof body.fn_index !== "number") return detail(400, "No function index provided.");
    const endpoint = model.endpoints[body.fn_index];
    if (!endpoint) return new Response("Internal Server Error", { status: 500 });
    const verdict = faults.take("join", `/${endpoint.apiName}`);
    if (verdict.delayMs) await wait(verdict.delayMs);
    if (verdict.response) return verdict.response;
    if (model.maxQueueSize !== null && queue.waiting >= model.maxQueueSize) {
      return detail(503, `Queue is full. Max size is ${model.maxQueueSize} and size is ${queue.waiting}.`);
    }
    const session = sessionFor(body.session_hash);
    const job: QueuedJob = {
      eventId: randomId(),
      session,
      endpoint,
      data: body.data,
      fileUrlBase: `${root}${API_PREFIX}/file=`,
      abort: new AbortController(),
      phase: "waiting",
    };
    joins[`/${endpoint.apiName}`] = (joins[`/${endpoint.apiName}`] ?? 0) + 1;
    jobs.set(job.eventId, job);
    session.pending.add(job.eventId);
    queue.add(job);
    return Response.json({ event_id: job.eventId });
  }

  function stream(url: URL): Response {
    const hash = url.searchParams.get("session_hash");
    if (!hash) return detail(400, "Session hash not found.");
    const session = sessions.get(hash);
    if (!session) {
      // Gradio answers 200, one unexpected_error, then aborts the body (protocol §4.3).
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          const frame = {
            msg: "unexpected_error",
            event_id: null,
            message: "404: Not Found",
            session_not_found: true,
            success: false,
          };
          controller.enqueue(sseFrame(JSON.stringify(frame)));
          setTimeout(() => controller.error(new TypeError("session not found")), 0);
        },
      });
      return new Response(body, { headers: SSE_HEADERS });
    }
    if (session.streaming) session.end();
    const verdict = faults.take("stream");
    openStreams += 1;
    const body = session.open(heartbeatMs, verdict.dropStreamAfter);
    const counted = body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        flush: () => {
          openStreams -= 1;
        },
      }),
    );
    return new Response(counted, { headers: SSE_HEADERS });
  }

  async function cancel(request: Request): Promise<Response> {
    const body = (await request.json().catch(() => null)) as Record<string, unknown> | null;
    if (!body || typeof body.session_hash !== "string" || typeof body.event_id !== "string") {
      return detail(422, [{ type: "missing", loc: ["body"], msg: "Field required" }]);
    }
    cancels.push(body as (typeof cancels)[number]);
    // Gradio cancels every running task named {session_hash}_{fn_index}, whatever the event (protocol §7).
    for (const job of [...jobs.values()]) {
      if (job.session.hash !== body.session_hash || job.endpoint.fnIndex !== body.fn_index) continue;
      if (job.phase === "running") {
        job.abort.abort(new Error("cancelled"));
        queue.release(job);
        jobs.delete(job.eventId);
      }
    }
    const target = jobs.get(body.event_id);
    if (target && queue.remove(target)) jobs.delete(target.eventId);
    const session = sessions.get(body.session_hash);
    if (session?.pending.has(body.event_id)) session.send(cancelledCompletion(model, body.event_id));
    return Response.json({ success: true });
  }

  async function direct(request: Request, name: string, root: string): Promise<Response> {
    const body = (await request.json().catch(() => null)) as Record<string, unknown> | null;
    if (!body || !Array.isArray(body.data)) return detail(422, [{ type: "missing", loc: ["body", "data"] }]);
    const endpoint = typeof body.fn_index === "number" ? model.endpoints[body.fn_index] : findEndpoint(name);
    if (!endpoint) return detail(404, "Not Found");
    const hash = typeof body.session_hash === "string" ? body.session_hash : randomId();
    let completed: QueueMessage | null = null;
    await runJob(
      {
        eventId: randomId(),
        session: sessionFor(hash),
        endpoint,
        data: body.data,
        fileUrlBase: `${root}${API_PREFIX}/file=`,
        signal: new AbortController().signal,
        emit: (message) => {
          if (message.msg === "process_completed") completed = message;
        },
      },
      env,
    );
    const { output, success } = (completed ?? { output: { error: null }, success: false }) as {
      output: unknown;
      success: boolean;
    };
    return Response.json(output, { status: success ? 200 : 500 });
  }

  async function route(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const root = url.origin;
    const { pathname } = url;
    const method = request.method;
    if (method === "OPTIONS") return preflight(request);
    const inApi = pathname.startsWith(`${API_PREFIX}/`);
    const path = inApi ? pathname.slice(API_PREFIX.length) : pathname;
    const faultRoute: MockFaultRoute | null =
      path === "/config" && !inApi
        ? "config"
        : inApi && path === "/info"
          ? "info"
          : inApi && path === "/queue/data"
            ? null // stream faults are taken when the stream opens
            : inApi && path === "/upload"
              ? "upload"
              : inApi && path === "/cancel"
                ? "cancel"
                : inApi && path.startsWith("/file=")
                  ? "file"
                  : path === "/login"
                    ? "login"
                    : null;
    if (faultRoute) {
      const verdict = faults.take(faultRoute);
      if (verdict.delayMs) await wait(verdict.delayMs);
      if (verdict.response) return verdict.response;
    }
    const gated = !(inApi && (path === "/cancel" || path === "/reset" || path.startsWith("/heartbeat/")));
    if (gated && path !== "/login" && path !== "/logout" && !gate.admits(request)) {
      if (!inApi && path === "/") return new Response("Login required", { status: 401 });
      return detail(401, { error: "Not authenticated", auth_message: null });
    }
    if (!inApi) {
      if (path === "/config" && method === "GET")
        return Response.json(buildConfig(model, layout, appId, root));
      if (path === "/login" && method === "POST") return gate.login(request);
      if (path === "/logout") return new Response(null, { status: 302, headers: { location: "/" } });
      if (path === "/" && (method === "GET" || method === "HEAD")) {
        const config = JSON.stringify(buildConfig(model, layout, appId, root)).replace(/</g, "\\u003c");
        const html = `<!doctype html><html><head><meta charset="utf-8"><title>${model.title}</title><script>window.gradio_config = ${config};</script></head><body>@gradio-jobs/mock</body></html>`;
        return new Response(html, { headers: { "content-type": "text/html; charset=utf-8" } });
      }
      return detail(404, "Not Found");
    }
    if (path === "/info" && method === "GET")
      return Response.json(buildInfo(model, Boolean(url.searchParams.get("all_endpoints"))));
    if (path === "/queue/join" && method === "POST") return join(request, root);
    if (path === "/queue/data" && method === "GET") return stream(url);
    if (path === "/cancel" && method === "POST") return cancel(request);
    if (path === "/upload" && method === "POST") return files.upload(request, model.maxFileSize, uploads);
    if (path === "/upload_progress" && method === "GET")
      return uploads.stream(url.searchParams.get("upload_id") ?? "");
    if (path.startsWith("/file=") && (method === "GET" || method === "HEAD")) {
      return files.serve(decodeURIComponent(path.slice("/file=".length)), method === "HEAD");
    }
    const run = /^\/(?:run|api)\/([\w-]+)$/.exec(path);
    if (run && method === "POST") return direct(request, run[1] as string, root);
    const beat = /^\/heartbeat\/([^/]+)$/.exec(path);
    if (beat && method === "GET") return heartbeats.answer(beat[1] as string, SSE_HEADERS);
    if (path === "/app_id") return Response.json({ app_id: appId });
    if (path === "/reset" && method === "POST") return Response.json({ success: true });
    if (path === "/login_check") return Response.json(null);
    if (path === "/queue/status") {
      return Response.json({
        msg: "estimation",
        event_id: null,
        rank: null,
        queue_size: queue.waiting,
        rank_eta: null,
      });
    }
    return detail(404, "Not Found");
  }

  return {
    app: model,
    faults,
    get stats(): MockStats {
      return {
        joins: { ...joins },
        cancels: [...cancels],
        running: queue.running,
        waiting: queue.waiting,
        openStreams,
      };
    },
    async fetch(request) {
      return withCors(request, await route(request));
    },
    close() {
      for (const job of jobs.values()) job.abort.abort(new Error("the mock closed"));
      jobs.clear();
      for (const session of sessions.values()) session.end();
      heartbeats.close();
    },
  };
}
