/**
 * Downloads of the app's files (`GET {P}/file=…`) with the client's credentials: its token, `headers` and login
 * cookies, which a plain URL in an `<img>` or `fetch` does not carry (private Spaces, apps behind `auth=`). Loaded on
 * first use.
 * @module
 */
import { HttpError, InputError } from "../errors.js";
import { type FileData, type FileEndpoints, isFileData } from "./files.js";
import { detailOf, errorFromResponse } from "./http.js";

/** What {@link downloadFile} fetches: a FileData (an output, or an upload's), or a URL of a file. */
export type DownloadSource = FileData | string | URL;

/**
 * Fetches a file and returns it as a `File` (a `Blob` with the file's name and content type). Requests to the app's
 * origin carry the client's credentials; a file on another origin (a remote input echoed back) is fetched without
 * them. Rejects with {@link InputError} for something that is not a file of the app or an http(s) URL,
 * {@link AuthError} when the app wants a login, and {@link HttpError} for other failures (Gradio answers 403 "File
 * not allowed" for paths outside its upload and cache folders, 404 for files it no longer has).
 */
export async function downloadFile(
  target: FileEndpoints,
  source: DownloadSource,
  signal?: AbortSignal,
): Promise<File> {
  const url = urlOf(target.apiBase, source);
  const response = target.http.isAppUrl(url.href)
    ? await target.http.request(url.href, { signal }, "Download")
    : await target.http.send(url.href, { signal }, "Download");
  if (!response.ok) {
    if (response.status === 401) throw await errorFromResponse(response, "Download");
    throw new HttpError("Download", response.status, detailOf(await response.text()));
  }
  const blob = await response.blob();
  const type = response.headers.get("content-type") ?? blob.type;
  return new File([blob], nameOf(source, url, response), { type });
}

/** The absolute URL of a file to download. */
function urlOf(apiBase: string, source: DownloadSource): URL {
  let url: URL;
  try {
    if (isFileData(source)) {
      // A remote input echoed back keeps its own URL as the path: fetch it from there, as `file=` would (5.x
      // redirects to it, 6.20+ proxies it).
      const remote = /^https?:\/\//i.test(source.path) ? source.path : null;
      url = new URL(remote ?? source.url ?? `${apiBase}/file=${source.path}`, `${apiBase}/`);
    } else if (typeof source === "string" || source instanceof URL) {
      url = new URL(source, `${apiBase}/`);
    } else {
      throw new InputError("download takes a FileData, or the URL of a file (a string or a URL).");
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`download: ${JSON.stringify(String(source))} is not a URL.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new InputError(`download: ${url.protocol} URLs cannot be downloaded (${url.href.slice(0, 80)}).`);
  }
  return url;
}

/** FileData's `orig_name`, else the server's `content-disposition` file name, else the URL's last segment. */
function nameOf(source: DownloadSource, url: URL, response: Response): string {
  if (isFileData(source) && source.orig_name) return source.orig_name;
  const disposition = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(
    response.headers.get("content-disposition") ?? "",
  );
  const name = disposition?.[1] ?? url.pathname.split("/").pop() ?? "";
  try {
    return decodeURIComponent(name) || "file";
  } catch {
    return name || "file";
  }
}
