import { deflateSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import type { TestServerOptions } from "../options.js";
import { startTestServer, type TestServer } from "../server.js";
import { dataOf, type Message, names, newSession, TestClient } from "../testing/sse-test-client.js";

let server: TestServer | undefined;

async function start(options: TestServerOptions = {}): Promise<{ server: TestServer; client: TestClient }> {
  server = await startTestServer({ app: "stream", timeScale: 0.05, heartbeatIntervalMs: 60_000, ...options });
  return { server, client: new TestClient(server.url) };
}

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A `width`×1 grey PNG as Gradio's webcam sends frames: `{url: "data:image/png;base64,…"}`. */
function frame(width: number): { url: string } {
  const chunk = (type: string, body: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(body.length, 0);
    head.write(type, 4, "ascii");
    return Buffer.concat([head, body, Buffer.alloc(4)]); // the CRC is not checked by the server
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(1, 4);
  header.set([8, 0, 0, 0, 0], 8);
  const pixels = deflateSync(Buffer.concat([Buffer.from([0]), Buffer.alloc(width, 128)]));
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", pixels),
    chunk("IEND", Buffer.alloc(0)),
  ]);
  return { url: `data:image/png;base64,${png.toString("base64")}` };
}

const streamed = (messages: Message[]) =>
  messages.filter((message) => message.msg === "process_streaming").map((message) => dataOf(message)[0]);

describe("streaming inputs (connection: stream, protocol §9)", () => {
  it("config says connection, stream_every and time_limit; the heartbeat is wanted on 6.x only", async () => {
    const { server } = await start({ version: "6.25.0" });
    const config = await (await fetch(`${server.url}/config`)).json();
    const [frames, audio] = config.dependencies as Array<Record<string, unknown>>;
    expect(frames).toMatchObject({
      api_name: "frames",
      connection: "stream",
      stream_every: 0.1,
      time_limit: null,
    });
    expect(frames?.targets).toEqual([[1, "stream"]]);
    expect(audio).toMatchObject({ api_name: "audio", connection: "stream", time_limit: 2 });
    expect(config.connect_heartbeat).toBe(true);
    const five = await startTestServer({ app: "stream", version: "5.45.0" });
    expect((await (await fetch(`${five.url}/config`)).json()).connect_heartbeat).toBe(false);
    await five.close();
  });

  it("join runs the function on the first chunk, each chunk runs it again, close ends it (6.25)", async () => {
    const { server, client } = await start({ version: "6.25.0" });
    const session = newSession();
    const eventId = await client.join(0, [frame(3), 0], session);
    const stream = await client.stream(session);
    await stream.waitFor((m) => m.msg === "process_streaming");
    for (let seq = 1; seq <= 3; seq++) {
      const answer = await client.postJson(`/stream/${eventId}`, {
        data: [frame(3 + seq), seq],
        fn_index: 0,
        session_hash: session,
        event_data: null,
      });
      expect(await answer.json()).toEqual({ msg: "success" });
      await stream.waitFor((m) => m.msg === "process_streaming" && dataOf(m)[0] === `${3 + seq}x1 #${seq}`);
    }
    expect(await (await client.postJson(`/stream/${eventId}/close`, {})).json()).toEqual({ msg: "success" });
    const completed = await stream.waitFor((m) => m.msg === "process_completed");
    expect(completed.success).toBe(true);
    expect(dataOf(completed)).toEqual(["6x1 #3"]);
    expect(streamed(stream.messages)).toEqual(["3x1 #0", "4x1 #1", "5x1 #2", "6x1 #3"]);
    expect(server.streamChunks(eventId).map((chunk) => chunk.data[1])).toEqual([1, 2, 3]);
    // 6.25 forgets a finished event: chunks and closes for it get 404 with an empty body.
    const late = await client.postJson(`/stream/${eventId}`, { data: [frame(1), 9] });
    expect([late.status, await late.text()]).toEqual([404, ""]);
    expect((await client.postJson(`/stream/${eventId}/close`, {})).status).toBe(404);
    stream.close();
  });

  it("5.x: unknown ids are a 500; a finished event still answers success; close without a time limit does not end it", async () => {
    const { server, client } = await start({ version: "5.45.0" });
    expect((await client.postJson("/stream/0123456789abcdef0123456789abcdef", { data: [] })).status).toBe(
      500,
    );
    const session = newSession();
    const eventId = await client.join(0, [frame(2), 0], session);
    const stream = await client.stream(session);
    await stream.waitFor((m) => m.msg === "process_streaming");
    await client.postJson(`/stream/${eventId}/close`, {});
    // The close only wakes the function once more (5.x is_finished ignores run_time without a time_limit)…
    await stream.waitFor(
      (m) => names([m])[0] === "process_streaming" && streamed(stream.messages).length === 2,
    );
    // …and the event ends after 30 s (× timeScale) without a chunk, repeating the last output.
    const completed = await stream.waitFor((m) => m.msg === "process_completed", 5_000);
    expect(dataOf(completed)).toEqual(["2x1 #0"]);
    const late = await client.postJson(`/stream/${eventId}`, { data: [frame(1), 9] });
    expect([late.status, await late.json()]).toEqual([200, { msg: "success" }]);
    expect(server.streamChunks(eventId)).toHaveLength(1);
    stream.close();
  });

  it("time_limit ends the event with the output of the last run (audio, 2 s)", async () => {
    const { client } = await start({ version: "6.25.0" });
    const session = newSession();
    const wav = Buffer.alloc(44 + 3200);
    wav.write("RIFF", 0, "ascii");
    wav.writeUInt32LE(36 + 3200, 4);
    wav.write("WAVEfmt ", 8, "ascii");
    wav.writeUInt32LE(16, 16);
    wav.writeUInt16LE(1, 20);
    wav.writeUInt16LE(1, 22);
    wav.writeUInt32LE(16000, 24);
    wav.writeUInt32LE(32000, 28);
    wav.writeUInt16LE(2, 32);
    wav.writeUInt16LE(16, 34);
    wav.write("data", 36, "ascii");
    wav.writeUInt32LE(3200, 40);
    const form = new FormData();
    form.append("files", new Blob([wav], { type: "audio/wav" }), "audio.wav");
    const [path] = (await (
      await fetch(client.api("/upload"), { method: "POST", body: form })
    ).json()) as string[];
    const file = { path, meta: { _type: "gradio.FileData" }, orig_name: "audio.wav" };
    const started = Date.now();
    const eventId = await client.join(1, [file, 0], session);
    const stream = await client.stream(session);
    const first = await stream.waitFor((m) => m.msg === "process_streaming");
    expect(dataOf(first)).toEqual(["1600 samples at 16000 Hz #0"]);
    expect(first.time_limit).toBeGreaterThan(1.9);
    let seq = 1;
    const ticker = setInterval(() => {
      void client.postJson(`/stream/${eventId}`, { data: [file, seq++], session_hash: session, fn_index: 1 });
    }, 100);
    const completed = await stream.waitFor((m) => m.msg === "process_completed", 5_000);
    clearInterval(ticker);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
    expect(completed.success).toBe(true);
    expect(String(dataOf(completed)[0])).toMatch(/^1600 samples at 16000 Hz #\d+$/);
    stream.close();
  });
});
