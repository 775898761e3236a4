/**
 * Files: `Blob`, `File`, `Uint8Array` and `URL` inputs are uploaded (or passed by URL) and replaced by FileData;
 * FileData outputs get absolute URLs on the app's origin (protocol §8).
 * @module
 */
import { FileTooLargeError, ProtocolError } from "./errors.js";
import { detailOf, errorFromResponse, type Http, readJson } from "./http.js";
import { isObject } from "./protocol/messages.js";

/** Gradio's description of a file, as sent and received in `data`. */
export interface FileData {
  /** Server path (or an http(s) URL for remote inputs). */
  readonly path: string;
  /** Absolute URL to fetch the file from. */
  readonly url: string | null;
  readonly size?: number | null;
  readonly orig_name?: string | null;
  readonly mime_type?: string | null;
  readonly is_stream?: boolean;
  readonly meta: { readonly _type: "gradio.FileData" };
}

/** Values the SDK uploads for you when they appear anywhere in the arguments. */
export type FileInput = Blob | Uint8Array | URL;

/** Whether a value is a FileData object (by Gradio's `meta._type` marker). */
export function isFileData(value: unknown): value is FileData {
  return (
    isObject(value) &&
    isObject(value.meta) &&
    value.meta._type === "gradio.FileData" &&
    typeof value.path === "string"
  );
}

/** Whether a value is one the SDK uploads. */
export function isFileInput(value: unknown): value is FileInput {
  return (
    (typeof Blob !== "undefined" && value instanceof Blob) ||
    value instanceof Uint8Array ||
    value instanceof URL
  );
}

/** Where a server lives, for building upload and file URLs. */
export interface FileEndpoints {
  readonly http: Http;
  /** `{root}{api_prefix}`, e.g. `http://127.0.0.1:7860/gradio_api`. */
  readonly apiBase: string;
  readonly maxFileSize: number | null;
}

/**
 * Uploads files in one multipart request and returns their FileData, in order. Checks `max_file_size` first, so a
 * file that is too large fails with {@link FileTooLargeError} before anything is sent.
 */
export async function uploadFiles(
  target: FileEndpoints,
  files: readonly (Blob | Uint8Array)[],
  signal?: AbortSignal,
): Promise<FileData[]> {
  const blobs = files.map((file, i) => asNamedBlob(file, i));
  for (const { blob, name } of blobs) {
    if (target.maxFileSize !== null && blob.size > target.maxFileSize) {
      throw new FileTooLargeError(name, blob.size, target.maxFileSize);
    }
  }
  const form = new FormData();
  for (const { blob, name } of blobs) form.append("files", blob, name);
  const response = await target.http.request(
    `${target.apiBase}/upload`,
    { method: "POST", body: form, signal },
    "Upload",
  );
  if (response.status === 413) {
    const body = await response.text();
    const largest = blobs.reduce((a, b) => (b.blob.size > a.blob.size ? b : a));
    throw new FileTooLargeError(largest.name, largest.blob.size, target.maxFileSize ?? sizeIn(body) ?? 0);
  }
  if (!response.ok) throw await errorFromResponse(response, "Upload");
  const paths = await readJson(response, "Upload");
  if (!Array.isArray(paths) || paths.length !== blobs.length || !paths.every((p) => typeof p === "string")) {
    throw new ProtocolError(`Upload: unexpected upload response ${detailOf(JSON.stringify(paths))}`, paths);
  }
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
 * Replaces every file input anywhere inside `data` (arrays and plain objects are searched) by FileData: blobs are
 * uploaded in one request, URLs are passed by reference for the server to download.
 */
export async function prepareFiles(
  target: FileEndpoints,
  data: unknown[],
  signal?: AbortSignal,
): Promise<unknown[]> {
  const found: (Blob | Uint8Array)[] = [];
  collect(data, found);
  if (found.length === 0 && !containsUrl(data)) return data;
  const uploaded = found.length > 0 ? await uploadFiles(target, found, signal) : [];
  const byInput = new Map<unknown, FileData>(found.map((file, i) => [file, uploaded[i] as FileData]));
  return replace(data, (value) => {
    if (value instanceof URL) return remoteFile(value);
    return byInput.get(value);
  }) as unknown[];
}

/**
 * Gives every FileData inside an output an absolute `url` on the app's origin: relative URLs are resolved against
 * the API base, missing ones are built from the path, and URLs on other schemes than http(s) are dropped.
 */
export function resolveFileUrls(value: unknown, apiBase: string): unknown {
  return replace(value, (item) => {
    if (!isFileData(item)) return undefined;
    return { ...item, url: absoluteFileUrl(item, apiBase) };
  });
}

function absoluteFileUrl(file: FileData, apiBase: string): string | null {
  const candidate = file.url ?? `${apiBase}/file=${file.path}`;
  try {
    const url = new URL(candidate, `${apiBase}/`);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

function remoteFile(url: URL): FileData {
  const name = decodeURIComponent(url.pathname.split("/").pop() || "file");
  return { path: url.href, url: url.href, orig_name: name, meta: { _type: "gradio.FileData" } };
}

function asNamedBlob(file: Blob | Uint8Array, index: number): { blob: Blob; name: string } {
  if (file instanceof Uint8Array)
    return { blob: new Blob([file as Uint8Array<ArrayBuffer>]), name: `file${index}` };
  const name = (file as Blob & { name?: unknown }).name;
  return { blob: file, name: typeof name === "string" && name ? name : `file${index}` };
}

function collect(value: unknown, into: (Blob | Uint8Array)[]): void {
  if (isFileInput(value)) {
    if (!(value instanceof URL) && !into.includes(value)) into.push(value);
  } else if (Array.isArray(value)) for (const item of value) collect(item, into);
  else if (isPlainObject(value)) for (const item of Object.values(value)) collect(item, into);
}

function containsUrl(value: unknown): boolean {
  if (value instanceof URL) return true;
  if (Array.isArray(value)) return value.some(containsUrl);
  if (isPlainObject(value)) return Object.values(value).some(containsUrl);
  return false;
}

/**
 * Copy of `value` where `substitute` may replace any value (return `undefined` to keep it). Arrays and plain objects
 * are copied only where something inside them changed; untouched branches are shared.
 */
function replace(value: unknown, substitute: (value: unknown) => unknown): unknown {
  const replaced = substitute(value);
  if (replaced !== undefined) return replaced;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, i) => {
      const next = replace(item, substitute);
      if (next === item) return;
      copy ??= value.slice();
      copy[i] = next;
    });
    return copy ?? value;
  }
  if (isPlainObject(value)) {
    let copy: Record<string, unknown> | undefined;
    for (const [key, item] of Object.entries(value)) {
      const next = replace(item, substitute);
      if (next === item) continue;
      copy ??= { ...value };
      copy[key] = next;
    }
    return copy ?? value;
  }
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (!isObject(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function sizeIn(text: string): number | null {
  const match = /(\d+) bytes/.exec(text);
  return match ? Number(match[1]) : null;
}
