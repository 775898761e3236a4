/**
 * Files in memory: what clients upload (`POST {P}/upload`) and what endpoints return, served at `{P}/file=…`
 * with Gradio's headers (protocol §8).
 * @module
 */
import type { FileContent, FileData } from "../definition/components.js";
import type { UploadProgress } from "./upload-progress.js";

interface StoredFile {
  readonly bytes: Uint8Array;
  readonly name: string;
  readonly mimeType: string | null;
}

const MIME_BY_EXTENSION: Record<string, string> = {
  txt: "text/plain; charset=utf-8",
  json: "application/json",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  webp: "image/webp",
  gif: "image/gif",
  svg: "image/svg+xml",
  wav: "audio/wav",
  mp3: "audio/mpeg",
  mp4: "video/mp4",
  pdf: "application/pdf",
};

function contentType(file: StoredFile): string {
  const extension = file.name.split(".").pop()?.toLowerCase() ?? "";
  return file.mimeType ?? MIME_BY_EXTENSION[extension] ?? "application/octet-stream";
}

function randomHex(length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length / 2));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export class FileStore {
  readonly #files = new Map<string, StoredFile>();

  /** Stores bytes as Gradio's upload dir would: `/tmp/gradio/<hash>/<name>`. Returns the server path. */
  save(name: string, bytes: Uint8Array, mimeType: string | null = null): string {
    const clean = name.replace(/[/\\]/g, "_") || `tmp${randomHex(8)}`;
    const path = `/tmp/gradio/${randomHex(40)}/${clean}`;
    this.#files.set(path, { bytes, name: clean, mimeType });
    return path;
  }

  has(path: string): boolean {
    return this.#files.has(path);
  }

  read(path: string): Uint8Array | undefined {
    return this.#files.get(path)?.bytes;
  }

  /** Stores what an endpoint returned and describes it as output FileData for `fileUrlBase` (`{root}{P}/file=`). */
  output(content: FileContent, fileUrlBase: string): FileData {
    const bytes = typeof content.data === "string" ? new TextEncoder().encode(content.data) : content.data;
    const path = this.save(content.name, bytes, content.mimeType ?? null);
    return this.describe(path, fileUrlBase);
  }

  describe(path: string, fileUrlBase: string): FileData {
    const file = this.#files.get(path);
    return {
      path,
      url: `${fileUrlBase}${path}`,
      size: file ? file.bytes.length : null,
      orig_name: file?.name ?? path.split("/").pop() ?? null,
      mime_type: file?.mimeType ?? null,
      is_stream: false,
      meta: { _type: "gradio.FileData" },
    };
  }

  /** `GET|HEAD {P}/file=<path>`. */
  serve(path: string, head: boolean): Response {
    const file = this.#files.get(path);
    if (!file) return Response.json({ detail: `File not allowed: ${path}.` }, { status: 403 });
    return new Response(head ? null : (file.bytes as Uint8Array<ArrayBuffer>), {
      headers: {
        "content-type": contentType(file),
        "content-length": String(file.bytes.length),
        "content-disposition": `inline; filename="${file.name}"`,
        "accept-ranges": "bytes",
        etag: `"${path.split("/")[3] ?? "0"}"`,
      },
    });
  }

  /** `POST {P}/upload`: multipart `files` parts → their server paths. */
  async upload(request: Request, maxFileSize: number | null, progress: UploadProgress): Promise<Response> {
    const type = request.headers.get("content-type") ?? "";
    if (!type.startsWith("multipart/form-data")) {
      return Response.json({ detail: "Invalid content type." }, { status: 400 });
    }
    const uploadId = new URL(request.url).searchParams.get("upload_id");
    const boundary = /boundary=("?)([^";]+)\1/.exec(type)?.[2];
    const counted =
      uploadId && boundary && request.body
        ? new Request(request.url, {
            method: "POST",
            headers: request.headers,
            body: progress.track(uploadId, request.body, boundary),
            duplex: "half",
          } as RequestInit)
        : request;
    const form = await counted.formData();
    const paths: string[] = [];
    for (const part of form.getAll("files")) {
      if (typeof part === "string") continue;
      if (maxFileSize !== null && part.size > maxFileSize) {
        return new Response(`File size exceeded maximum allowed size of ${maxFileSize} bytes.`, {
          status: 413,
          headers: { "content-type": "text/plain; charset=utf-8" },
        });
      }
      paths.push(this.save(part.name, new Uint8Array(await part.arrayBuffer()), part.type || null));
    }
    return Response.json(paths);
  }
}
