/**
 * The event-stream reader against the parser it replaced (`@microsoft/fetch-event-source`'s, kept as a dev
 * dependency for this test): random streams of fields, comments and blank lines, with LF, CRLF and CR line ends and
 * non-ASCII text, cut into chunks at random byte offsets (inside multi-byte characters and between CR and LF too),
 * must give the same events in the same order. Over HTTP the reader is covered end to end by
 * `messages.fuzz.test.ts`; this compares the two parsers on identical bytes.
 */
import { getBytes, getLines, getMessages } from "@microsoft/fetch-event-source/lib/esm/parse.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readEventStream } from "./sse.js";

type Seen = [data: string, event: string][];

function bodyOf(chunks: readonly Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}

async function ours(chunks: readonly Uint8Array[]): Promise<{ seen: Seen; activity: number }> {
  const seen: Seen = [];
  let activity = 0;
  await readEventStream(
    bodyOf(chunks),
    (data, event) => seen.push([data, event]),
    () => {
      activity += 1;
    },
  );
  return { seen, activity };
}

/** What the replaced code did: fetch-event-source's parser, events without data and name skipped. */
async function reference(chunks: readonly Uint8Array[]): Promise<Seen> {
  const seen: Seen = [];
  const onMessage = getMessages(
    () => {},
    () => {},
    (message) => {
      if (message.data === "" && message.event === "") return;
      seen.push([message.data, message.event]);
    },
  );
  await getBytes(bodyOf(chunks), getLines(onMessage));
  return seen;
}

/** Line text without line ends; no U+FEFF (the old parser dropped one at the start of every value, the spec does not). */
const lineText = fc
  .string({
    unit: fc.oneof(
      fc.constantFrom("a", " ", ":", "{", '"', "é", "€", "😀", "\t"),
      fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
    ),
  })
  .map((s) => s.replace(/[\r\n\uFEFF]/g, ""));
const line = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(
        fc.constantFrom("data", "event", "id", "retry", "dat", "x"),
        fc.constantFrom(":", ": ", ":  "),
        lineText,
      )
      .map(([f, sep, v]) => `${f}${sep}${v}`),
  },
  { weight: 1, arbitrary: fc.constantFrom("data", "event", "", ": ping", ":") },
  { weight: 1, arbitrary: lineText },
);
const stream = fc
  .array(fc.tuple(line, fc.constantFrom("\n", "\r\n", "\r")), { maxLength: 40 })
  .map((lines) => lines.map(([text, eol]) => text + eol).join(""));

function cut(bytes: Uint8Array, offsets: readonly number[]): Uint8Array[] {
  const cuts = [...new Set(offsets.map((o) => o % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const at of [...cuts, bytes.length]) {
    if (at > from) chunks.push(bytes.subarray(from, at));
    from = at;
  }
  return chunks;
}

describe("readEventStream", () => {
  it("gives the same events as fetch-event-source's parser for any stream cut anywhere", async () => {
    await fc.assert(
      fc.asyncProperty(stream, fc.array(fc.nat(), { maxLength: 30 }), async (text, offsets) => {
        const chunks = cut(new TextEncoder().encode(text), offsets);
        const result = await ours(chunks);
        expect(result.seen).toEqual(await reference(chunks));
        expect(result.activity).toBe(chunks.length);
      }),
      { numRuns: 1_000, seed: 14_007 },
    );
  });

  it("reads Gradio's frames: one event per blank-line-ended data line, comments and unknown fields ignored", async () => {
    const text =
      ': ping\r\n\r\ndata: {"msg":"estimation"}\n\nevent: message\ndata: {"a":\ndata: 1}\nid: 7\n\n' +
      "retry: 10\n\ndata:x\r\rdata: no blank line at the end\n";
    const { seen } = await ours([new TextEncoder().encode(text)]);
    expect(seen).toEqual([
      ['{"msg":"estimation"}', ""],
      ['{"a":\n1}', "message"],
      ["x", ""],
    ]);
  });

  it("rejects when the body fails", async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("data: 1\n\n"));
        controller.error(new TypeError("network"));
      },
    });
    const seen: string[] = [];
    await expect(readEventStream(body, (data) => seen.push(data))).rejects.toThrow("network");
  });
});
