import type { ServerCore } from "../core.js";
import { multipartBoundary, parseMultipart } from "../files/multipart.js";
import { readBody, requestRoot, sendDetail, sendJson } from "../http/responses.js";
import type { Route } from "../http/router.js";

async function readCredentials(request: import("node:http").IncomingMessage): Promise<Map<string, string>> {
  const body = await readBody(request);
  const boundary = multipartBoundary(request.headers["content-type"]);
  if (boundary) {
    const fields = new Map<string, string>();
    for (const part of parseMultipart(body, boundary)) fields.set(part.name, part.data.toString("utf8"));
    return fields;
  }
  return new Map(new URLSearchParams(body.toString("utf8")));
}

/** `POST /login` and `GET /logout` at the app root (auth.txt). */
export function authRoutes(core: ServerCore): Route[] {
  return [
    {
      methods: ["POST"],
      scope: "root",
      pattern: /^\/login\/?$/,
      faultRoutes: ["login"],
      loginGated: false,
      async handle({ request, response }) {
        let fields: Map<string, string>;
        try {
          fields = await readCredentials(request);
        } catch {
          fields = new Map();
        }
        const username = fields.get("username");
        const password = fields.get("password");
        if (username === undefined || password === undefined) {
          const missing = ["username", "password"].filter((field) => !fields.has(field));
          const detail = missing.map((field) => ({
            type: "missing",
            loc: ["body", field],
            msg: "Field required",
            input: null,
          }));
          return sendJson(response, 422, { detail });
        }
        if (!core.auth.required) {
          response.writeHead(302, { location: "/", "content-length": 0 });
          return void response.end();
        }
        const token = core.auth.login(username, password);
        if (!token) return sendDetail(response, 400, "Incorrect credentials.");
        sendJson(response, 200, { success: true }, { "set-cookie": core.auth.loginCookies(token) });
      },
    },
    {
      methods: ["GET"],
      scope: "root",
      pattern: /^\/logout\/?$/,
      faultRoutes: [],
      loginGated: false,
      handle({ request, response }) {
        const cookies = core.auth.logout(request);
        response.writeHead(302, {
          location: requestRoot(request),
          "set-cookie": cookies,
          "content-length": 0,
        });
        response.end();
      },
    },
  ];
}
