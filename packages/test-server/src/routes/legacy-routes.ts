import type { ServerCore } from "../core.js";
import { requestRoot, sendJson, sendText } from "../http/responses.js";
import type { Route } from "../http/router.js";
import type { Job } from "../queue/job.js";
import { LegacyJobStream } from "../stream/legacy-job-stream.js";
import { readPredictBody } from "./predict-body.js";

/**
 * The `sse` dialect of Gradio 4.0 - 4.8: `GET /queue/join?fn_index=N&session_hash=S` streams one job
 * (estimation, send_data, …, process_completed), and the client POSTs its data to `/queue/data` with the
 * event_id from `send_data`. A full queue is the message `queue_full`, not an HTTP error.
 */
export function legacyRoutes(core: ServerCore): Route[] {
  const awaitingData = new Map<string, Job>();
  return [
    {
      methods: ["GET"],
      scope: "api",
      pattern: /^\/queue\/join\/?$/,
      faultRoutes: ["join", "stream"],
      loginGated: true,
      stream: true,
      handle(context) {
        const { url, request, response } = context;
        const sessionHash = url.searchParams.get("session_hash");
        const fnIndex = Number.parseInt(url.searchParams.get("fn_index") ?? "", 10);
        if (!sessionHash || Number.isNaN(fnIndex)) {
          const missing = [!Number.isNaN(fnIndex) ? null : "fn_index", sessionHash ? null : "session_hash"];
          const detail = missing
            .filter((field): field is string => field !== null)
            .map((field) => ({ type: "missing", loc: ["query", field], msg: "Field required", input: null }));
          return sendJson(response, 422, { detail });
        }
        const endpoint = core.endpointByIndex(fnIndex);
        if (!endpoint) return sendText(response, 500, "Internal Server Error", "text/plain; charset=utf-8");
        const sse = core.openSse(context, sessionHash);
        sse.open();
        if (context.faults.stream.stall) return;
        const session = core.sessions.getOrCreate(sessionHash);
        const channel = new LegacyJobStream(sse, session, core.timers, core.options.heartbeatIntervalMs);
        const { queueMaxSize } = core.options;
        if (queueMaxSize !== null && core.queue.waitingCount() >= queueMaxSize) {
          return channel.push({ msg: "queue_full" });
        }
        const job = core.createJob(session, endpoint, null, requestRoot(request), channel);
        session.pending.add(job.eventId);
        awaitingData.set(job.eventId, job);
        core.stats.joinsByApi[endpoint.apiName] = (core.stats.joinsByApi[endpoint.apiName] ?? 0) + 1;
        core.emit("join", { sessionHash, fnIndex, apiName: endpoint.apiName, eventId: job.eventId });
        sse.onClose((reason) => {
          awaitingData.delete(job.eventId);
          if (reason === "client" || reason === "fault") {
            session.pending.delete(job.eventId);
            core.queue.dropJob(job);
          }
        });
        core.queue.enqueue(job);
        channel.push({ msg: "send_data", event_id: job.eventId });
      },
    },
    {
      methods: ["POST"],
      scope: "api",
      pattern: /^\/queue\/data\/?$/,
      faultRoutes: [],
      loginGated: true,
      async handle({ request, response }) {
        const parsed = await readPredictBody(request);
        if (!parsed.ok) return sendJson(response, parsed.status, { detail: parsed.detail });
        const job = awaitingData.get(parsed.body.event_id ?? "");
        if (!job) return sendText(response, 500, "Internal Server Error", "text/plain; charset=utf-8");
        awaitingData.delete(job.eventId);
        job.data = parsed.body.data;
        core.queue.dispatch();
        sendJson(response, 200, null);
      },
    },
  ];
}
