/**
 * Files: upload, pass to a function, download its output; images in and out; local files by path (Node); upload
 * progress on the job's status; downloads with the client's credentials; URL inputs.
 * @module
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import {
  AppError,
  AuthError,
  type FetchLike,
  type FileData,
  HttpError,
  isFileData,
  type StatusUpdate,
} from "@gradio-jobs/core";
import { handleFile, LocalFileError } from "@gradio-jobs/core/node";
import { afterAll, describe, expect, it } from "vitest";
import { statusLog, useClients } from "./helpers.js";
import type { Target } from "./target.js";

/**
 * A real `fetch` that sends upload bodies like a slow uplink (64 KiB every 25 ms), so that the server receives them
 * over a few hundred milliseconds and its `upload_progress` stream has something to report on loopback.
 */
function slowUploads(): FetchLike {
  return async (input, init = {}) => {
    if (!(init.body instanceof FormData)) return fetch(input, init);
    const encoded = new Request(input, { method: "POST", body: init.body });
    const bytes = new Uint8Array(await encoded.arrayBuffer());
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (sent >= bytes.length) return controller.close();
        await new Promise((resolve) => setTimeout(resolve, 25));
        controller.enqueue(bytes.subarray(sent, sent + 65_536));
        sent += 65_536;
      },
    });
    const headers = {
      ...(init.headers as Record<string, string>),
      "content-type": encoded.headers.get("content-type") ?? "",
    };
    return fetch(input, { ...init, body, headers, duplex: "half" } as RequestInit);
  };
}

/** A 1x1 PNG. */
const TINY_PNG = Uint8Array.from(
  atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="),
  (c) => c.charCodeAt(0),
);

export function fileScenarios(target: () => Target): void {
  describe("files", () => {
    const connect = useClients();
    const folder = mkdtempSync(join(tmpdir(), "gradio-jobs-contract-files-"));
    afterAll(() => rmSync(folder, { recursive: true, force: true }));

    it("uploads a file, passes it to a function and downloads the output, keeping file names", async () => {
      const t = target();
      const client = await connect(t.mainUrl);
      const hello = new File(["hello gradio"], "hello.txt", { type: "text/plain" });

      const [uploaded] = await client.upload([hello]);
      expect(uploaded).toMatchObject({ orig_name: "hello.txt", size: 12 });
      expect(uploaded?.path).toMatch(/hello\.txt$/);
      const back = await fetch(uploaded?.url as string);
      expect(await back.text()).toBe("hello gradio");

      const [output] = await client.predict("/flip_file", [hello]);
      expect(isFileData(output)).toBe(true);
      const file = output as FileData;
      expect(file.orig_name).toBe("reversed_hello.txt");
      expect(file.url?.startsWith(`${t.mainUrl}/gradio_api/file=`)).toBe(true);
      const download = await fetch(file.url as string);
      expect(download.status).toBe(200);
      expect(download.headers.get("content-disposition")).toContain('filename="reversed_hello.txt"');
      expect(await download.text()).toBe("oidarg olleh");
    });

    it("uploads a local file by path (handleFile in Node); a missing path is a LocalFileError, nothing sent", async () => {
      const t = target();
      const client = await connect(t.mainUrl);
      const path = join(folder, "notes.txt");
      writeFileSync(path, "local notes");
      const [output] = await client.predict("/flip_file", [await handleFile(path)]);
      expect((output as FileData).orig_name).toBe("reversed_notes.txt");
      expect(await (await client.download(output as FileData)).text()).toBe("seton lacol");

      const missing = await handleFile(join(folder, "missing.txt")).catch((e: unknown) => e);
      expect(missing).toBeInstanceOf(LocalFileError);
      expect(missing).toMatchObject({
        path: join(folder, "missing.txt"),
        resolvedPath: resolve(folder, "missing.txt"),
      });
      expect((missing as Error).message).toContain("no such file");
      expect(await client.predict("/predict", [1, "add", 2])).toEqual([3]);
    });

    it("shows upload progress from the server on the job's status, before the job joins the queue", async () => {
      const t = target();
      const client = await connect(t.mainUrl, { fetch: slowUploads() });
      const size = 1024 * 1024;
      const text = "0123456789abcdef".repeat(size / 16);
      const job = client.submit("/flip_file", [new File([text], "big.txt", { type: "text/plain" })]);
      const seen: StatusUpdate[] = statusLog(job);
      const [output] = await job.result();

      const uploads = seen.filter((s) => s.code === "STARTING" && s.upload !== null).map((s) => s.upload);
      expect(uploads[0]).toEqual({ loaded: 0, total: size });
      expect(uploads.at(-1)).toEqual({ loaded: size, total: size });
      const loaded = uploads.map((u) => u?.loaded ?? -1);
      expect(loaded).toEqual([...loaded].sort((a, b) => a - b));
      // Values between 0 and all can only come from the server's upload_progress stream.
      const between = loaded.filter((n) => n > 0 && n < size);
      expect(between.length, `upload statuses: ${JSON.stringify(loaded)}`).toBeGreaterThanOrEqual(2);
      const joining = seen.findIndex((s) => s.code === "JOINING_QUEUE");
      expect(seen.findLastIndex((s) => s.code === "STARTING")).toBeLessThan(joining);
      // The server got the whole file: its reversal comes back.
      const reversed = await (await client.download(output as FileData)).text();
      expect(reversed.length).toBe(size);
      expect(reversed.slice(0, 32)).toBe("fedcba9876543210fedcba9876543210");
    });

    it("downloads an output with its name and type; a path the app does not serve is an HttpError 403", async () => {
      const t = target();
      const client = await connect(t.mainUrl);
      const [output] = await client.predict("/flip_file", [new File(["download me"], "dl.txt")]);
      const file = await client.download(output as FileData);
      expect([file.name, file.type, await file.text()]).toEqual([
        "reversed_dl.txt",
        "text/plain; charset=utf-8",
        "em daolnwod",
      ]);
      const refused = await client
        .download(`${t.mainUrl}/gradio_api/file=/etc/passwd`)
        .catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(HttpError);
      expect(refused).toMatchObject({ status: 403, body: "File not allowed: /etc/passwd." });
    });

    it("downloads a file of an app behind auth= with the login cookie; a plain fetch of its URL gets 401", async () => {
      const t = target();
      const client = await connect(t.authUrl, { auth: t.credentials });
      const [uploaded] = (await client.upload([new File(["members only"], "members.txt")])) as [FileData];
      const plain = await fetch(uploaded.url as string);
      expect(plain.status).toBe(401);
      await plain.body?.cancel();
      expect(await (await client.download(uploaded)).text()).toBe("members only");
      const stranger = await connect(t.mainUrl);
      await expect(stranger.download(uploaded)).rejects.toBeInstanceOf(AuthError);
    });

    it("sends a URL input in Gradio's remote-file form: the server downloads it, and refuses a loopback host", async () => {
      const t = target();
      const client = await connect(t.mainUrl);
      const loopback = new URL("/gradio_api/info", t.mainUrl);
      const error = await client.predict("/flip_file", [loopback]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).serverMessage).toBe("Hostname 127.0.0.1 failed validation");
      expect(await client.predict("/predict", [1, "add", 2])).toEqual([3]);
    });

    it("sends an image and gets an image file back", async () => {
      const t = target();
      const client = await connect(t.mainUrl);
      const [output] = await client.predict("/flip", [TINY_PNG]);
      expect(isFileData(output)).toBe(true);
      const image = output as FileData;
      // gr.Image re-encodes outputs in its `format`, webp by default.
      expect(image.orig_name).toBe("image.webp");
      const download = await fetch(image.url as string);
      expect(download.headers.get("content-type")).toBe("image/webp");
      const bytes = new Uint8Array(await download.arrayBuffer());
      const ascii = (from: number, to: number) => String.fromCharCode(...bytes.slice(from, to));
      expect([ascii(0, 4), ascii(8, 12)]).toEqual(["RIFF", "WEBP"]);
    });
  });
}
