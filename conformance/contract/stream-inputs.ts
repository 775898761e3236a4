/**
 * Streaming inputs (`connection: "stream"`, protocol §9) on the stream app (`conformance/apps/stream.py`, the test
 * server's `app: "stream"`): `client.stream()` joins with the first chunk, sends the next ones to
 * `{P}/stream/{event_id}`, closes the event, and refuses chunks once it ended. What the server received is read from
 * the app's own `/calls` log (every run of the stream functions, with its session, seq and time), not only from what
 * the job reports.
 *
 * Per version (Gradio's `queueing.py`): a close ends an event without `time_limit` only from 6.0 on; 5.x's
 * `is_finished` needs a time limit, so there the event ends after 30 s without a chunk.
 * @module
 */
import { CancelledError, type Client, StreamClosedError } from "@gradio-jobs/core";
import { describe, expect, it } from "vitest";
import { useClients } from "./helpers.js";
import type { Target } from "./target.js";

/** One run of a stream function as `/calls` reports it. */
interface StreamCall {
  fn: string;
  session: string;
  seq: number;
  at: number;
  info: string;
}

async function calls(client: Client): Promise<StreamCall[]> {
  const [log] = await client.predict<[StreamCall[]]>("/calls");
  return log;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function streamInputScenarios(target: () => Target): void {
  describe("streaming inputs", () => {
    const connect = useClients();

    it("config: /frames and /audio are stream events with stream_every 0.1, /audio with time_limit 2", async () => {
      const client = await connect(target().streamUrl);
      expect(client.endpoint("/frames")).toMatchObject({ streamEvery: 0.1, timeLimit: null });
      expect(client.endpoint("/audio")).toMatchObject({ streamEvery: 0.1, timeLimit: 2 });
      expect(client.endpoint("/calls").streamEvery).toBeNull();
      // Gradio 6 asks for the heartbeat when any listener is a stream; 5.x's check lets the last listener decide.
      const sixOrLater = Number.parseInt(client.config.version ?? "0", 10) >= 6;
      expect(client.config.connect_heartbeat).toBe(sixOrLater);
    });

    it("chunks every 0.1 s reach the function in order, one output per run; close ends it (6.x) or not (5.x)", async () => {
      const client = await connect(target().streamUrl);
      const sixOrLater = Number.parseInt(client.config.version ?? "0", 10) >= 6;
      const stream = await client.stream<[string]>("/frames");
      for (let seq = 0; seq < 10; seq++) {
        await stream.send([pngFrame(8 + seq, 4), seq]);
        await sleep(100);
      }
      expect(stream.chunksSent).toBe(10);
      expect(stream.status().stage).toBe("running");
      const outputs = stream.outputs().map(([info]) => info);
      expect(outputs[0]).toBe("8x4 #0");
      const mine = (await calls(client)).filter((call) => call.fn === "frames" && call.seq >= 0);
      const seqs = mine.filter((call) => call.session === mine.at(-1)?.session).map((call) => call.seq);
      // 0.1 s apart, each chunk is its own run (Gradio keeps only the latest chunk when they come faster).
      expect(seqs.slice(-10)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(mine.at(-1)?.info).toBe("17x4 #9");
      await stream.close();
      await expect(stream.send([pngFrame(1, 1), 99])).rejects.toBeInstanceOf(StreamClosedError);
      if (sixOrLater) {
        expect(await stream.result({ timeout: 5_000 })).toEqual(["17x4 #9"]);
      } else {
        // 5.x: the close wakes the function once more but does not end an event without time_limit.
        await sleep(1_500);
        expect(stream.status().stage).toBe("running");
        expect(await stream.cancel()).toBeTypeOf("boolean");
        await expect(stream.result()).rejects.toBeInstanceOf(CancelledError);
      }
      expect((await calls(client)).some((call) => call.seq === 99)).toBe(false);
    });

    it("time_limit ends the event on the server after 2 s; later chunks are refused (StreamClosedError)", async () => {
      const client = await connect(target().streamUrl);
      const stream = await client.stream<[string]>("/audio");
      const started = Date.now();
      let seq = 0;
      let refused: unknown = null;
      while (refused === null && Date.now() - started < 10_000) {
        await stream.send([wavFile(1600, 16_000), seq++]).catch((error: unknown) => {
          refused = error;
        });
        await sleep(100);
      }
      expect(refused).toBeInstanceOf(StreamClosedError);
      const [info] = await stream.result({ timeout: 5_000 });
      const elapsed = Date.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(1_900);
      expect(elapsed).toBeLessThan(6_000);
      expect(info).toMatch(/^1600 samples at 16000 Hz #\d+$/);
      const runs = (await calls(client)).filter((call) => call.fn === "audio");
      const last = runs.at(-1);
      expect(last?.info).toBe(info);
      // Nothing the server ran came after the refused chunk.
      expect(runs.every((call) => call.seq < seq - 1 || call.session !== last?.session)).toBe(true);
    });

    it("closing before the first chunk cancels the job and reaches nothing on the server", async () => {
      const client = await connect(target().streamUrl);
      const before = (await calls(client)).length;
      const stream = await client.stream("/frames");
      await stream.close();
      await expect(stream.result()).rejects.toBeInstanceOf(CancelledError);
      await expect(stream.send([pngFrame(2, 2), 0])).rejects.toBeInstanceOf(StreamClosedError);
      expect((await calls(client)).length).toBe(before);
    });
  });
}

/** A `width`×`height` grey RGB PNG (stored deflate blocks, real CRCs) as `{url: "data:image/png;base64,…"}`. */
export function pngFrame(width: number, height: number): { url: string } {
  const row = 1 + width * 3;
  const raw = new Uint8Array(row * height).fill(128);
  for (let y = 0; y < height; y++) raw[y * row] = 0;
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 2, 0, 0, 0], 8);
  const png = concat([
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", header),
    pngChunk("IDAT", zlibStored(raw)),
    pngChunk("IEND", new Uint8Array(0)),
  ]);
  let binary = "";
  for (const byte of png) binary += String.fromCharCode(byte);
  return { url: `data:image/png;base64,${btoa(binary)}` };
}

/** A mono 16-bit PCM WAV of `frames` silent samples, named `audio.wav` as Gradio's recorder names its chunks. */
export function wavFile(frames: number, rate: number): File {
  const bytes = new DataView(new ArrayBuffer(44 + frames * 2));
  const text = (at: number, value: string) => {
    for (let i = 0; i < value.length; i++) bytes.setUint8(at + i, value.charCodeAt(i));
  };
  text(0, "RIFF");
  bytes.setUint32(4, 36 + frames * 2, true);
  text(8, "WAVEfmt ");
  bytes.setUint32(16, 16, true);
  bytes.setUint16(20, 1, true);
  bytes.setUint16(22, 1, true);
  bytes.setUint32(24, rate, true);
  bytes.setUint32(28, rate * 2, true);
  bytes.setUint16(32, 2, true);
  bytes.setUint16(34, 16, true);
  text(36, "data");
  bytes.setUint32(40, frames * 2, true);
  return new File([bytes.buffer], "audio.wav", { type: "audio/wav" });
}

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** zlib data made of stored (uncompressed) deflate blocks. */
function zlibStored(data: Uint8Array): Uint8Array {
  const blocks: Uint8Array[] = [new Uint8Array([0x78, 0x01])];
  for (let at = 0; at < data.length || at === 0; at += 65_535) {
    const part = data.subarray(at, at + 65_535);
    const last = at + 65_535 >= data.length ? 1 : 0;
    blocks.push(
      new Uint8Array([
        last,
        part.length & 0xff,
        part.length >> 8,
        ~part.length & 0xff,
        (~part.length >> 8) & 0xff,
      ]),
      part,
    );
    if (last) break;
  }
  let a = 1;
  let b = 0;
  for (const byte of data) {
    a = (a + byte) % 65_521;
    b = (b + a) % 65_521;
  }
  const adler = new Uint8Array(4);
  new DataView(adler.buffer).setUint32(0, ((b << 16) | a) >>> 0);
  blocks.push(adler);
  return concat(blocks);
}

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
