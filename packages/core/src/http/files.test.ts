import { startTestServer } from "@gradio-jobs/test-server";
import { statusWhere, useTestServer } from "@gradio-jobs/test-utils/server";
import { describe, expect, it } from "vitest";
import { Client } from "../client/client.js";
import { FileTooLargeError, InputError } from "../errors.js";
import type { StatusUpdate } from "../job/status.js";
import { type FileData, isFileData } from "./files.js";
import type { FetchLike } from "./http.js";

const server = useTestServer();

/** A real `fetch` that sends upload bodies like a slow uplink (32 KiB every 20 ms), so the server sees them arrive. */
function slowUplink(): FetchLike {
  return async (input, init = {}) => {
    if (!(init.body instanceof FormData)) return fetch(input, init);
    const encoded = new Request(input, { method: "POST", body: init.body });
    const bytes = new Uint8Array(await encoded.arrayBuffer());
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (sent >= bytes.length) return controller.close();
        await new Promise((resolve) => setTimeout(resolve, 20));
        controller.enqueue(bytes.subarray(sent, sent + 32_768));
        sent += 32_768;
      },
    });
    const headers = { ...init.headers, "content-type": encoded.headers.get("content-type") ?? "" };
    return fetch(input, { ...init, body, headers, duplex: "half" } as RequestInit);
  };
}

describe("files", () => {
  it("uploads a File in the arguments, keeps its name, and returns a fetchable FileData", async () => {
    const client = await Client.connect(server().url);
    const file = new File(["hello world"], "hello.txt", { type: "text/plain" });
    const [out] = (await client.predict("/flip_file", [file])) as [FileData];
    expect(isFileData(out)).toBe(true);
    expect(out.orig_name).toBe("reversed_hello.txt");
    expect(out.url).toMatch(new RegExp(`^${server().url}/gradio_api/file=`));
    const download = await fetch(out.url as string);
    expect(await download.text()).toBe("dlrow olleh");
    const upload = server().stats.requests.find((r) => r.path === "/gradio_api/upload");
    expect(upload?.method).toBe("POST");
  });

  it("uploads raw bytes and images, and client.upload gives absolute URLs", async () => {
    const client = await Client.connect(server().url);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const [image] = (await client.predict("/flip", [new Blob([png], { type: "image/png" })])) as [FileData];
    expect(isFileData(image)).toBe(true);
    expect((await fetch(image.url as string)).ok).toBe(true);
    const [uploaded] = await client.upload([new TextEncoder().encode("abc")]);
    expect(uploaded?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/gradio_api\/file=/);
    expect(await (await fetch(uploaded?.url as string)).text()).toBe("abc");
    const [flipped] = (await client.predict("/flip_file", [uploaded])) as [FileData];
    expect(await (await fetch(flipped.url as string)).text()).toBe("cba");
  });

  it("shows the upload on the job's status: 0 of its bytes, then all, before joining the queue", async () => {
    const client = await Client.connect(server().url);
    const job = client.submit("/flip_file", [new File(["twelve bytes"], "twelve.txt")]);
    const seen: StatusUpdate[] = [];
    job.$status.subscribe((status) => void seen.push(status));
    await job.result();
    const uploading = seen.filter((s) => s.upload !== null && s.code === "STARTING");
    expect(uploading.map((s) => s.upload)).toEqual([
      { loaded: 0, total: 12 },
      { loaded: 12, total: 12 },
    ]);
    expect(uploading.every((s) => s.stage === "pending")).toBe(true);
    expect(seen.at(-1)).toMatchObject({ stage: "complete", upload: { loaded: 12, total: 12 } });
    // A job without files has none.
    const plain = client.submit("/predict", [1, "add", 2]);
    await plain.result();
    expect(plain.status().upload).toBeNull();
    client.close();
  });

  it("client.upload reports progress; from 256 KiB on it follows the server's upload_progress stream", async () => {
    const client = await Client.connect(server().url);
    const small: number[] = [];
    await client.upload([new Uint8Array(10)], { onProgress: ({ loaded }) => void small.push(loaded) });
    expect(small).toEqual([0, 10]);
    const watched = () => server().stats.requests.filter((r) => r.path.includes("/upload_progress?")).length;
    expect(watched()).toBe(0);

    expect(server().stats.requests.some((r) => r.path.includes("upload_id="))).toBe(false);

    const slow = await Client.connect(server().url, { fetch: slowUplink() });
    const size = 300 * 1024;
    const large: number[] = [];
    const [file] = await slow.upload([new File([new Uint8Array(size).fill(97)], "large.txt")], {
      onProgress: ({ loaded, total }) => {
        expect(total).toBe(size);
        large.push(loaded);
      },
    });
    expect(large[0]).toBe(0);
    expect(large.at(-1)).toBe(size);
    expect(large.filter((n) => n > 0 && n < size).length, JSON.stringify(large)).toBeGreaterThanOrEqual(2);
    expect(watched()).toBeGreaterThanOrEqual(1);
    expect((await slow.download(file as FileData)).size).toBe(size);
    slow.close();
    client.close();
  });

  it("a job cancelled while its files upload stops the upload and its progress stream; nothing joins", async () => {
    const client = await Client.connect(server().url, { fetch: slowUplink() });
    const joins = server().stats.joins;
    const job = client.submit("/flip_file", [new File([new Uint8Array(2 * 1024 * 1024)], "huge.bin")]);
    await statusWhere(job, ({ upload }) => (upload?.loaded ?? 0) > 0);
    expect(job.status().stage).toBe("pending");
    expect(await job.cancel()).toBe(true);
    await expect(job.result()).rejects.toMatchObject({ code: "CANCELLED" });
    expect(server().stats.joins).toBe(joins);
    expect(client.pendingJobs).toBe(0);
    expect(await client.predict("/predict", [1, "add", 2])).toEqual([3]);
    client.close();
  });

  it("uploads the content of data: URLs; refuses other non-http URLs before sending anything", async () => {
    const client = await Client.connect(server().url);
    const [flipped] = (await client.predict("/flip_file", [
      new URL("data:text/plain,from%20a%20data%20URL"),
    ])) as [FileData];
    expect(await (await fetch(flipped.url as string)).text()).toBe("LRU atad a morf");

    const uploads = server().stats.requests.filter((r) => r.path.endsWith("/upload")).length;
    const joins = server().stats.joins;
    const error = await client
      .predict("/flip_file", [new URL("ftp://example.com/a.txt")])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(
      "A file URL must be http(s), data: or blob:; got ftp: (ftp://example.com/a.txt). " +
        'For a local file in Node, pass `await handleFile(path)` from "@gradio-jobs/core/node".',
    );
    const notFiles = await client.upload(["a path?"] as unknown as Blob[]).catch((e: unknown) => e);
    expect(notFiles).toBeInstanceOf(InputError);
    expect((notFiles as Error).message).toBe(
      "upload takes an array of Blobs, Files or Uint8Arrays (Buffers).",
    );
    expect(server().stats.requests.filter((r) => r.path.endsWith("/upload")).length).toBe(uploads);
    expect(server().stats.joins).toBe(joins);
    client.close();
  });

  it("refuses a file over max_file_size with a typed error before uploading anything", async () => {
    const small = await startTestServer({ maxFileSize: 10 });
    try {
      const client = await Client.connect(small.url);
      const error = await client
        .predict("/flip_file", [new File(["x".repeat(11)], "big.txt")])
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FileTooLargeError);
      expect(error).toMatchObject({ fileName: "big.txt", size: 11, maxFileSize: 10 });
      expect(small.stats.requests.some((r) => r.path.endsWith("/upload"))).toBe(false);
      expect(small.stats.joins).toBe(0);
    } finally {
      await small.close();
    }
  });
});
