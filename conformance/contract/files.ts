/**
 * Files: upload, pass to a function, download its output; images in and out.
 * @module
 */
import { type FileData, isFileData } from "@gradio-jobs/core";
import { describe, expect, it } from "vitest";
import { useClients } from "./helpers.js";
import type { Target } from "./target.js";

/** A 1x1 PNG. */
const TINY_PNG = Uint8Array.from(
  atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="),
  (c) => c.charCodeAt(0),
);

export function fileScenarios(target: () => Target): void {
  describe("files", () => {
    const connect = useClients();

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
