import type { IncomingMessage, ServerResponse } from "node:http";

/** Sends a JSON body (compact, like Gradio's ORJSONResponse). */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string | string[]> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...headers,
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
  });
  response.end(text);
}

/** Sends a body as it is, with the given content type. */
export function sendText(response: ServerResponse, status: number, body: string, contentType: string): void {
  response.writeHead(status, { "content-type": contentType, "content-length": Buffer.byteLength(body) });
  response.end(body);
}

/** FastAPI's `{"detail": ...}` error answer. */
export function sendDetail(response: ServerResponse, status: number, detail: unknown): void {
  sendJson(response, status, { detail });
}

/** Reads the whole request body. */
export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Parses a JSON body; undefined when it is not valid JSON. */
export async function readJson(request: IncomingMessage): Promise<unknown> {
  try {
    return JSON.parse((await readBody(request)).toString("utf8"));
  } catch {
    return undefined;
  }
}

/** The app's base URL as the server sees it for this request (forwarded headers first), no trailing slash. */
export function requestRoot(request: IncomingMessage): string {
  const forwardedHost = request.headers["x-forwarded-host"];
  const forwardedProto = request.headers["x-forwarded-proto"];
  const host =
    (Array.isArray(forwardedHost) ? forwardedHost[0] : forwardedHost) ?? request.headers.host ?? "localhost";
  const proto = (Array.isArray(forwardedProto) ? forwardedProto[0] : forwardedProto) ?? "http";
  return `${proto}://${host}`.replace(/\/+$/, "");
}

/** The cookies of a request. */
export function parseCookies(request: IncomingMessage): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (request.headers.cookie ?? "").split(";")) {
    const separator = part.indexOf("=");
    if (separator > 0) cookies.set(part.slice(0, separator).trim(), part.slice(separator + 1).trim());
  }
  return cookies;
}

/** FastAPI's 422 body for missing fields. */
export function missingFields(fields: string[], location = "body"): { detail: unknown[] } {
  return {
    detail: fields.map((field) => ({
      type: "missing",
      loc: [location, field],
      msg: "Field required",
      input: null,
    })),
  };
}
