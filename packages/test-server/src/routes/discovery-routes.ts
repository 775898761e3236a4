import { buildApiInfo, buildConfig, buildHtmlPage, buildLoggedOutConfig } from "../app/config.js";
import type { ServerCore } from "../core.js";
import { requestRoot, sendJson } from "../http/responses.js";
import type { Route } from "../http/router.js";

/** `/config`, `/`, `{P}/info`, `{P}/app_id`, `{P}/reset`, `{P}/login_check`. */
export function discoveryRoutes(core: ServerCore): Route[] {
  const configFor = (root: string) =>
    buildConfig(core.app, { options: core.options, appId: core.appId, root });
  return [
    {
      methods: ["GET"],
      scope: "root",
      pattern: /^\/config\/?$/,
      faultRoutes: ["config"],
      loginGated: true,
      handle({ request, response }) {
        sendJson(response, 200, configFor(requestRoot(request)));
      },
    },
    {
      methods: ["GET", "HEAD"],
      scope: "root",
      pattern: /^\/$/,
      faultRoutes: [],
      loginGated: false,
      handle({ request, response }) {
        const root = requestRoot(request);
        const config = core.auth.isLoggedIn(request) ? configFor(root) : buildLoggedOutConfig(root);
        const html = buildHtmlPage(config, buildApiInfo(core.app));
        response.writeHead(200, {
          "content-type": "text/html; charset=utf-8",
          "content-length": Buffer.byteLength(html),
        });
        response.end(request.method === "HEAD" ? undefined : html);
      },
    },
    {
      methods: ["GET"],
      scope: "api",
      pattern: /^\/info\/?$/,
      faultRoutes: ["info"],
      loginGated: true,
      handle({ response, url }) {
        // Any non-empty value turns it on, even "false" (§3.2).
        const allEndpoints = Boolean(url.searchParams.get("all_endpoints"));
        sendJson(response, 200, buildApiInfo(core.app, allEndpoints, core.options.features.oauthTokenBody));
      },
    },
    {
      methods: ["GET"],
      scope: "api",
      pattern: /^\/app_id\/?$/,
      faultRoutes: [],
      loginGated: false,
      handle({ response }) {
        sendJson(response, 200, { app_id: core.appId });
      },
    },
    {
      methods: ["POST"],
      scope: "api",
      pattern: /^\/reset\/?$/,
      faultRoutes: [],
      loginGated: false,
      handle({ response }) {
        sendJson(response, 200, { success: true });
      },
    },
    {
      methods: ["GET"],
      scope: "api",
      pattern: /^\/login_check\/?$/,
      faultRoutes: [],
      loginGated: true,
      handle({ response }) {
        sendJson(response, 200, null);
      },
    },
  ];
}
