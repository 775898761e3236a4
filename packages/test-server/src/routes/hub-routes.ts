import type { ServerCore } from "../core.js";
import { requestRoot, sendDetail, sendJson } from "../http/responses.js";
import type { Route } from "../http/router.js";

/** The subdomain Hugging Face gives a Space: lowercased, `_` and `.` turned into `-`. */
function spaceSubdomain(owner: string, name: string): string {
  return `${owner}-${name}`.toLowerCase().replace(/[_.]/g, "-");
}

/**
 * A stand-in for the Hugging Face Hub API the SDK uses to resolve Spaces (§11), so tests can point the
 * SDK's `hubUrl` here. Every Space resolves to this server; owner "missing" answers 404. Not part of Gradio.
 */
export function hubRoutes(core: ServerCore): Route[] {
  const space = (suffix: string) => new RegExp(`^/api/spaces/([^/]+)/([^/]+)${suffix}/?$`);
  const notFound = (owner: string | undefined) => owner === "missing";
  return [
    {
      methods: ["GET"],
      scope: "root",
      pattern: space("/host"),
      faultRoutes: [],
      loginGated: false,
      handle({ request, response, params: [owner = "", name = ""] }) {
        if (notFound(owner)) return sendDetail(response, 404, "Repository not found");
        sendJson(response, 200, { subdomain: spaceSubdomain(owner, name), host: requestRoot(request) });
      },
    },
    {
      methods: ["GET"],
      scope: "root",
      pattern: space("/jwt"),
      faultRoutes: [],
      loginGated: false,
      handle({ response, params: [owner] }) {
        if (notFound(owner)) return sendDetail(response, 404, "Repository not found");
        sendJson(response, 200, { token: `test-jwt-${core.appId}` });
      },
    },
    {
      methods: ["GET"],
      scope: "root",
      pattern: space(""),
      faultRoutes: [],
      loginGated: false,
      handle({ response, params: [owner = "", name = ""] }) {
        if (notFound(owner)) return sendDetail(response, 404, "Repository not found");
        sendJson(response, 200, { id: `${owner}/${name}`, runtime: { stage: "RUNNING" } });
      },
    },
  ];
}
