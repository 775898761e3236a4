import type { ServerResponse } from "node:http";
import type { ServerCore } from "../core.js";
import { sendJson, sendText } from "../http/responses.js";
import type { Route } from "../http/router.js";
import { readPredictBody } from "./predict-body.js";

/**
 * The streaming-input routes (protocol §9): `POST {P}/stream/{event_id}` takes one chunk (a PredictBody; the newest
 * replaces the event's data and wakes it) and `POST {P}/stream/{event_id}/close` ends the event. Neither is
 * login-gated. Both answer `{"msg":"success"}`. For an id the server does not know, 6.25 answers 404 with an empty
 * body; 5.x raises a KeyError (500 "Internal Server Error"). 5.x never forgets an event, so a chunk to a finished
 * one still gets `{"msg":"success"}` there (and changes nothing).
 */
export function streamRoutes(core: ServerCore): Route[] {
  const unknownEvent = (response: ServerResponse) => {
    if (core.options.features.streamEventsForgotten) {
      response.writeHead(404, { "content-length": 0 });
      response.end();
    } else sendText(response, 500, "Internal Server Error", "text/plain; charset=utf-8");
  };
  return [
    {
      methods: ["POST"],
      scope: "api",
      pattern: /^\/stream\/([^/]+)\/close\/?$/,
      faultRoutes: [],
      loginGated: false,
      handle({ response, params }) {
        const event = core.streamEvents.get(decodeURIComponent(params[0] ?? ""));
        if (!event) return unknownEvent(response);
        event.closed = true;
        event.signal();
        core.emit("stream-input-close", { eventId: event.job.eventId, finished: event.finished });
        sendJson(response, 200, { msg: "success" });
      },
    },
    {
      methods: ["POST"],
      scope: "api",
      pattern: /^\/stream\/([^/]+)\/?$/,
      faultRoutes: [],
      loginGated: false,
      async handle({ request, response, params }) {
        const parsed = await readPredictBody(request);
        if (!parsed.ok) return sendJson(response, parsed.status, { detail: parsed.detail });
        const event = core.streamEvents.get(decodeURIComponent(params[0] ?? ""));
        if (!event) return unknownEvent(response);
        const record = core.streamEvents.record(event, parsed.body.data);
        event.data = parsed.body.data;
        event.signal();
        core.emit("stream-chunk", { ...record, finished: event.finished });
        sendJson(response, 200, { msg: "success" });
      },
    },
  ];
}
