/**
 * Upload progress as Gradio reports it (protocol §8): `POST {P}/upload?upload_id=U` is counted as its body arrives,
 * and `GET {P}/upload_progress?upload_id=U` streams `{"msg": "update", "orig_name", "chunk_size"}` frames (bytes of
 * file content since the last frame), then `{"msg": "done"}`.
 * @module
 */
import { sseFrame } from "./session.js";

interface Upload {
  readonly frames: string[];
  done: boolean;
  wake: () => void;
}

const encoder = new TextEncoder();
const HEADER_END = encoder.encode("\r\n\r\n");

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

export class UploadProgress {
  readonly #uploads = new Map<string, Upload>();

  /**
   * Counts `body` (a multipart request body) as it is read and returns the stream to parse instead. The first file
   * part's content is reported as it arrives; the closing boundary is held back, so the total is the file's size.
   */
  track(id: string, body: ReadableStream<Uint8Array>, boundary: string): ReadableStream<Uint8Array> {
    const upload = this.#upload(id);
    const trailer = `\r\n--${boundary}--\r\n`.length;
    let head = new Uint8Array(0);
    let name: string | null = null;
    let content = 0;
    let reported = 0;
    const report = (size: number) => {
      if (size <= 0 || name === null) return;
      upload.frames.push(
        JSON.stringify({ msg: "update", orig_name: name, chunk_size: size })
          .replace(/,"/g, ', "')
          .replace(/":/g, '": '),
      );
      upload.wake();
    };
    return body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          controller.enqueue(chunk);
          if (name === null) {
            const joined = new Uint8Array(head.length + chunk.length);
            joined.set(head);
            joined.set(chunk, head.length);
            const end = indexOf(joined, HEADER_END);
            if (end < 0) {
              head = joined;
              return;
            }
            const headers = new TextDecoder().decode(joined.subarray(0, end));
            name = /filename="([^"]*)"/.exec(headers)?.[1] ?? "file";
            content = joined.length - end - HEADER_END.length;
          } else content += chunk.length;
          const now = Math.max(0, content - trailer);
          report(now - reported);
          reported = now;
        },
        flush() {
          report(Math.max(0, content - trailer) - reported);
          upload.done = true;
          upload.wake();
        },
      }),
    );
  }

  /** `GET {P}/upload_progress?upload_id=U`: 404 when no such upload starts within 3 s, as in Gradio. */
  async stream(id: string): Promise<Response> {
    for (let waited = 0; !this.#uploads.has(id); waited += 50) {
      if (waited >= 3_000) return new Response("Upload not found", { status: 404 });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const upload = this.#upload(id);
    const body = new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        while (upload.frames.length === 0 && !upload.done) {
          await new Promise<void>((resolve) => {
            upload.wake = resolve;
          });
        }
        const frame = upload.frames.shift();
        if (frame !== undefined) return controller.enqueue(sseFrame(frame));
        controller.enqueue(sseFrame('{"msg": "done"}'));
        controller.close();
        this.#uploads.delete(id);
      },
    });
    return new Response(body, { headers: { "content-type": "text/event-stream; charset=utf-8" } });
  }

  #upload(id: string): Upload {
    let upload = this.#uploads.get(id);
    if (!upload) {
      upload = { frames: [], done: false, wake: () => {} };
      this.#uploads.set(id, upload);
    }
    return upload;
  }
}
