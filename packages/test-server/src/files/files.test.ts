import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { startTestServer, type TestServer } from "../server.js";
import { dataOf, newSession, outputOf, TestClient } from "../testing/sse-test-client.js";
import type { FileData } from "./file-store.js";

let server: TestServer;
let client: TestClient;

beforeAll(async () => {
  server = await startTestServer({ timeScale: 0.02, maxFileSize: 1000, version: "5.14.0" });
  client = new TestClient(server.url);
});
afterAll(() => server.close());

function multipart(files: Array<{ name: string; content: string | Buffer; type?: string }>): FormData {
  const form = new FormData();
  for (const file of files) {
    const content = typeof file.content === "string" ? file.content : new Uint8Array(file.content);
    form.append("files", new Blob([content], { type: file.type ?? "text/plain" }), file.name);
  }
  return form;
}

async function upload(form: FormData): Promise<Response> {
  return fetch(client.api("/upload"), { method: "POST", body: form });
}

const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

describe("upload and file=", () => {
  it("uploads two files and returns server paths <dir>/<hash>/<cleaned name> (upload-and-flip-file.txt)", async () => {
    const response = await upload(
      multipart([
        { name: "hello.txt", content: "hello gradio\n" },
        { name: "sec?ond.txt", content: "second file\n" },
      ]),
    );
    expect(response.status).toBe(200);
    const paths = (await response.json()) as string[];
    expect(paths).toHaveLength(2);
    expect(paths[0]).toMatch(/\/[0-9a-f]{64}\/hello\.txt$/);
    expect(paths[1]).toMatch(/\/[0-9a-f]{64}\/second\.txt$/);
  });

  it("flip_file round trip: FileData in, reversed_<name> out, downloadable with the right headers", async () => {
    const [path] = (await (
      await upload(multipart([{ name: "hello.txt", content: "hello gradio\n" }]))
    ).json()) as string[];
    const input = {
      path,
      url: null,
      orig_name: "hello.txt",
      size: 13,
      mime_type: "text/plain",
      meta: { _type: "gradio.FileData" },
    };
    const { messages } = await client.run(7, [input], newSession());
    const output = dataOf<FileData>(messages[2])[0]!;
    expect(output).toEqual({
      path: expect.stringMatching(/\/reversed_hello\.txt$/),
      url: `${server.url}/gradio_api/file=${output.path}`,
      size: 13,
      orig_name: "reversed_hello.txt",
      mime_type: null,
      is_stream: false,
      meta: { _type: "gradio.FileData" },
    });
    const download = await fetch(output.url!);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(download.headers.get("content-disposition")).toBe('inline; filename="reversed_hello.txt"');
    expect(download.headers.get("accept-ranges")).toBe("bytes");
    expect(download.headers.get("etag")).toMatch(/^"[0-9a-f]{32}"$/);
    expect(await download.text()).toBe("\noidarg olleh");
    const head = await fetch(output.url!, { method: "HEAD" });
    expect(head.headers.get("content-length")).toBe("13");
  });

  it("flip: image in, a real webp FileData out (upload-and-flip-image.txt)", async () => {
    const [path] = (await (
      await upload(multipart([{ name: "tiny.png", content: PNG, type: "image/png" }]))
    ).json()) as string[];
    const inputFile = await fetch(client.api(`/file=${path}`));
    expect(inputFile.headers.get("content-type")).toBe("image/png");
    const { messages } = await client.run(6, [{ path, meta: { _type: "gradio.FileData" } }], newSession());
    const output = dataOf<FileData>(messages[2])[0]!;
    expect(output).toMatchObject({ orig_name: "image.webp", size: null, mime_type: null, is_stream: false });
    const image = await fetch(output.url!);
    expect(image.headers.get("content-type")).toBe("image/webp");
    expect(
      Buffer.from(await image.arrayBuffer())
        .subarray(8, 12)
        .toString(),
    ).toBe("WEBP");
  });

  it("refuses FileData without meta, and paths outside the upload directory", async () => {
    const noMeta = await client.run(7, [{ path: "/etc/hostname" }], newSession());
    expect(noMeta.messages[2]).toMatchObject({ success: false });
    const outside = await client.run(
      7,
      [{ path: "/etc/hostname", meta: { _type: "gradio.FileData" } }],
      newSession(),
    );
    expect(String(outputOf(outside.messages[2]).error)).toContain("/etc/hostname");
  });

  it("file= answers 403 outside the upload directory", async () => {
    const response = await fetch(client.api("/file=/etc/hostname"));
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ detail: "File not allowed: /etc/hostname." });
  });

  it("answers 413 text/plain over max_file_size, and 400 for a non-multipart body", async () => {
    const config = await (await fetch(`${server.url}/config`)).json();
    expect(config.max_file_size).toBe(1000);
    const tooBig = await upload(multipart([{ name: "big.txt", content: "x".repeat(1001) }]));
    expect(tooBig.status).toBe(413);
    expect(tooBig.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await tooBig.text()).toBe("File size exceeded maximum allowed size of 1000 bytes.");
    const notMultipart = await client.postJson("/upload", {});
    expect(notMultipart.status).toBe(400);
    expect(await notMultipart.json()).toEqual({ detail: "Invalid content type." });
  });

  it("upload_progress follows a slow upload: updates per file adding up to what arrived, then done", async () => {
    const big = Buffer.alloc(200_000, "a");
    const form = multipart([
      { name: "one.txt", content: big },
      { name: "two.txt", content: Buffer.alloc(100_000, "b") },
    ]);
    // This file's server takes at most 1000 bytes per file; 6.25 waits for an upload that has not begun yet.
    const roomy = await startTestServer({ timeScale: 0.02, version: "6.25.0" });
    onTestFinished(() => roomy.close());
    const api = (path: string) => `${roomy.url}/gradio_api${path}`;
    const request = new Request(api("/upload?upload_id=slow1"), { method: "POST", body: form });
    const bytes = new Uint8Array(await request.arrayBuffer());
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (sent >= bytes.length) return controller.close();
        await new Promise((resolve) => setTimeout(resolve, 15));
        controller.enqueue(bytes.subarray(sent, sent + 16_384));
        sent += 16_384;
      },
    });
    const uploading = fetch(request.url, {
      method: "POST",
      body,
      headers: { "content-type": request.headers.get("content-type") as string },
      duplex: "half",
    } as RequestInit);
    const progress = await fetch(api("/upload_progress?upload_id=slow1"));
    expect(progress.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const frames = (await progress.text()).split("\n\n").filter(Boolean);
    expect((await uploading).status).toBe(200);
    expect(frames.at(-1)).toBe('data: {"msg": "done"}');
    const updates = frames.slice(0, -1).map((frame) => JSON.parse(frame.slice("data: ".length)));
    expect(updates.length).toBeGreaterThan(4);
    expect(updates[0]).toEqual({ msg: "update", orig_name: "one.txt", chunk_size: expect.any(Number) });
    const names = updates.map((u) => u.orig_name);
    expect(names.indexOf("two.txt")).toBeGreaterThan(0);
    expect(names.slice(names.indexOf("two.txt")).every((n) => n === "two.txt")).toBe(true);
    const sum = (name: string) =>
      updates.filter((u) => u.orig_name === name).reduce((total, u) => total + u.chunk_size, 0);
    expect(sum("one.txt")).toBeLessThanOrEqual(200_000);
    expect(sum("two.txt")).toBeLessThanOrEqual(100_000);
    // Forgotten once its stream ended: a second look finds nothing within 3 s.
    const again = await fetch(api("/upload_progress?upload_id=slow1"));
    expect([again.status, await again.text()]).toEqual([404, "Upload not found"]);
  });

  it("upload_progress before 5.29 ends at once, empty, for an upload that has not begun (gradio#11102)", async () => {
    const progress = await fetch(client.api("/upload_progress?upload_id=not-yet"));
    expect([progress.status, progress.headers.get("content-type"), await progress.text()]).toEqual([
      200,
      "text/event-stream; charset=utf-8",
      "",
    ]);
  });

  it("upload_progress reports done for a finished upload", async () => {
    await fetch(client.api("/upload?upload_id=u1"), {
      method: "POST",
      body: multipart([{ name: "a.txt", content: "a" }]),
    });
    const progress = await fetch(client.api("/upload_progress?upload_id=u1"));
    expect(await progress.text()).toBe('data: {"msg": "done"}\n\n');
  });
});
