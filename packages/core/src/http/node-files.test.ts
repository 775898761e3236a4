import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { useTestServer } from "@gradio-jobs/test-utils/server";
import { afterAll, describe, expect, it } from "vitest";
import { Client } from "../client/client.js";
import { InputError } from "../errors.js";
import type { FileData } from "./files.js";
import { handleFile, LocalFileError } from "./node-files.js";

const server = useTestServer();
const folder = mkdtempSync(join(tmpdir(), "gradio-jobs-node-files-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function text(file: FileData): Promise<string> {
  return (await fetch(file.url as string)).text();
}

describe("handleFile (Node)", () => {
  it("uploads a file by path, relative or as a file: URL, under its own name", async () => {
    const path = join(folder, "hello.txt");
    writeFileSync(path, "hello from disk");
    const client = await Client.connect(server().url);
    const before = server().stats.requests.filter((r) => r.path.endsWith("/upload")).length;

    const [byPath] = (await client.predict("/flip_file", [await handleFile(path)])) as [FileData];
    expect(byPath.orig_name).toBe("reversed_hello.txt");
    expect(await text(byPath)).toBe("ksid morf olleh");

    const relativePath = relative(process.cwd(), path);
    const [byRelative] = (await client.predict("/flip_file", [await handleFile(relativePath)])) as [FileData];
    expect(await text(byRelative)).toBe("ksid morf olleh");

    const [byUrl] = (await client.predict("/flip_file", [await handleFile(pathToFileURL(path))])) as [
      FileData,
    ];
    expect(await text(byUrl)).toBe("ksid morf olleh");
    // The server received three uploads.
    expect(server().stats.requests.filter((r) => r.path.endsWith("/upload")).length - before).toBe(3);
    client.close();
  });

  it("names a file that does not exist, a directory, and sends nothing", async () => {
    const client = await Client.connect(server().url);
    const uploads = () => server().stats.requests.filter((r) => r.path.endsWith("/upload")).length;
    const uploadsBefore = uploads();
    const joinsBefore = server().stats.joins;

    const missing = await handleFile("no/such/file.png").catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(LocalFileError);
    expect(missing).toMatchObject({
      code: "LOCAL_FILE",
      path: "no/such/file.png",
      resolvedPath: resolve("no/such/file.png"),
    });
    expect((missing as Error).message).toBe(
      `Cannot upload "no/such/file.png" (${resolve("no/such/file.png")}): no such file.`,
    );
    expect(((missing as Error).cause as { code: string }).code).toBe("ENOENT");

    const directory = await handleFile(folder).catch((e: unknown) => e);
    expect(directory).toBeInstanceOf(LocalFileError);
    expect((directory as Error).message).toContain("it is a directory, not a file");

    expect(uploads()).toBe(uploadsBefore);
    expect(server().stats.joins).toBe(joinsBefore);
    // The client is unaffected.
    expect(await client.predict("/predict", [1, "add", 2])).toEqual([3]);
    client.close();
  });

  it("takes Buffers and ArrayBuffers, named or not, and Blobs", async () => {
    const client = await Client.connect(server().url);
    const named = await handleFile(Buffer.from("abc"), { name: "abc.txt", type: "text/plain" });
    expect(named).toBeInstanceOf(File);
    const [flipped] = (await client.predict("/flip_file", [named])) as [FileData];
    expect([flipped.orig_name, await text(flipped)]).toEqual(["reversed_abc.txt", "cba"]);

    const unnamed = await handleFile(new TextEncoder().encode("xyz").buffer);
    const [fromBytes] = (await client.predict("/flip_file", [unnamed])) as [FileData];
    expect(await text(fromBytes)).toBe("zyx");

    const blob = new Blob(["same"]);
    expect(await handleFile(blob)).toBe(blob);
    const notAFile = await handleFile(42 as unknown as Blob).catch((e: unknown) => e);
    expect(notAFile).toBeInstanceOf(InputError);
    expect((notAFile as Error).message).toBe(
      "handleFile takes a path, a URL, a Blob, a Buffer, a Uint8Array or an ArrayBuffer, not 42.",
    );
    await expect(handleFile("http://")).rejects.toThrow('handleFile: "http://" is not a valid URL.');
    client.close();
  });

  it("turns an http(s) URL into Gradio's remote-file form, with no request", async () => {
    const requestsBefore = server().stats.requests.length;
    expect(await handleFile("https://example.com/images/cat%20photo.png")).toEqual({
      path: "https://example.com/images/cat%20photo.png",
      url: "https://example.com/images/cat%20photo.png",
      orig_name: "cat photo.png",
      meta: { _type: "gradio.FileData" },
    });
    expect(await handleFile(new URL("http://example.com/a.wav"), { name: "voice.wav" })).toMatchObject({
      path: "http://example.com/a.wav",
      orig_name: "voice.wav",
    });
    expect(server().stats.requests.length).toBe(requestsBefore);
  });
});
