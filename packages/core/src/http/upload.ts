/**
 * Uploads: `Blob`, `File` and `Uint8Array` inputs (and `data:`/`blob:` URLs, read here) are sent to `{P}/upload` and
 * replaced by FileData; `http(s)` URLs are passed by reference for the server to download (protocol §8). Loaded on
 * first use: apps without file inputs never download it.
 * @module
 */
import { FileTooLargeError, InputError, loadPart, ProtocolError } from "../errors.js";
import {
  type FileData,
  type FileEndpoints,
  isFileInput,
  isPlainObject,
  replace,
  type UploadProgress,
} from "./files.js";
import { detailOf, errorFromResponse, readJson } from "./http.js";

/** Uploads of at least this many bytes report progress from the server; smaller ones only their start and end. */
export const PROGRESS_FROM_BYTES = 256 * 1024;

/**
 * Uploads files in one multipart request and returns their FileData, in order. Checks `max_file_size` first, so a
 * file that is too large fails with {@link FileTooLargeError} before anything is sent. `onProgress` hears the bytes
 * the server has received: 0 first, then what Gradio's `upload_progress` stream reports (uploads of
 * {@link PROGRESS_FROM_BYTES} or more), and all of them once the server has answered.
 */
export async function uploadFiles(
  target: FileEndpoints,
  files: readonly (Blob | Uint8Array)[],
  signal?: AbortSignal,
  onProgress?: (progress: UploadProgress) => void,
): Promise<FileData[]> {
  if (!Array.isArray(files) || !files.every((file) => file instanceof Blob || file instanceof Uint8Array)) {
    throw new InputError("upload takes an array of Blobs, Files or Uint8Arrays (Buffers).");
  }
  const blobs = files.map((file, i) => asNamedBlob(file, i));
  for (const { blob, name } of blobs) {
    if (target.maxFileSize !== null && blob.size > target.maxFileSize) {
      throw new FileTooLargeError(name, blob.size, target.maxFileSize);
    }
  }
  const form = new FormData();
  for (const { blob, name } of blobs) form.append("files", blob, name);
  const total = blobs.reduce((sum, { blob }) => sum + blob.size, 0);
  let reported = -1;
  const report = (loaded: number) => {
    if (!onProgress || loaded <= reported) return;
    reported = loaded;
    onProgress({ loaded, total });
  };
  report(0);
  let url = `${target.apiBase}/upload`;
  let stopWatching = () => {};
  if (onProgress && total >= PROGRESS_FROM_BYTES) {
    // Only with a watcher: Gradio forgets an upload_id's progress only when its upload_progress stream ends.
    const uploadId = Math.random().toString(36).slice(2, 14);
    url += `?upload_id=${uploadId}`;
    const { watchUploadProgress } = await loadPart(() => import("./upload-progress.js"), "upload progress");
    const sizes = blobs.map(({ blob, name }) => ({ name, size: blob.size }));
    stopWatching = watchUploadProgress(target, uploadId, sizes, report);
  }
  let response: Response;
  try {
    response = await target.http.request(url, { method: "POST", body: form, signal }, "Upload");
    if (response.status === 413) {
      const body = await response.text();
      const largest = blobs.reduce((a, b) => (b.blob.size > a.blob.size ? b : a));
      throw new FileTooLargeError(largest.name, largest.blob.size, target.maxFileSize ?? sizeIn(body) ?? 0);
    }
    if (!response.ok) throw await errorFromResponse(response, "Upload");
  } finally {
    stopWatching();
  }
  const paths = await readJson(response, "Upload");
  if (!Array.isArray(paths) || paths.length !== blobs.length || !paths.every((p) => typeof p === "string")) {
    throw new ProtocolError(`Upload: unexpected upload response ${detailOf(JSON.stringify(paths))}`, paths);
  }
  report(total);
  return blobs.map(({ blob, name }, i) => ({
    path: paths[i] as string,
    url: null,
    orig_name: name,
    size: blob.size,
    mime_type: blob.type || null,
    meta: { _type: "gradio.FileData" },
  }));
}

/**
 * Replaces every file input anywhere inside `data` (arrays and plain objects are searched) by FileData: blobs, and
 * the content of `data:` and `blob:` URLs, are uploaded in one request; `http(s)` URLs are passed by reference for
 * the server to download. Any other URL is an {@link InputError}, before anything is sent.
 */
export async function prepareFiles(
  target: FileEndpoints,
  data: unknown[],
  signal?: AbortSignal,
  onProgress?: (progress: UploadProgress) => void,
): Promise<unknown[]> {
  const found: (Blob | Uint8Array | URL)[] = [];
  collect(data, found);
  const contents = await Promise.all(
    found.map((file) => (file instanceof URL ? readLocalUrl(file, signal) : file)),
  );
  const uploaded = contents.length > 0 ? await uploadFiles(target, contents, signal, onProgress) : [];
  const byInput = new Map<unknown, FileData>(found.map((file, i) => [file, uploaded[i] as FileData]));
  return replace(data, (value) => {
    if (value instanceof URL && !byInput.has(value)) return remoteFile(value);
    return byInput.get(value);
  }) as unknown[];
}

/** Gradio's form of a remote file (`path` and `url` both the URL), which the server downloads itself. */
export function remoteFile(url: URL, name?: string): FileData {
  return {
    path: url.href,
    url: url.href,
    orig_name: name ?? lastSegment(url),
    meta: { _type: "gradio.FileData" },
  };
}

function lastSegment(url: URL): string {
  const segment = url.pathname.split("/").pop() || "file";
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The content of a `data:` or `blob:` URL, named like a file. */
async function readLocalUrl(url: URL, signal?: AbortSignal): Promise<Blob> {
  try {
    const blob = await (await fetch(url.href, { signal })).blob();
    return url.protocol === "data:" ? blob : new File([blob], lastSegment(url), { type: blob.type });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new InputError(`Could not read the file at ${url.href.slice(0, 80)}: ${String(error)}`);
  }
}

function isRemote(url: URL): boolean {
  return url.protocol === "http:" || url.protocol === "https:";
}

function asNamedBlob(file: Blob | Uint8Array, index: number): { blob: Blob; name: string } {
  if (file instanceof Uint8Array)
    return { blob: new Blob([file as Uint8Array<ArrayBuffer>]), name: `file${index}` };
  const name = (file as Blob & { name?: unknown }).name;
  return { blob: file, name: typeof name === "string" && name ? name : `file${index}` };
}

function collect(value: unknown, into: (Blob | Uint8Array | URL)[]): void {
  if (isFileInput(value)) {
    if (value instanceof URL) {
      if (isRemote(value)) return;
      if (value.protocol !== "data:" && value.protocol !== "blob:") {
        throw new InputError(
          `A file URL must be http(s), data: or blob:; got ${value.protocol} (${value.href.slice(0, 80)}). ` +
            'For a local file in Node, pass `await handleFile(path)` from "@gradio-jobs/core/node".',
        );
      }
    }
    if (!into.includes(value)) into.push(value);
  } else if (Array.isArray(value)) for (const item of value) collect(item, into);
  else if (isPlainObject(value)) for (const item of Object.values(value)) collect(item, into);
}

function sizeIn(text: string): number | null {
  const match = /(\d+) bytes/.exec(text);
  return match ? Number(match[1]) : null;
}
