import { createHash, randomBytes } from "node:crypto";
import { stat } from "node:fs/promises";
import { basename, resolve } from "node:path";
import type { ServerCore } from "../core.js";
import { contentTypeOf } from "../files/content-types.js";
import { cleanFileName } from "../files/file-store.js";
import { multipartBoundary, parseMultipart } from "../files/multipart.js";
import { readBody, sendDetail, sendJson, sendText } from "../http/responses.js";
import type { RequestContext, Route } from "../http/router.js";

const TEXT = "text/plain; charset=utf-8";

async function upload(core: ServerCore, { request, response, url }: RequestContext): Promise<void> {
  const boundary = multipartBoundary(request.headers["content-type"]);
  if (!boundary) return sendDetail(response, 400, "Invalid content type.");
  let parts: ReturnType<typeof parseMultipart>;
  try {
    parts = parseMultipart(await readBody(request), boundary);
  } catch (error) {
    return sendText(response, 400, error instanceof Error ? error.message : "Malformed multipart body", TEXT);
  }
  const files = parts.filter((part) => part.name === "files" && part.filename !== null);
  const limit = core.options.maxFileSize;
  if (limit !== null && files.some((part) => part.data.length > limit)) {
    return sendText(response, 413, `File size exceeded maximum allowed size of ${limit} bytes.`, TEXT);
  }
  const paths: string[] = [];
  for (const part of files) {
    const name = cleanFileName(part.filename ?? "") || `tmp${randomBytes(5).toString("hex")}`;
    paths.push(await core.files.save(name, part.data));
  }
  const uploadId = url.searchParams.get("upload_id");
  if (uploadId) core.completedUploads.add(uploadId);
  sendJson(response, 200, paths);
}

async function serveFile(core: ServerCore, { request, response, params }: RequestContext): Promise<void> {
  const target = decodeURIComponent(params[0] ?? "");
  // 5.x redirects remote URLs (6.20+ proxies them).
  if (/^https?:\/\//i.test(target)) {
    response.writeHead(302, { location: target, "content-length": 0 });
    return void response.end();
  }
  const path = resolve(target);
  if (!core.files.isAllowed(path)) return sendDetail(response, 403, `File not allowed: ${target}.`);
  const info = await stat(path).catch(() => null);
  if (!info?.isFile()) return sendDetail(response, 404, "File not found.");
  const bytes = await core.files.read(path);
  const etag = createHash("md5").update(`${path}:${info.mtimeMs}:${info.size}`).digest("hex");
  const headers: Record<string, string | number> = {
    "accept-ranges": "bytes",
    "content-type": contentTypeOf(path),
    "content-disposition": `inline; filename="${basename(path)}"`,
    "last-modified": info.mtime.toUTCString(),
    etag: `"${etag}"`,
  };
  const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.range ?? "");
  let body = bytes;
  let status = 200;
  if (range && (range[1] || range[2])) {
    const start = range[1] ? Number(range[1]) : Math.max(0, bytes.length - Number(range[2]));
    const end = range[1] && range[2] ? Math.min(Number(range[2]), bytes.length - 1) : bytes.length - 1;
    body = bytes.subarray(start, end + 1);
    status = 206;
    headers["content-range"] = `bytes ${start}-${end}/${bytes.length}`;
  }
  headers["content-length"] = body.length;
  response.writeHead(status, headers);
  response.end(request.method === "HEAD" ? undefined : body);
}

async function uploadProgress(core: ServerCore, context: RequestContext): Promise<void> {
  const uploadId = context.url.searchParams.get("upload_id") ?? "";
  for (let waited = 0; !core.completedUploads.has(uploadId) && waited < 3000; waited += 50) {
    await core.timers.sleep(50);
  }
  if (!core.completedUploads.has(uploadId)) return sendText(context.response, 404, "Upload not found", TEXT);
  const sse = core.openAuxiliarySse(context);
  sse.open();
  sse.send('{"msg": "done"}');
  sse.end("end");
}

/** `POST {P}/upload`, `GET|HEAD {P}/file=…`, `GET {P}/upload_progress` (§8). */
export function fileRoutes(core: ServerCore): Route[] {
  return [
    {
      methods: ["POST"],
      scope: "api",
      pattern: /^\/upload\/?$/,
      faultRoutes: ["upload"],
      loginGated: true,
      handle: (context) => upload(core, context),
    },
    {
      methods: ["GET", "HEAD"],
      scope: "api",
      pattern: /^\/file=(.+)$/,
      faultRoutes: ["file"],
      loginGated: true,
      handle: (context) => serveFile(core, context),
    },
    {
      methods: ["GET"],
      scope: "api",
      pattern: /^\/upload_progress\/?$/,
      faultRoutes: [],
      loginGated: true,
      handle: (context) => uploadProgress(core, context),
    },
  ];
}
