import { createHash, randomBytes } from "node:crypto";
import { stat } from "node:fs/promises";
import type { IncomingMessage } from "node:http";
import { basename, resolve } from "node:path";
import type { ServerCore } from "../core.js";
import { contentTypeOf } from "../files/content-types.js";
import { cleanFileName } from "../files/file-store.js";
import { multipartBoundary, type PartProgress, parseMultipart, partsSoFar } from "../files/multipart.js";
import { UploadTracker } from "../files/upload-tracker.js";
import { sendDetail, sendJson, sendText } from "../http/responses.js";
import type { RequestContext, Route } from "../http/router.js";

const TEXT = "text/plain; charset=utf-8";

/** Each server's uploads in progress, for `upload_progress`. */
const trackers = new WeakMap<ServerCore, UploadTracker>();

function trackerOf(core: ServerCore): UploadTracker {
  const tracker = trackers.get(core) ?? new UploadTracker();
  trackers.set(core, tracker);
  return tracker;
}

async function upload(core: ServerCore, { request, response, url }: RequestContext): Promise<void> {
  const boundary = multipartBoundary(request.headers["content-type"]);
  if (!boundary) return sendDetail(response, 400, "Invalid content type.");
  const uploadId = url.searchParams.get("upload_id");
  const tracker = trackerOf(core);
  if (uploadId) tracker.track(uploadId);
  const seen: number[] = [];
  const body = await readBodyReporting(
    request,
    uploadId ? (soFar) => reportProgress(tracker, uploadId, partsSoFar(soFar, boundary), seen) : null,
  );
  if (uploadId) tracker.finish(uploadId);
  let parts: ReturnType<typeof parseMultipart>;
  try {
    parts = parseMultipart(body, boundary);
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
  sendJson(response, 200, paths);
}

/** Reads the whole body; `onChunk`, when given, hears what has arrived so far after each chunk. */
async function readBodyReporting(
  request: IncomingMessage,
  onChunk: ((soFar: Buffer) => void) | null,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    chunks.push(chunk as Buffer);
    onChunk?.(Buffer.concat(chunks));
  }
  return Buffer.concat(chunks);
}

/**
 * Tells the tracker the file bytes that arrived since the last chunk, per file part, as Gradio's parser does.
 * `seen` holds the bytes already told, per part.
 */
function reportProgress(
  tracker: UploadTracker,
  uploadId: string,
  parts: PartProgress[],
  seen: number[],
): void {
  parts.forEach((part, i) => {
    const more = part.received - (seen[i] ?? 0);
    if (more <= 0 || part.filename === null) return;
    seen[i] = part.received;
    tracker.received(uploadId, part.filename, more);
  });
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

/**
 * Gradio's `upload_progress`: waits up to 3 s for the upload to begin (404 `Upload not found` otherwise), then every
 * 50 ms sends the bytes received since its last message (`update`, with `orig_name` and `chunk_size`), and `done`
 * once the body was read; the upload is then forgotten. Before gradio-app/gradio#11102 (April 2025; measured: 5.14
 * answers at once, 5.45 and 6.25 wait) a stream opened before its upload began ended at once, empty; the test
 * server draws that line at 5.29.
 */
async function uploadProgress(core: ServerCore, context: RequestContext): Promise<void> {
  const uploadId = context.url.searchParams.get("upload_id") ?? "";
  const tracker = trackerOf(core);
  const [major = 0, minor = 0] = core.options.version.split(".").map(Number);
  const waits = major > 5 || (major === 5 && minor >= 29);
  if (waits && !(await tracker.whenTracked(uploadId, 3000))) {
    return sendText(context.response, 404, "Upload not found", TEXT);
  }
  if (!tracker.isTracked(uploadId)) {
    const sse = core.openAuxiliarySse(context);
    sse.open();
    return sse.end("end");
  }
  const sse = core.openAuxiliarySse(context);
  let open = true;
  sse.onClose(() => {
    open = false;
    tracker.forget(uploadId);
  });
  sse.open();
  while (open) {
    if (tracker.isDone(uploadId)) {
      sse.send('{"msg": "done"}');
      tracker.forget(uploadId);
      return sse.end("end");
    }
    const unit = tracker.take(uploadId);
    if (unit)
      sse.send(`{"msg": "update", "orig_name": ${pythonJson(unit.name)}, "chunk_size": ${unit.bytes}}`);
    else await core.timers.sleep(50);
  }
}

/** A string as Python's `json.dumps` writes it (non-ASCII escaped). */
function pythonJson(text: string): string {
  return JSON.stringify(text).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
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
