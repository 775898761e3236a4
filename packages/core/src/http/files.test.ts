import { startTestServer } from "@gradio-jobs/test-server";
import { useTestServer } from "@gradio-jobs/test-utils/server";
import { describe, expect, it } from "vitest";
import { Client } from "../client/client.js";
import { FileTooLargeError } from "../errors.js";
import { type FileData, isFileData } from "./files.js";

const server = useTestServer();

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
