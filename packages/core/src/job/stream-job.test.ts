/**
 * Streaming-input events (`client.stream`) against the test server's stream app: what the server received (its chunk
 * log and the functions' own call log) is checked, not only what the job reports.
 */
import { deflateSync } from "node:zlib";
import { waitForEvent } from "@gradio-jobs/test-server";
import { useTestServer } from "@gradio-jobs/test-utils/server";
import { describe, expect, it } from "vitest";
import { Client } from "../client/client.js";
import { CancelledError, InputError, StreamClosedError } from "../errors.js";
import { wavFile } from "./media-feed.js";
import { StreamJob } from "./stream-job.js";

const server6 = useTestServer({ app: "stream", version: "6.25.0" });
const server5 = useTestServer({ app: "stream", version: "5.45.0" });

/** A `width`×1 PNG as the webcam sends frames (`{url: "data:image/png;base64,…"}`). */
function frame(width: number): { url: string } {
  const chunk = (type: string, body: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(body.length, 0);
    head.write(type, 4, "ascii");
    return Buffer.concat([head, body, Buffer.alloc(4)]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(1, 4);
  header.set([8, 0, 0, 0, 0], 8);
  const pixels = deflateSync(Buffer.concat([Buffer.from([0]), Buffer.alloc(width, 200)]));
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", pixels),
    chunk("IEND", Buffer.alloc(0)),
  ]);
  return { url: `data:image/png;base64,${png.toString("base64")}` };
}

describe("client.stream", () => {
  it("the first chunk joins, the next ones reach the server in order, close completes with the last outputs", async () => {
    const server = server6();
    const client = await Client.connect(server.url);
    expect(client.endpoint("/frames")).toMatchObject({ streamEvery: 0.1, timeLimit: null });
    expect(client.endpoint("/calls").streamEvery).toBeNull();
    const stream = await client.stream<[string]>("/frames");
    expect(stream).toBeInstanceOf(StreamJob);
    expect([stream.streamEvery, stream.timeLimit, stream.status().stage]).toEqual([0.1, null, "pending"]);
    for (let seq = 0; seq < 5; seq++) await stream.send([frame(10 + seq), seq]);
    expect(stream.chunksSent).toBe(5);
    await stream.close();
    expect(await stream.result()).toEqual(["14x1 #4"]);
    const outputs = stream.outputs().map(([info]) => info);
    // One output per run; chunks that came while the function ran may be merged by the server (latest wins).
    expect(outputs[0]).toBe("10x1 #0");
    expect(outputs.at(-1)).toBe("14x1 #4");
    const chunks = server.streamChunks(stream.eventId ?? "");
    expect(chunks.map((chunk) => chunk.data[1])).toEqual([1, 2, 3, 4]);
    await expect(stream.send([frame(1), 9])).rejects.toBeInstanceOf(StreamClosedError);
    expect(server.streamChunks(stream.eventId ?? "")).toHaveLength(4);
    client.close();
  });

  it("a chunk after close() is refused at once; bad arguments reject that send only", async () => {
    const client = await Client.connect(server6().url);
    const stream = await client.stream("/frames");
    await stream.send([frame(3), 0]);
    await expect(stream.send({ nope: 1 })).rejects.toBeInstanceOf(InputError);
    await stream.send([frame(4), 1]);
    const closing = stream.close();
    await expect(stream.send([frame(5), 2])).rejects.toThrow(/was closed/);
    await closing;
    expect(await stream.result()).toEqual(["4x1 #1"]);
    client.close();
  });

  it("closing before the first chunk cancels the job without reaching the server", async () => {
    const server = server6();
    const client = await Client.connect(server.url);
    const joins = server.stats.joinsByApi.frames ?? 0;
    const stream = await client.stream("/frames");
    await stream.close();
    await expect(stream.result()).rejects.toBeInstanceOf(CancelledError);
    await expect(stream.send([frame(1), 0])).rejects.toBeInstanceOf(StreamClosedError);
    expect(server.stats.joinsByApi.frames ?? 0).toBe(joins);
    client.close();
  });

  it("a non-streaming endpoint fails the job with an InputError naming client.submit", async () => {
    const client = await Client.connect(server6().url);
    const stream = await client.stream("/calls");
    await expect(stream.result()).rejects.toThrow(/not a streaming-input event.*client\.submit/);
    await expect(stream.send([])).rejects.toBeInstanceOf(StreamClosedError);
    client.close();
  });

  it("cancel() closes the event on the server: it ends, and later chunks are refused", async () => {
    const server = server6();
    const client = await Client.connect(server.url);
    const stream = await client.stream("/frames");
    await stream.send([frame(2), 0]);
    const ended = waitForEvent(server, "job-end", (e) => e.eventId === stream.eventId);
    await stream.cancel();
    expect(["completed", "cancelled"]).toContain((await ended).outcome);
    await expect(stream.send([frame(2), 1])).rejects.toBeInstanceOf(StreamClosedError);
    expect(server.streamChunks(stream.eventId ?? "")).toHaveLength(0);
    client.close();
  });

  it("time_limit ends the event on the server; the job completes and refuses chunks (5.45 would still say success)", async () => {
    const server = server5();
    const client = await Client.connect(server.url);
    const stream = await client.stream<[string]>("/audio");
    expect(stream.timeLimit).toBe(2);
    // The feeder's own WAV encoding: 160 mono samples at 8 kHz, as 16-bit PCM.
    const chunk = (seq: number) => [wavFile([new Float32Array(160).fill(0.5)], 8000), seq];
    const started = Date.now();
    let seq = 0;
    await stream.send(chunk(seq++));
    let refused: unknown = null;
    while (refused === null) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      await stream.send(chunk(seq++)).catch((error: unknown) => {
        refused = error;
      });
    }
    expect(refused).toBeInstanceOf(StreamClosedError);
    const [info] = await stream.result();
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
    expect(info).toMatch(/^160 samples at 8000 Hz #\d+$/);
    const accepted = server.streamChunks(stream.eventId ?? "");
    expect(accepted.every((record) => !record.data.includes(seq - 1))).toBe(true);
    client.close();
  });
});
