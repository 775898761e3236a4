import { randomUUID } from "node:crypto";
import type { ServerCore } from "../core.js";
import { requestRoot, sendDetail, sendJson } from "../http/responses.js";
import type { Route } from "../http/router.js";
import { errorOutput } from "../queue/job-runner.js";
import { readPredictBody } from "./predict-body.js";

/** `POST {P}/run/{api_name}` (alias `{P}/api/{api_name}`): direct calls of queue=False endpoints (§6). */
export function runRoutes(core: ServerCore): Route[] {
  return [
    {
      methods: ["POST"],
      scope: "api",
      pattern: /^\/(?:run|api)\/([^/]+)\/?$/,
      faultRoutes: [],
      loginGated: true,
      async handle({ request, response, params }) {
        const parsed = await readPredictBody(request);
        if (!parsed.ok) return sendJson(response, parsed.status, { detail: parsed.detail });
        const body = parsed.body;
        const apiName = decodeURIComponent(params[0] ?? "");
        const endpoint =
          body.fn_index !== null ? core.endpointByIndex(body.fn_index) : core.endpointByName(apiName);
        if (!endpoint) return sendDetail(response, 404, `API endpoint /${apiName} not found.`);
        if (endpoint.queue && !core.options.apiOpen) {
          return sendDetail(
            response,
            404,
            "This API endpoint does not accept direct HTTP POST requests. Please join the queue to use this API.",
          );
        }
        const session = core.sessions.getOrCreate(body.session_hash ?? randomUUID());
        const job = core.createJob(session, endpoint, body.data, requestRoot(request));
        try {
          sendJson(response, 200, await core.runner.runDirect(job));
        } catch (error) {
          sendJson(response, 500, errorOutput(error, core.options.features.errorVisible).output);
        }
      },
    },
  ];
}
