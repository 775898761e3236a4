/**
 * File inputs given as URLs (`{"path": url, "url": url, "meta": {"_type": "gradio.FileData"}}`): Gradio downloads
 * them itself, behind an SSRF guard (processing_utils.async_ssrf_protected_download with safehttpx): apart from
 * `hf.co` and `huggingface.co`, a host must resolve only to public addresses, else the job fails with
 * `Hostname <host> failed validation`; redirects are not followed blindly. Measured on 5.14, 5.45 and 6.25: a
 * loopback URL fails that way.
 * @module
 */
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import type { FileData, FileStore } from "./file-store.js";

const ALWAYS_ALLOWED = [/^hf\.co$/, /^huggingface\.co$/, /\.hf\.co$/, /\.huggingface\.co$/];

/** Whether a FileData's path is a URL for the server to download. */
export function isRemoteInput(path: string): boolean {
  return /^https?:\/\//i.test(path);
}

/** Downloads a remote input into the store, as Gradio does, and returns it as a local FileData. */
export async function downloadRemoteInput(files: FileStore, input: FileData): Promise<FileData> {
  const url = new URL(input.path);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (!ALWAYS_ALLOWED.some((pattern) => pattern.test(host))) {
    const addresses = isIP(host)
      ? [host]
      : (await lookup(host, { all: true }).catch(() => [])).map((a) => a.address);
    if (addresses.length === 0 || !addresses.every(isPublicAddress)) {
      throw new Error(`Hostname ${host} failed validation`);
    }
  }
  const response = await fetch(url, { redirect: "error" });
  if (!response.ok) throw new Error(`Could not download ${url.href}: HTTP ${response.status}`);
  const name = decodeURIComponent(url.pathname.split("/").pop() || "") || "file";
  const path = await files.save(name, Buffer.from(await response.arrayBuffer()));
  return { ...input, path, url: null, orig_name: input.orig_name ?? name };
}

/** Python's `ipaddress.ip_address(ip).is_global`, for the ranges that matter here. */
function isPublicAddress(address: string): boolean {
  if (isIP(address) === 4) {
    const [a = 0, b = 0] = address.split(".").map(Number);
    return !(
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b < 128) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b < 32) ||
      (a === 192 && b === 168) ||
      a >= 224
    );
  }
  const lower = address.toLowerCase();
  return !(
    lower === "::" ||
    lower === "::1" ||
    /^(fc|fd|fe8|fe9|fea|feb|ff)/.test(lower) ||
    lower.startsWith("::ffff:")
  );
}
