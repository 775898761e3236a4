/**
 * Local files as job inputs, for Node, Deno and Bun: the `@gradio-jobs/core/node` entry. Browsers never load this
 * module (it imports `node:fs`): nothing in the main entry imports it, so `import { Client }` stays free of it.
 * @module
 */
import * as fs from "node:fs";
import { access, stat } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { GradioJobsError, InputError } from "../errors.js";
import type { FileData, FileInput } from "./files.js";
import { remoteFile } from "./upload.js";

/**
 * A local file given by path (`handleFile` of `@gradio-jobs/core/node`) cannot be read: it does not exist, is a
 * directory, or may not be read. Thrown before anything is sent to the app. (Defined here rather than in errors.ts,
 * like the other error classes, so that no browser bundle carries it.)
 *
 * @example
 * ```ts
 * try {
 *   await handleFile("./missing.png");
 * } catch (error) {
 *   if (error instanceof LocalFileError) console.error(`No file at ${error.resolvedPath}`);
 * }
 * ```
 */
export class LocalFileError extends GradioJobsError {
  override readonly name: string = "LocalFileError";
  /** The path as given. */
  readonly path: string;
  /** The absolute path that was tried (relative paths resolve against the working directory). */
  readonly resolvedPath: string;
  /** `cause`: the file system's error (its `code` is e.g. `ENOENT`, `EISDIR`, `EACCES`). */
  constructor(path: string, resolvedPath: string, problem: string, cause?: unknown) {
    super("LOCAL_FILE", `Cannot upload ${JSON.stringify(path)} (${resolvedPath}): ${problem}.`, { cause });
    this.path = path;
    this.resolvedPath = resolvedPath;
  }
}

/** What {@link handleFile} accepts: a local path, an http(s) URL (as a string or `URL`), a `file:` URL, or bytes. */
export type HandleFileInput = string | URL | Blob | Uint8Array | ArrayBuffer;

/** Options of {@link handleFile}. */
export interface HandleFileOptions {
  /** The file name the app sees (`orig_name`); default: the path's last segment, or the `File`'s own name. */
  readonly name?: string;
  /** The MIME type sent with the upload, e.g. `"image/png"`; default: none (Gradio looks at the content). */
  readonly type?: string;
}

/**
 * Turns a local file path, a URL or bytes into a value to pass as a file argument, like the official client's
 * `handle_file` (Node, Deno and Bun; import it from `@gradio-jobs/core/node`):
 *
 * - a path (relative to the working directory) or a `file:` URL: the file is checked and opened at once, and read
 *   when the job uploads it; a missing file, a directory or an unreadable file rejects with {@link LocalFileError},
 *   naming the path, before anything is sent;
 * - an `http:`/`https:` URL: Gradio's remote-file form (`{ path: url, url, orig_name, meta }`), which the server
 *   downloads itself (Gradio refuses hosts that resolve to private addresses);
 * - a `Buffer`, `Uint8Array` or `ArrayBuffer`: a `File` named `options.name` (or an unnamed `Blob`);
 * - a `Blob` or `File`: itself, renamed when `options.name` is given;
 * - a `data:` or `blob:` URL: itself (the SDK reads and uploads its content).
 *
 * Unlike `handle_file`, it is async: it opens the file now, so that a wrong path fails here with a clear error.
 *
 * @example
 * ```ts
 * import { Client } from "@gradio-jobs/core";
 * import { handleFile } from "@gradio-jobs/core/node";
 *
 * const client = await Client.connect("http://127.0.0.1:7860");
 * const [reversed] = await client.predict("/flip_file", [await handleFile("./hello.txt")]);
 * const [image] = await client.predict("/flip", [await handleFile("https://example.com/cat.png")]);
 * ```
 */
export async function handleFile(
  input: HandleFileInput,
  options: HandleFileOptions = {},
): Promise<FileInput | FileData> {
  if (typeof input === "string" || input instanceof URL) {
    const url = typeof input === "string" ? urlIn(input) : input;
    if (url?.protocol === "http:" || url?.protocol === "https:") return remoteFile(url, options.name);
    if (url && url.protocol !== "file:") return url;
    return openLocalFile(url ? fileURLToPath(url) : (input as string), options);
  }
  if (input instanceof Blob) {
    return options.name === undefined && options.type === undefined
      ? input
      : new File([input], options.name ?? nameOf(input), { type: options.type ?? input.type });
  }
  const bytes = input instanceof ArrayBuffer ? new Uint8Array(input) : input;
  if (!(bytes instanceof Uint8Array)) {
    throw new InputError(
      `handleFile takes a path, a URL, a Blob, a Buffer, a Uint8Array or an ArrayBuffer, not ${describe(input)}.`,
    );
  }
  const part = bytes as Uint8Array<ArrayBuffer>;
  const type = options.type ?? "";
  return options.name === undefined ? new Blob([part], { type }) : new File([part], options.name, { type });
}

/** The URL a string spells when it starts with `http://`, `https://` or `file://`; other strings are paths. */
function urlIn(text: string): URL | null {
  if (!/^(https?|file):\/\//i.test(text)) return null;
  try {
    return new URL(text);
  } catch {
    throw new InputError(`handleFile: ${JSON.stringify(text.slice(0, 80))} is not a valid URL.`);
  }
}

function describe(value: unknown): string {
  if (value === null || typeof value !== "object") return String(value);
  return (value as object).constructor?.name ?? "an object";
}

async function openLocalFile(path: string, options: HandleFileOptions): Promise<File> {
  const resolvedPath = resolve(path);
  const refuse = (problem: string, cause?: unknown) => new LocalFileError(path, resolvedPath, problem, cause);
  let info: fs.Stats;
  try {
    info = await stat(resolvedPath);
    await access(resolvedPath, fs.constants.R_OK);
  } catch (error) {
    throw refuse(problemOf(error), error);
  }
  if (!info.isFile())
    throw refuse(info.isDirectory() ? "it is a directory, not a file" : "it is not a regular file");
  // openAsBlob (Node 19.8+) reads the file while it uploads instead of holding it all in memory now.
  const blob =
    typeof fs.openAsBlob === "function"
      ? await fs.openAsBlob(resolvedPath)
      : new Blob([(await fs.promises.readFile(resolvedPath)) as Uint8Array<ArrayBuffer>]);
  return new File([blob], options.name ?? basename(resolvedPath), { type: options.type ?? "" });
}

function problemOf(error: unknown): string {
  switch ((error as { code?: unknown }).code) {
    case "ENOENT":
      return "no such file";
    case "ENOTDIR":
      return "a part of the path is not a directory";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

function nameOf(blob: Blob): string {
  const name = (blob as Blob & { name?: unknown }).name;
  return typeof name === "string" && name ? name : "file";
}
