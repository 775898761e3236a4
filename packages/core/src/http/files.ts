/**
 * Files in job data (protocol §8): the FileData shape, FileData outputs given absolute URLs on the app's origin, and
 * the file inputs that make a job upload first (the upload itself lives in `upload.ts`, loaded when first needed).
 * @module
 */

import { isObject } from "../wire/messages.js";
import type { Http } from "./http.js";

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

/**
 * How far a job's file upload has got, in bytes of file content: `loaded` of `total` have reached the server.
 * `StatusUpdate.upload` of a job with files to upload; `null` for jobs without.
 */
export interface UploadProgress {
  readonly loaded: number;
  readonly total: number;
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

/** Whether a file input (`Blob`, `Uint8Array`, `URL`) appears anywhere in `value` (arrays and plain objects). */
export function hasFileInput(value: unknown): boolean {
  if (isFileInput(value)) return true;
  if (Array.isArray(value)) return value.some(hasFileInput);
  return isPlainObject(value) && Object.values(value).some(hasFileInput);
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

/**
 * Copy of `value` where `substitute` may replace any value (return `undefined` to keep it). Arrays and plain objects
 * are copied only where something inside them changed; untouched branches are shared.
 */
export function replace(value: unknown, substitute: (value: unknown) => unknown): unknown {
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

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (!isObject(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
