/**
 * Files in Chromium (issue #15 item 4): a job's upload progress comes from the server's `upload_progress` stream
 * (fetch cannot report a request body's progress in a browser), over an uplink Chromium itself throttles, on an app
 * behind `auth=` (the login cookie goes with every request); and a private Space's files, which its proxy serves only
 * with the owner's token: an `<img src>` of the plain URL cannot send it, an object URL of `client.download` shows.
 * The page is the classic one (the IIFE's `GradioJobs` global); the apps are test servers of this file's own, the
 * Space's proxy a small HTTP proxy that wants `Authorization: Bearer <token>` as Hugging Face's does.
 */
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { startTestServer, type TestServer } from "@gradio-jobs/test-server";
import { expect, test } from "@playwright/test";
import { gradioUrl } from "../ports.js";

/** The part of the page's `GradioJobs` global (core's IIFE build) this test uses; e2e does not depend on core. */
interface FileData {
  readonly path: string;
  readonly url: string | null;
}
interface PageClient {
  submit(
    endpoint: string,
    args: unknown[],
  ): {
    $status: {
      subscribe(
        listener: (status: { upload: { loaded: number; total: number } | null; code: string }) => void,
      ): () => void;
    };
    result(): Promise<unknown[]>;
  };
  predict(endpoint: string, args: unknown[]): Promise<unknown[]>;
  download(file: FileData): Promise<Blob>;
  close(): void;
}
type GradioJobs = { Client: { connect(url: string, options: Record<string, unknown>): Promise<PageClient> } };

let app: TestServer;
let space: TestServer;
let proxy: Server;
let spaceUrl: string;
test.beforeAll(async () => {
  app = await startTestServer({ timeScale: 0.05, auth: ["user", "pass"], version: "6.25.0" });
  space = await startTestServer({ timeScale: 0.05, version: "6.25.0" });
  const target = new URL(space.url);
  proxy = createServer((incoming, outgoing) => {
    // Preflights carry no credentials; everything else needs the owner's token.
    if (incoming.method !== "OPTIONS" && incoming.headers.authorization !== "Bearer hf_owner") {
      outgoing.writeHead(401, { "content-type": "application/json" });
      return void outgoing.end('{"error":"Invalid credentials in Authorization header"}');
    }
    const forward = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: incoming.url,
        method: incoming.method,
        headers: incoming.headers,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    incoming.pipe(forward);
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  spaceUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  proxy.closeAllConnections();
  await new Promise((resolve) => proxy.close(resolve));
  await Promise.all([app.close(), space.close()]);
});

test("upload progress from the server over a throttled uplink; a private Space's image shows through download", async ({
  page,
}) => {
  await page.goto(`/classic/?server=${encodeURIComponent(gradioUrl)}`);
  await expect.poll(() => page.evaluate(() => "GradioJobs" in window)).toBe(true);
  // Chromium's own throttling: 1 MiB/s up, so that a 1 MiB file takes about a second to reach the server.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: 1024 * 1024,
  });

  const seen = await page.evaluate(
    async ([url, privateSpace]) => {
      const { Client } = (window as unknown as { GradioJobs: GradioJobs }).GradioJobs;
      const client = await Client.connect(url, { auth: ["user", "pass"], credentials: "include" });
      const size = 1024 * 1024;
      const job = client.submit("/flip_file", [new File(["0123456789abcdef".repeat(size / 16)], "big.txt")]);
      // While the files upload, the job is pending with code STARTING; `upload` keeps its last value after that.
      const uploads: { loaded: number; total: number }[] = [];
      job.$status.subscribe(({ upload, code }) => {
        if (upload && code === "STARTING") uploads.push(upload);
      });
      const [output] = (await job.result()) as [FileData];
      const reversed = await (await client.download(output)).text();
      client.close();

      const png = Uint8Array.from(
        atob(
          "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==",
        ),
        (c) => c.charCodeAt(0),
      );
      const owner = await Client.connect(privateSpace, { token: "hf_owner" });
      const [image] = (await owner.predict("/flip", [new Blob([png], { type: "image/png" })])) as [FileData];
      const show = (src: string) =>
        new Promise<string>((resolve) => {
          const img = document.createElement("img");
          img.onload = () => resolve(`loaded ${img.naturalWidth}x${img.naturalHeight}`);
          img.onerror = () => resolve("error");
          img.src = src;
        });
      const plainImg = await show(image.url as string);
      const objectUrl = URL.createObjectURL(await owner.download(image));
      const downloadedImg = await show(objectUrl);
      URL.revokeObjectURL(objectUrl);
      owner.close();
      return { size, uploads, reversed: [reversed.length, reversed.slice(0, 16)], plainImg, downloadedImg };
    },
    [app.url, spaceUrl] as const,
  );

  const loaded = seen.uploads.map((u) => u.loaded);
  expect(seen.uploads[0]).toEqual({ loaded: 0, total: seen.size });
  expect(loaded.at(-1)).toBe(seen.size);
  expect(loaded).toEqual([...loaded].sort((a, b) => a - b));
  const between = loaded.filter((n) => n > 0 && n < seen.size);
  expect(between.length, JSON.stringify(loaded)).toBeGreaterThanOrEqual(2);
  expect(seen.reversed).toEqual([seen.size, "fedcba9876543210"]);
  expect(app.stats.requests.some((r) => r.path.includes("/upload_progress?"))).toBe(true);
  // The Space's proxy refuses the <img> (no token); the object URL of the download shows the image.
  expect(seen.plainImg).toBe("error");
  expect(seen.downloadedImg).toBe("loaded 1x1");
  const download = space.stats.requests.filter((r) => r.path.includes("/file=")).at(-1);
  expect(download?.headers.authorization).toBe("Bearer hf_owner");
});
