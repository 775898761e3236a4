/**
 * Fuzzing (issue #8, "Fuzz"), with fast-check: random and mutated SSE frames and JSON bodies, served over real HTTP
 * by the scripted server (chunked at random byte positions, with random line endings and SSE decorations), plus
 * properties of the decoders on their own.
 *
 * Every run has two jobs on one stream: T, the target every fuzzed frame is about or near, and B, a bystander no
 * fuzzed frame names. Promises: nothing throws out of the SDK or goes unhandled; B completes with exactly its own
 * outputs; T completes (when every frame about it was valid) or fails with ProtocolError (when one was not), and in
 * the first case its outputs are exactly what the valid frames describe; both settle within a bound.
 */

import { failOnUnhandled, settled, until } from "@gradio-jobs/test-utils/reliability-harness";
import {
  frame,
  json,
  type ScriptedServer,
  scriptedConfig,
  startScriptedServer,
} from "@gradio-jobs/test-utils/scripted-server";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "../client/client.js";
import { GradioJobsError, ProtocolError } from "../errors.js";
import { resolveFileUrls } from "../http/files.js";
import { applyDiff, DiffMismatch, type DiffOperation } from "./diff.js";
import { decodeMessage } from "./messages.js";
import { readEventStream } from "./sse.js";

failOnUnhandled();

const T = "7e5a4c3b2a190817f6e5d4c3b2a19081";
const B = "b0c1d2e3f405162738495a6b7c8d9eaf";
/** Frames (over HTTP, and fed to the decoders directly) and bodies fuzzed so far in this file (issue: ≥ 10,000). */
const tried = {
  streamFrames: 0,
  unitFrames: 0,
  bodies: 0,
  noise: 0,
  valid: 0,
  breaks: 0,
  classifiedRuns: 0,
  classifiedRunsTCompleted: 0,
  mutatedRuns: 0,
  mutatedRunsTFailed: 0,
};

let scripted: ScriptedServer;
beforeAll(async () => {
  scripted = await startScriptedServer();
  scripted.ids.set("T", T).set("B", B);
});
afterAll(() => scripted.close());

// ---------------------------------------------------------------------------------------------------------------
// Frame generators. Each fuzzed frame says what it should do to T: nothing (noise), a valid step, or break it.

/** The valid steps T can take after its first output (a string): `yields` is the value it yields, if any. */
type Step = { kind: "valid"; payload: string; yields?: (value: string) => string };
type Fuzzed = Step | { kind: "noise"; payload: string } | { kind: "breaks"; payload: string };

const text = fc.string({ maxLength: 12 });
const unit = fc.record({
  index: fc.option(fc.nat(), { nil: null }),
  length: fc.option(fc.nat(), { nil: null }),
  unit: text,
  progress: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
  desc: fc.option(text, { nil: null }),
});

const normalStep: fc.Arbitrary<Step> = fc.oneof(
  text.map(
    (s) =>
      ({
        kind: "valid",
        payload: JSON.stringify(frame.generating(T, [[["append", [], s]]])),
        yields: (v: string) => v + s,
      }) as Step,
  ),
  text.map(
    (s) =>
      ({
        kind: "valid",
        payload: JSON.stringify(frame.generating(T, [[["replace", [], s]]])),
        yields: () => s,
      }) as Step,
  ),
  fc.constant({
    kind: "valid",
    payload: JSON.stringify(frame.generating(T, [[]])),
    yields: (v: string) => v,
  } as Step),
  text.map(
    (s) =>
      ({
        kind: "valid",
        payload: JSON.stringify({
          msg: "process_streaming",
          event_id: T,
          output: { data: [s] },
          success: true,
        }),
        yields: () => s,
      }) as Step,
  ),
  fc.array(unit, { maxLength: 3 }).map(
    (u) =>
      ({
        kind: "valid",
        payload: JSON.stringify({ msg: "progress", event_id: T, progress_data: u }),
      }) as Step,
  ),
  fc
    .record({
      log: text,
      level: fc.constantFrom("info", "warning", "success", "error", "weird"),
      duration: fc.option(fc.nat(), { nil: null }),
    })
    .map(
      (l) =>
        ({
          kind: "valid",
          payload: JSON.stringify({ msg: "log", event_id: T, ...l, visible: true, title: null }),
        }) as Step,
    ),
  fc
    .tuple(fc.nat(), fc.nat())
    .map(
      ([rank, size]) => ({ kind: "valid", payload: JSON.stringify(frame.estimation(T, rank, size)) }) as Step,
    ),
  // A message type this SDK does not know, for T: newer servers must not break older clients.
  fc
    .string({ minLength: 1, maxLength: 10 })
    .filter((name) => !KNOWN.has(name))
    .map(
      (msg) =>
        ({ kind: "valid", payload: JSON.stringify({ msg, event_id: T, extra: [1, { a: null }] }) }) as Step,
    ),
);

const validStep: fc.Arbitrary<Step> = fc.oneof(
  { weight: 60, arbitrary: normalStep },
  {
    weight: 1,
    // Huge but valid: a 200 KB log line (rare: it costs time).
    arbitrary: fc.constant({
      kind: "valid",
      payload: JSON.stringify({ msg: "log", event_id: T, log: "x".repeat(200_000), level: "info" }),
    } as Step),
  },
);

const KNOWN = new Set([
  "estimation",
  "process_starts",
  "progress",
  "log",
  "process_generating",
  "process_streaming",
  "process_completed",
  "heartbeat",
  "close_stream",
  "send_hash",
  "queue_full",
  "send_data",
  "unexpected_error",
  "server_stopped",
]);

const wrong = fc.oneof(
  fc.integer(),
  fc.string({ maxLength: 5 }),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  fc.boolean(),
);

/** Frames that must fail T with ProtocolError: truncated, wrong types, a missing `msg`, diffs that do not apply. */
const breaksT: fc.Arbitrary<Fuzzed> = fc.oneof<fc.Arbitrary<Fuzzed>[]>(
  // Truncated after the event id (a strict prefix of a JSON object is never JSON).
  fc.tuple(validStep, fc.nat()).map(([step, cut]) => {
    const start = step.payload.indexOf(T) + T.length;
    const end = start + (cut % (step.payload.length - start));
    return { kind: "breaks", payload: step.payload.slice(0, Math.max(start, end)) };
  }),
  wrong
    .filter((w) => typeof w !== "object" || Array.isArray(w) || w === null)
    .map((output) => ({
      kind: "breaks",
      payload: JSON.stringify({ msg: "process_generating", event_id: T, output, success: true }),
    })),
  wrong
    .filter((w) => typeof w !== "boolean")
    .map((success) => ({
      kind: "breaks",
      payload: JSON.stringify({ msg: "process_generating", event_id: T, output: { data: [[]] }, success }),
    })),
  wrong
    .filter((w) => !Array.isArray(w))
    .map((data) => ({
      kind: "breaks",
      payload: JSON.stringify({ msg: "process_generating", event_id: T, output: { data }, success: true }),
    })),
  wrong
    .filter((w) => !Array.isArray(w))
    .map((p) => ({
      kind: "breaks",
      payload: JSON.stringify({ msg: "progress", event_id: T, progress_data: p }),
    })),
  wrong
    .filter((w) => w !== null && typeof w !== "number")
    .map((eta) => ({ kind: "breaks", payload: JSON.stringify({ msg: "process_starts", event_id: T, eta }) })),
  wrong
    .filter((w) => typeof w !== "string")
    .map((log) => ({ kind: "breaks", payload: JSON.stringify({ msg: "log", event_id: T, log }) })),
  fc.oneof(fc.integer({ max: -1 }), fc.double({ min: 0.1, max: 0.9 }), fc.string()).map((rank) => ({
    kind: "breaks",
    payload: JSON.stringify({ msg: "estimation", event_id: T, rank, queue_size: 1 }),
  })),
  wrong.map((msg) => ({
    kind: "breaks",
    payload: JSON.stringify({ msg: typeof msg === "string" ? undefined : msg, event_id: T }),
  })),
  text.map((junk) => ({ kind: "breaks", payload: `not json ${junk} ${T}` })),
  // Diffs that do not apply to a string value, or a wrong number of outputs, or edits that are not a list.
  fc
    .constantFrom<unknown>(
      [[["delete", [0], null]]],
      [[["add", [], "x"]]],
      [[["append", [], 5]]],
      [[["replace", ["k"], 1]]],
      [[["explode", [], 1]]],
      [[["replace"]]],
      [[5]],
      [5],
      [null],
      [{}],
      [[], []],
      [],
    )
    .map((data) => ({
      kind: "breaks",
      payload: JSON.stringify({ msg: "process_generating", event_id: T, output: { data }, success: true }),
    })),
);

const mentionsJob = (s: string) =>
  s.includes(T) || s.includes(B) || /unexpected_error|server_stopped|process_completed/.test(s);

/** Frames that must change nothing: heartbeats, unknown ids, garbage, huge unrelated payloads. */
const noise: fc.Arbitrary<Fuzzed> = fc
  .oneof(
    { weight: 3, arbitrary: fc.constant(JSON.stringify(frame.heartbeat())) },
    { weight: 3, arbitrary: fc.string({ maxLength: 40, unit: "binary" }) },
    { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? "null") },
    {
      weight: 4,
      arbitrary: fc
        .tuple(
          fc.constantFrom(...KNOWN),
          fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: 1, maxLength: 32 }),
          fc.jsonValue({ maxDepth: 2 }),
        )
        .map(([msg, id, output]) =>
          JSON.stringify({ msg, event_id: `u${id}`, output, success: true, rank: 0, queue_size: 1 }),
        ),
    },
    {
      weight: 1, // huge and unrelated
      arbitrary: fc.constant(JSON.stringify({ msg: "log", event_id: "unknown", log: "y".repeat(300_000) })),
    },
    { weight: 1, arbitrary: fc.constant(JSON.stringify(frame.closeStream())) },
  )
  .filter((payload) => !mentionsJob(payload))
  .map((payload) => ({ kind: "noise", payload }));

/** How a run puts its frames on the wire. */
interface Wire {
  readonly eol: string;
  readonly prefix: string;
  readonly decorations: readonly string[];
  readonly cuts: readonly number[];
}

const wire: fc.Arbitrary<Wire> = fc.record({
  eol: fc.constantFrom("\n", "\r\n", "\r"),
  prefix: fc.constantFrom("data: ", "data:"),
  decorations: fc.array(fc.constantFrom(": ping", "event: message", "id: 7", "retry: 1000", ":"), {
    maxLength: 2,
  }),
  cuts: fc.array(fc.nat(), { minLength: 1, maxLength: 40 }),
});

/** Raw bytes of a stream: every payload as one event (its SSE decorations first), then chunked at `cuts`. */
function encode(payloads: readonly string[], w: Wire): Uint8Array[] {
  const events = payloads.map((p) => [...w.decorations, `${w.prefix}${p}`].join(w.eol) + w.eol + w.eol);
  const bytes = Buffer.from(events.join(""), "utf8");
  const cuts = [...new Set(w.cuts.map((c) => c % bytes.length))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    if (cut > from) chunks.push(bytes.subarray(from, cut));
    from = cut;
  }
  return chunks;
}

interface RunResult {
  t: Awaited<ReturnType<typeof settled>>;
  b: Awaited<ReturnType<typeof settled>>;
  tOutputs: unknown[];
  bOutputs: unknown[];
}

/** One run: T and B joined, then the prelude, the fuzzed frames and the trailer on their shared stream. */
async function run(fuzzed: readonly string[], w: Parameters<typeof encode>[1]): Promise<RunResult> {
  let go: () => void = () => {};
  const released = new Promise<void>((resolve) => {
    go = resolve;
  });
  const prelude = [
    frame.estimation(T),
    frame.estimation(B, 1, 2),
    frame.starts(T),
    frame.starts(B),
    frame.generating(T, ["t0"]),
    frame.generating(B, ["b0"]),
  ].map((m) => JSON.stringify(m));
  const trailer = [
    frame.generating(B, [[["append", [], "!"]]]),
    frame.completed(B, ["b-final"]),
    frame.completed(T, ["t-final"]),
    frame.closeStream(),
  ].map((m) => JSON.stringify(m));
  scripted.handlers.stream = async (stream) => {
    await released;
    for (const chunk of encode([...prelude, ...fuzzed, ...trailer], w)) await stream.write(chunk);
    await stream.end();
  };
  const client = await Client.connect(scripted.url);
  try {
    const t = client.submit("/job", ["T"]);
    const b = client.submit("/job", ["B"]);
    // Both registered before any frame is written (frames that beat a join answer are BUG-1, tested elsewhere).
    await until(() => t.eventId !== null && b.eventId !== null, "the jobs did not join");
    go();
    const [tOutcome, bOutcome] = await Promise.all([settled(t, 3_000), settled(b, 3_000)]);
    tried.streamFrames += fuzzed.length;
    return { t: tOutcome, b: bOutcome, tOutputs: t.outputs(), bOutputs: b.outputs() };
  } finally {
    client.close();
  }
}

const bystanderUnhurt = (r: RunResult) => {
  expect(r.b).toEqual({ stage: "complete", code: "FINISHED", error: null, value: ["b-final"] });
  expect(r.bOutputs).toEqual([["b0"], ["b0!"]]);
};

describe("fuzzed SSE frames over real HTTP", () => {
  it("classified frames: noise changes nothing, valid steps are applied exactly, a bad frame fails only T", async () => {
    await fc.assert(
      fc.asyncProperty(
        // Half the runs have no breaking frame (T must complete), half have some (T must fail at the first).
        fc.oneof(
          fc.array(fc.oneof({ weight: 5, arbitrary: validStep }, { weight: 4, arbitrary: noise }), {
            minLength: 30,
            maxLength: 70,
          }),
          fc.array(
            fc.oneof(
              { weight: 5, arbitrary: validStep },
              { weight: 4, arbitrary: noise },
              { weight: 1, arbitrary: breaksT },
            ),
            { minLength: 30, maxLength: 70 },
          ),
        ),
        wire,
        async (frames, w) => {
          const result = await run(
            frames.map((f) => f.payload),
            w,
          );
          for (const f of frames) tried[f.kind] += 1;
          tried.classifiedRuns += 1;
          if (result.t.stage === "complete") tried.classifiedRunsTCompleted += 1;
          bystanderUnhurt(result);
          // What T must show: its yields up to the first breaking frame, then ProtocolError; or all of them.
          const expected: unknown[] = [["t0"]];
          let value = "t0";
          const firstBreak = frames.findIndex((f) => f.kind === "breaks");
          for (const f of firstBreak === -1 ? frames : frames.slice(0, firstBreak)) {
            if (f.kind === "valid" && f.yields) {
              value = f.yields(value);
              expected.push([value]);
            }
          }
          expect(result.tOutputs).toEqual(expected);
          if (firstBreak === -1)
            expect(result.t).toEqual({
              stage: "complete",
              code: "FINISHED",
              error: null,
              value: ["t-final"],
            });
          else expect(result.t).toMatchObject({ stage: "error", error: "ProtocolError" });
        },
      ),
      { numRuns: 120, seed: 8_001 },
    );
  });

  it("mutated valid frames (keys dropped, values replaced, msg swapped, truncated): T settles, B is unhurt", async () => {
    const mutated = fc
      .tuple(
        validStep,
        fc.nat(),
        fc.jsonValue({ maxDepth: 2 }),
        fc.constantFrom("drop", "set", "msg", "cut"),
        fc.constantFrom(
          "estimation",
          "process_starts",
          "progress",
          "log",
          "process_generating",
          "process_streaming",
          "heartbeat",
          "close_stream",
          "send_data",
          "queue_full",
        ),
      )
      .map(([step, n, value, how, msg]) => {
        const message = JSON.parse(step.payload) as Record<string, unknown>;
        const keys = Object.keys(message).filter((k) => k !== "event_id");
        const key = keys[n % keys.length] as string;
        if (how === "drop") delete message[key];
        if (how === "set") message[key] = value;
        if (how === "msg") message.msg = msg;
        const payload = JSON.stringify(message);
        return how === "cut" ? payload.slice(0, payload.indexOf(T) + T.length + (n % 20)) : payload;
      })
      .filter(
        (payload) =>
          !payload.includes(B) && !/unexpected_error|server_stopped|process_completed/.test(payload),
      );
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            mutated,
            noise.map((f) => f.payload),
            validStep.map((f) => f.payload),
          ),
          { minLength: 30, maxLength: 60 },
        ),
        wire,
        async (payloads, w) => {
          const result = await run(payloads, w);
          bystanderUnhurt(result);
          tried.mutatedRuns += 1;
          if (result.t.stage !== "complete") tried.mutatedRunsTFailed += 1;
          if (result.t.stage === "complete") expect(result.t.value).toEqual(["t-final"]);
          else expect(result.t).toMatchObject({ stage: "error", error: "ProtocolError" });
        },
      ),
      { numRuns: 80, seed: 8_002 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// JSON bodies: join answers and /config.

/** Bodies a join can answer with 200 that carry no usable event id. */
const badJoinBody = fc.oneof(
  fc
    .jsonValue({ maxDepth: 3 })
    .filter(
      (v) =>
        !(typeof v === "object" && v !== null && typeof (v as Record<string, unknown>).event_id === "string"),
    )
    .map((v) => ({ text: JSON.stringify(v) ?? "null", json: true })),
  wrong
    .filter((id) => typeof id !== "string")
    .map((id) => ({ text: JSON.stringify({ event_id: id }), json: true })),
  fc.nat({ max: 18 }).map((n) => ({ text: '{"event_id":"0123456789abcdef"}'.slice(0, n), json: false })),
  fc
    .string({ maxLength: 30 })
    .filter((s) => {
      try {
        JSON.parse(s);
        return false;
      } catch {
        return true;
      }
    })
    .map((text) => ({ text, json: false })),
  fc.constant({ text: JSON.stringify({ detail: "x".repeat(500_000) }), json: true }),
);

describe("fuzzed JSON bodies", () => {
  it("a join answered 200 with a body that has no event id settles with a typed error and opens no stream", async () => {
    const client = await Client.connect(scripted.url);
    scripted.handlers.stream = undefined;
    await fc.assert(
      fc.asyncProperty(badJoinBody, async (body) => {
        scripted.handlers.join = (_join, response) => json(response, 200, body.text, true);
        const streams = scripted.requests.filter((r) => r.path.startsWith("/gradio_api/queue/data")).length;
        const job = client.submit("/job", ["J"]);
        const outcome = await settled(job, 2_000);
        tried.bodies += 1;
        expect(outcome.stage).toBe("error");
        // BUG-7: a body that is not JSON at all gives ConnectionError today (see the test below).
        expect(outcome.error).toMatch(body.json ? /^ProtocolError$/ : /^(ProtocolError|ConnectionError)$/);
        expect(job.status().error).toBeInstanceOf(GradioJobsError);
        expect(scripted.requests.filter((r) => r.path.startsWith("/gradio_api/queue/data")).length).toBe(
          streams,
        );
      }),
      { numRuns: 400, seed: 8_003 },
    );
    scripted.handlers.join = undefined;
    client.close();
  });

  it("BUG-7: a join answered 200 with a body that is not JSON fails with ProtocolError", async () => {
    const client = await Client.connect(scripted.url);
    scripted.handlers.join = (_join, response) => json(response, 200, '{"event_id":"abc', true);
    try {
      expect(await settled(client.submit("/job", ["J"]))).toMatchObject({ error: "ProtocolError" });
    } finally {
      scripted.handlers.join = undefined;
      client.close();
    }
  });

  it("BUG-7: a mutated /config or /info never makes connect reject with anything but a typed error", async () => {
    // A random value put at a random place of a valid config (or info): connect may work or refuse, but typed.
    const pathInto = (value: unknown, picks: number[]): (string | number)[] => {
      const path: (string | number)[] = [];
      let node = value;
      for (const pick of picks) {
        if (node === null || typeof node !== "object") break;
        const keys = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
        if (keys.length === 0) break;
        const key = keys[pick % keys.length] as string | number;
        path.push(key);
        node = (node as Record<string | number, unknown>)[key];
      }
      return path;
    };
    const setAt = (root: Record<string, unknown>, path: (string | number)[], value: unknown) => {
      if (path.length === 0) return value;
      let node = root as Record<string | number, unknown>;
      for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
      node[path[path.length - 1] as string | number] = value;
      return root;
    };
    const info = {
      named_endpoints: {
        "/job": {
          parameters: [
            {
              label: "name",
              parameter_name: "name",
              parameter_has_default: false,
              type: { type: "string" },
              python_type: { type: "str" },
              component: "Textbox",
            },
          ],
          returns: [{ label: "out", type: {}, python_type: { type: "dict" }, component: "Json" }],
        },
      },
      unnamed_endpoints: {},
    };
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.boolean(),
          fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
          fc.jsonValue({ maxDepth: 2 }),
          async (inConfig, picks, value) => {
            const config = scriptedConfig();
            const infoCopy = structuredClone(info) as Record<string, unknown>;
            const target = inConfig ? config : infoCopy;
            const mutated = setAt(target, pathInto(target, picks), value);
            scripted.handlers.config = (response) => json(response, 200, inConfig ? mutated : config);
            scripted.handlers.info = (response) => json(response, 200, inConfig ? infoCopy : mutated);
            tried.bodies += 1;
            const outcome = await Client.connect(scripted.url).then(
              (client) => {
                client.close();
                return null;
              },
              (error: unknown) => error,
            );
            if (outcome !== null) expect(outcome, String(outcome)).toBeInstanceOf(GradioJobsError);
          },
        ),
        { numRuns: 300, seed: 8_004 },
      );
    } finally {
      scripted.handlers.config = undefined;
      scripted.handlers.info = undefined;
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Properties of the decoders on their own.

describe("decoder properties", () => {
  it("decodeMessage returns a message or throws ProtocolError, for any text", () => {
    const knownShape = fc.record(
      { msg: fc.constantFrom(...KNOWN), event_id: fc.oneof(fc.constant(T), fc.constant(null), wrong) },
      { requiredKeys: [] },
    );
    const anyText = fc.oneof(
      fc.string({ unit: "binary" }),
      fc.jsonValue().map((v) => JSON.stringify(v) ?? ""),
      fc
        .tuple(knownShape, fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 })))
        .map(([a, b]) => JSON.stringify({ ...b, ...a })),
    );
    fc.assert(
      fc.property(anyText, (text) => {
        tried.unitFrames += 1;
        try {
          decodeMessage(text);
        } catch (error) {
          expect(error).toBeInstanceOf(ProtocolError);
        }
      }),
      { numRuns: 3_000, seed: 8_005 },
    );
  });

  it("applyDiff returns a value or throws DiffMismatch, never mutates its input, never pollutes prototypes", () => {
    const key = fc.oneof(
      fc.nat({ max: 4 }),
      fc.constantFrom("a", "b", "__proto__", "constructor", "prototype"),
      fc.string({ maxLength: 3 }),
    );
    const op = fc.tuple(
      fc.constantFrom("replace", "append", "add", "delete", "other"),
      fc.array(key, { maxLength: 3 }),
      fc.jsonValue({ maxDepth: 2 }),
    );
    const edits = fc.array(
      fc.oneof({ weight: 9, arbitrary: op }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) }),
      { maxLength: 5 },
    );
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), edits, (value, operations) => {
        const before = JSON.stringify(value);
        try {
          applyDiff(value, operations as unknown as DiffOperation[]);
        } catch (error) {
          expect(error).toBeInstanceOf(DiffMismatch);
        }
        expect(JSON.stringify(value)).toBe(before);
        expect(Object.keys(Object.prototype)).toEqual([]);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 3_000, seed: 8_006 },
    );
  });

  it("resolveFileUrls gives every FileData an http(s) URL on the app's origin or none (unsafe schemes refused)", () => {
    const apiBase = "http://127.0.0.1:7860/gradio_api";
    const scheme = fc.constantFrom(
      "javascript:",
      "JAVASCRIPT:",
      " javascript:",
      "java\tscript:",
      "data:",
      "file:",
      "blob:",
      "vbscript:",
      "ftp:",
      "",
    );
    const url = fc.oneof(
      fc.tuple(scheme, fc.string({ maxLength: 20 })).map(([s, rest]) => `${s}${rest}`),
      fc.string({ maxLength: 30 }),
      fc.webPath(),
      fc.constant(null),
    );
    fc.assert(
      fc.property(url, fc.string({ maxLength: 20 }), (candidate, path) => {
        const [out] = resolveFileUrls(
          [{ path, url: candidate, meta: { _type: "gradio.FileData" } }],
          apiBase,
        ) as [{ url: string | null }];
        if (out.url === null) return;
        const parsed = new URL(out.url);
        expect(["http:", "https:"]).toContain(parsed.protocol);
        // A relative or missing URL resolves onto the app; only an absolute http(s) URL may name another origin.
        const absolute = candidate !== null && /^\s*https?:/i.test(candidate.replace(/[\t\n\r]/g, ""));
        const protocolRelative = candidate !== null && /^\s*[\\/]{2}/.test(candidate);
        if (!absolute && !protocolRelative) expect(parsed.origin).toBe("http://127.0.0.1:7860");
      }),
      { numRuns: 3_000, seed: 8_007 },
    );
  });

  it("the SSE reader yields the same events however the bytes are chunked and lines are ended", async () => {
    const payload = fc
      .string({ unit: "binary", maxLength: 30 })
      .filter((s) => !/[\r\n]/.test(s) && s.length > 0);
    await fc.assert(
      fc.asyncProperty(fc.array(payload, { minLength: 1, maxLength: 20 }), wire, async (payloads, w) => {
        const chunks = encode(payloads, w);
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            for (const chunk of chunks) controller.enqueue(chunk);
            controller.close();
          },
        });
        const seen: string[] = [];
        await readEventStream(body, (data) => seen.push(data));
        tried.unitFrames += payloads.length;
        // A payload that starts with a space after "data:" loses exactly that space (SSE strips one).
        expect(seen).toEqual(
          payloads.map((p) => (w.prefix === "data:" && p.startsWith(" ") ? p.slice(1) : p)),
        );
      }),
      { numRuns: 500, seed: 8_008 },
    );
  });

  it(`tried at least 10,000 frames and bodies in this file`, () => {
    expect(tried.streamFrames).toBeGreaterThanOrEqual(8_000); // over real HTTP, end to end
    expect(tried.streamFrames + tried.unitFrames + tried.bodies).toBeGreaterThanOrEqual(10_000);
    // Recorded for docs/reliability.md.
    console.info(`fuzz totals: ${JSON.stringify(tried)}`);
  });
});
