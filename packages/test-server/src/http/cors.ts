import type { IncomingMessage, ServerResponse } from "node:http";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "0.0.0.0", "[::1]"]);

function hostnameOf(value: string): string | null {
  try {
    return new URL(value.includes("://") ? value : `http://${value}`).hostname;
  } catch {
    return null;
  }
}

/**
 * Gradio's CORS rule [S6]: echo any Origin with credentials allowed, except that a server reached on a
 * local host name answers non-local origins without Access-Control-Allow-Origin (browsers then block it).
 */
function allowedOrigin(request: IncomingMessage): string | null {
  const origin = request.headers.origin;
  if (!origin || origin === "null") return null;
  const serverHost = hostnameOf(request.headers.host ?? "");
  const originHost = hostnameOf(origin);
  if (serverHost && LOCAL_HOSTS.has(serverHost) && (!originHost || !LOCAL_HOSTS.has(originHost))) return null;
  return origin;
}

/**
 * Adds the CORS headers and answers preflights. Returns true when the request was a preflight and has
 * been answered.
 */
export function handleCors(request: IncomingMessage, response: ServerResponse): boolean {
  const origin = allowedOrigin(request);
  if (origin) {
    response.setHeader("access-control-allow-origin", origin);
    response.setHeader("access-control-allow-credentials", "true");
    response.setHeader("vary", "Origin");
  }
  const isPreflight = request.method === "OPTIONS" && request.headers["access-control-request-method"];
  if (!isPreflight) return false;
  response.setHeader("access-control-allow-methods", "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT");
  const requestedHeaders = request.headers["access-control-request-headers"];
  if (requestedHeaders) response.setHeader("access-control-allow-headers", requestedHeaders);
  response.setHeader("access-control-max-age", "600");
  response.writeHead(200, { "content-type": "text/plain; charset=utf-8", "content-length": 2 });
  response.end("OK");
  return true;
}
