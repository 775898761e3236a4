import type { ServerCore } from "../core.js";
import { requestRoot, sendDetail, sendJson, sendText } from "../http/responses.js";
import type { Route } from "../http/router.js";
import { messages } from "../queue/messages.js";
import { SessionStream } from "../stream/session-stream.js";
import { heartbeatRoute } from "./heartbeat-route.js";
import { readJsonObject, readPredictBody, requireFields, unknownFunctionTraceback } from "./predict-body.js";

/**
 * The multiplexed queue routes (sse_v1 and later): join, the session stream, cancel, queue status and
 * the session heartbeat.
 */
export function queueRoutes(core: ServerCore): Route[] {
  const { options } = core;
  const sessionRoutes: Route[] = [
    {
      methods: ["POST"],
      scope: "api",
      pattern: /^\/queue\/join\/?$/,
      faultRoutes: ["join"],
      loginGated: true,
      async handle({ request, response, url }) {
        const parsed = await readPredictBody(request);
        if (!parsed.ok) return sendJson(response, parsed.status, { detail: parsed.detail });
        const body = parsed.body;
        if (!body.session_hash) return sendDetail(response, 400, "Session hash not found.");
        if (body.fn_index === null) return sendDetail(response, 400, "No function index provided.");
        const waiting = core.queue.waitingCount();
        if (options.queueMaxSize !== null && waiting >= options.queueMaxSize) {
          return sendDetail(
            response,
            503,
            `Queue is full. Max size is ${options.queueMaxSize} and size is ${waiting}.`,
          );
        }
        const endpoint = core.endpointByIndex(body.fn_index, body.session_hash);
        if (!endpoint)
          return sendText(
            response,
            500,
            unknownFunctionTraceback(body.fn_index),
            "text/plain; charset=utf-8",
          );
        core.app.noteJoin?.(body.session_hash, {
          query: Object.fromEntries(url.searchParams),
          cookies: Object.fromEntries(
            (request.headers.cookie ?? "")
              .split(";")
              .map((pair) => pair.trim().split("="))
              .filter(([name]) => name)
              .map(([name, ...value]) => [name, value.join("=")]),
          ),
          oauthToken: options.features.oauthTokenBody ? body.oauth_token : null,
        });
        const session = core.sessions.getOrCreate(body.session_hash);
        const job = core.createJob(session, endpoint, body.data, requestRoot(request));
        session.pending.add(job.eventId);
        if (endpoint.stream) core.streamEvents.add(job, body.data);
        core.stats.joinsByApi[endpoint.apiName] = (core.stats.joinsByApi[endpoint.apiName] ?? 0) + 1;
        core.emit("join", {
          sessionHash: session.hash,
          fnIndex: endpoint.id,
          apiName: endpoint.apiName,
          eventId: job.eventId,
        });
        core.queue.enqueue(job);
        sendJson(response, 200, { event_id: job.eventId });
      },
    },
    {
      methods: ["GET"],
      scope: "api",
      pattern: /^\/queue\/data\/?$/,
      faultRoutes: ["stream"],
      loginGated: true,
      stream: true,
      handle(context) {
        const sessionHash = context.url.searchParams.get("session_hash");
        if (!sessionHash) {
          const detail = [
            { type: "missing", loc: ["query", "session_hash"], msg: "Field required", input: null },
          ];
          return sendJson(context.response, 422, { detail });
        }
        const sse = core.openSse(context, sessionHash);
        const session = core.sessions.get(sessionHash);
        if (context.faults.stream.stall) return sse.open();
        if (!session) {
          // Real Gradio raises a 404 inside the stream loop: 200, one unexpected_error frame, then an abort.
          sse.open();
          const rich = options.richErrorShapes;
          const message = rich ? "404: Not Found" : "404: Session not found.";
          sse.send(JSON.stringify(messages.unexpectedError(message, true, rich)));
          return sse.abort("end");
        }
        const stream = new SessionStream(sse, session, {
          dialect: options.dialect,
          heartbeatIntervalMs: options.heartbeatIntervalMs,
          richErrorShapes: options.richErrorShapes,
          heartbeatTask: options.features.heartbeatTask,
          completionGuard: options.features.completionGuard,
          timers: core.timers,
          onDisconnect: (disconnected, stopHeartbeat) => core.streamDisconnected(disconnected, stopHeartbeat),
          onClose: () => {},
        });
        stream.start();
      },
    },
  ];
  const routes: Route[] = [
    // The `sse` dialect (4.0 - 4.8) has its own join and data routes (legacy-routes.ts).
    ...(options.dialect.perJobStream ? [] : sessionRoutes),
    {
      methods: ["GET"],
      scope: "api",
      pattern: /^\/queue\/status\/?$/,
      faultRoutes: [],
      loginGated: true,
      handle({ response }) {
        const queueSize = core.queue.waitingCount();
        sendJson(response, 200, {
          msg: "estimation",
          event_id: null,
          rank: null,
          queue_size: queueSize,
          rank_eta: null,
        });
      },
    },
  ];
  if (options.hasCancelRoute) routes.push(cancelRoute(core));
  if (options.hasHeartbeatRoute) routes.push(heartbeatRoute(core));
  return routes;
}

/** `POST {P}/cancel` (4.31+): keyed by session and fn, not login-gated, always `{"success":true}`. */
function cancelRoute(core: ServerCore): Route {
  return {
    methods: ["POST"],
    scope: "api",
    pattern: /^\/cancel\/?$/,
    faultRoutes: ["cancel"],
    loginGated: false,
    async handle({ request, response }) {
      const parsed = await readJsonObject(request);
      if (!parsed.ok) return sendJson(response, parsed.status, { detail: parsed.detail });
      const errors = requireFields(parsed.body, {
        session_hash: "string",
        fn_index: "integer",
        event_id: "string",
      });
      if (errors.length > 0) return sendJson(response, 422, { detail: errors });
      const sessionHash = parsed.body.session_hash as string;
      const fnIndex = parsed.body.fn_index as number;
      const eventId = parsed.body.event_id as string;
      core.stats.cancels.push({ session_hash: sessionHash, fn_index: fnIndex, event_id: eventId });
      core.emit("cancel", { sessionHash, fnIndex, eventId });
      core.queue.cancel(sessionHash, fnIndex, eventId);
      sendJson(response, 200, { success: true });
    },
  };
}
