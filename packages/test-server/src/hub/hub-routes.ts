import type { IncomingMessage } from "node:http";
import type { ServerCore } from "../core.js";
import { readJson, requestRoot, sendJson } from "../http/responses.js";
import type { Route } from "../http/router.js";
import { type SpaceHub, spaceSubdomain } from "./space-hub.js";

/**
 * The Hugging Face Hub routes the SDK uses, served by the test server so tests can point `hubUrl` here (modelled on
 * the official client's code and the Hub's docs, see space-hub.ts; not part of Gradio). Every Space's app is this
 * server. Errors answer `{"error": …}`, as the Hub does.
 */
export function hubRoutes(core: ServerCore, hub: SpaceHub): Route[] {
  const space = (suffix: string) => new RegExp(`^/api/spaces/([^/]+)/([^/]+)${suffix}/?$`);
  const route = (methods: readonly string[], pattern: RegExp, handle: Route["handle"]): Route => ({
    methods,
    scope: "root",
    pattern,
    faultRoutes: [],
    loginGated: false,
    handle,
  });
  const auth = (request: IncomingMessage) => request.headers.authorization;
  const notFound = { error: "Repository not found" };
  return [
    route(["GET"], /^\/api\/whoami-v2\/?$/, ({ request, response }) => {
      const user = hub.userOf(auth(request));
      if (user === null)
        return sendJson(response, 401, { error: "Invalid credentials in Authorization header" });
      sendJson(response, 200, { type: "user", name: user });
    }),
    // Before `/api/spaces/{owner}/{name}`, which would take "by-subdomain" for an owner.
    route(
      ["GET"],
      /^\/api\/spaces\/by-subdomain\/([^/]+)\/?$/,
      ({ request, response, params: [sub = ""] }) => {
        const id = hub.bySubdomain(sub);
        if (id === undefined || !hub.visible(id, auth(request))) return sendJson(response, 404, notFound);
        sendJson(response, 200, { id, subdomain: sub, runtime: hub.runtime(id, true) });
      },
    ),
    route(["GET"], space("/host"), ({ request, response, params: [owner = "", name = ""] }) => {
      const id = `${owner}/${name}`;
      if (!hub.visible(id, auth(request))) return sendJson(response, 404, notFound);
      sendJson(response, 200, { subdomain: spaceSubdomain(id), host: requestRoot(request) });
    }),
    route(["GET"], space("/jwt"), ({ request, response, params: [owner = "", name = ""] }) => {
      if (!hub.visible(`${owner}/${name}`, auth(request))) return sendJson(response, 404, notFound);
      sendJson(response, 200, { token: `test-jwt-${core.appId}` });
    }),
    route(["GET"], space("/runtime"), ({ request, response, params: [owner = "", name = ""] }) => {
      const id = `${owner}/${name}`;
      if (!hub.visible(id, auth(request))) return sendJson(response, 404, notFound);
      sendJson(response, 200, hub.runtime(id, false));
    }),
    route(["POST"], space("/duplicate"), async ({ request, response, params: [owner = "", name = ""] }) => {
      const outcome = hub.duplicate(`${owner}/${name}`, auth(request), await readJson(request));
      const root = requestRoot(request);
      if (outcome.status === 200)
        return sendJson(response, 200, { url: `${root}/spaces/${outcome.repository}` });
      const url = outcome.repository === undefined ? {} : { url: `${root}/spaces/${outcome.repository}` };
      sendJson(response, outcome.status, { error: outcome.error, ...url });
    }),
    route(["POST"], space("/sleeptime"), async ({ request, response, params: [owner = "", name = ""] }) => {
      const id = `${owner}/${name}`;
      const body = await readJson(request);
      const seconds =
        typeof body === "object" && body !== null ? (body as { seconds?: unknown }).seconds : undefined;
      const status = hub.setSleepTime(id, auth(request), seconds);
      if (status !== 200)
        return sendJson(response, status, { error: `Could not set the sleep time (${status})` });
      sendJson(response, 200, hub.runtime(id, false));
    }),
    route(["GET"], space(""), ({ request, response, params: [owner = "", name = ""] }) => {
      const id = `${owner}/${name}`;
      if (!hub.visible(id, auth(request))) return sendJson(response, 404, notFound);
      const record = hub.space(id);
      sendJson(response, 200, {
        id,
        private: record?.private ?? false,
        subdomain: spaceSubdomain(id),
        runtime: hub.runtime(id, true),
      });
    }),
  ];
}
