/**
 * Uploads: `Blob`, `File` and `Uint8Array` inputs are sent to `{P}/upload` and replaced by FileData, `URL` inputs are
 * passed by reference (protocol §8). Loaded on first use: apps without file inputs never download it.
 * @module
 */
import { FileTooLargeError, ProtocolError } from "../errors.js";
import { type FileData, type FileEndpoints, isFileInput, isPlainObject, replace } from "./files.js";
import { detailOf, errorFromResponse, readJson } from "./http.js";

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
  const uploaded = found.length > 0 ? await uploadFiles(target, found, signal) : [];
  const byInput = new Map<unknown, FileData>(found.map((file, i) => [file, uploaded[i] as FileData]));
  return replace(data, (value) => {
    if (value instanceof URL) return remoteFile(value);
    return byInput.get(value);
  }) as unknown[];
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

function sizeIn(text: string): number | null {
  const match = /(\d+) bytes/.exec(text);
  return match ? Number(match[1]) : null;
}
