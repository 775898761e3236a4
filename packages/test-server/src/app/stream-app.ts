import { readFile } from "node:fs/promises";
import type { DemoFunction } from "../queue/job-context.js";
import { endpoint, fn, leaves, node, type TestApp } from "./app.js";
import { button, type ComponentSpec, form, image, json, number, textbox } from "./components.js";
import { FILE_DATA_SCHEMA, FILE_EXAMPLE_INPUT } from "./file-schemas.js";
import { RunLog } from "./run-log.js";

/** One run of a stream function: what `/calls` answers (conformance/apps/stream.py records the same). */
export interface StreamCall {
  fn: "frames" | "audio";
  session: string;
  seq: number;
  /** Server clock, epoch seconds. */
  at: number;
  info: string;
}

/**
 * The streaming-inputs app (`startTestServer({ app: "stream" })`), the twin of conformance/apps/stream.py: same
 * endpoints in the same order (fn_index), api names, parameters and components.
 *
 * | fn | api_name | inputs | outputs | stream |
 * |---|---|---|---|---|
 * | 0 | /frames | frame (`gr.Image(streaming=True)`), seq = 0 | "W×H #seq" | every 0.1 s, no time limit |
 * | 1 | /audio | audio (`gr.Audio(streaming=True)`, filepath), seq = 0 | "N samples at R Hz #seq" | every 0.1 s, time_limit 2 |
 * | 2 | /calls | — | JSON: every run of /frames and /audio, in order | — |
 * | 3 | /reset_calls | — | JSON | — |
 *
 * A frame is an `{url: "data:image/…;base64,…"}` image (PNG or JPEG: its size is read from the header); an audio
 * chunk is an uploaded WAV file. Stream events have no concurrency limit.
 */
export function buildStreamApp(): TestApp {
  const calls: StreamCall[] = [];
  const record = (call: Omit<StreamCall, "at">) => calls.push({ ...call, at: Date.now() / 1000 });
  const frames: DemoFunction = async ([frame, seq], context) => {
    const info = `${imageSize(frame)} #${Number(seq)}`;
    record({ fn: "frames", session: context.sessionHash, seq: Number(seq), info });
    return [info];
  };
  const audio: DemoFunction = async ([file, seq], context) => {
    const path = (file as { path?: unknown } | null)?.path;
    if (typeof path !== "string") throw new Error("no audio chunk");
    const { samples, rate } = wavFacts(await readFile(path));
    const info = `${samples} samples at ${rate} Hz #${Number(seq)}`;
    record({ fn: "audio", session: context.sessionHash, seq: Number(seq), info });
    return [info];
  };
  const components: ComponentSpec[] = [
    streamingImage(1, "frame"),
    number(2, "seq", 0, 0),
    textbox(3, "frame info"),
    streamingAudio(4, "audio"),
    number(5, "audio seq", 0, 0),
    textbox(6, "audio info"),
    json(7, "calls"),
    json(8, "reset"),
    button(9, "calls"),
    button(10, "reset_calls"),
    form(11),
    form(12),
  ];
  const layout = node(
    0,
    ...leaves(1),
    node(11, ...leaves(2, 3)),
    ...leaves(4),
    node(12, ...leaves(5, 6)),
    ...leaves(7, 8, 9, 10),
  );
  const unlimited = { concurrencyLimit: null };
  const endpoints = [
    endpoint({
      id: 0,
      apiName: "frames",
      trigger: 1,
      event: "stream",
      inputs: [1, 2],
      outputs: [3],
      parameterNames: ["frame", "seq"],
      run: fn(frames),
      stream: { every: 0.1, timeLimit: null },
      ...unlimited,
    }),
    endpoint({
      id: 1,
      apiName: "audio",
      trigger: 4,
      event: "stream",
      inputs: [4, 5],
      outputs: [6],
      parameterNames: ["audio", "seq"],
      run: fn(audio),
      stream: { every: 0.1, timeLimit: 2 },
      ...unlimited,
    }),
    endpoint({
      id: 2,
      apiName: "calls",
      trigger: 9,
      inputs: [],
      outputs: [7],
      parameterNames: [],
      run: fn(async () => [calls.map((call) => ({ ...call }))]),
      ...unlimited,
    }),
    endpoint({
      id: 3,
      apiName: "reset_calls",
      trigger: 10,
      inputs: [],
      outputs: [8],
      parameterNames: [],
      run: fn(async () => {
        calls.length = 0;
        return [{ reset: true }];
      }),
      ...unlimited,
    }),
  ];
  return {
    name: "stream",
    components: new Map(components.map((spec) => [spec.config.id, spec])),
    layout,
    endpoints,
    runLog: new RunLog(),
  };
}

/** `gr.Image(sources=["webcam"], streaming=True, type="numpy")`: its stream values are base64 `{url}` objects. */
function streamingImage(id: number, label: string): ComponentSpec {
  const spec = image(id, label);
  Object.assign(spec.config.props, { streaming: true, sources: ["webcam"] });
  return { ...spec, fileLike: false };
}

/** `gr.Audio(sources=["microphone"], streaming=True, type="filepath")`: chunks are uploaded WAV files. */
function streamingAudio(id: number, label: string): ComponentSpec {
  const props = {
    sources: ["microphone"],
    type: "filepath",
    label,
    show_label: true,
    container: true,
    min_width: 160,
    visible: true,
    streaming: true,
    format: "wav",
    autoplay: false,
    elem_classes: [],
    name: "audio",
    _selectable: false,
  };
  return {
    config: {
      id,
      type: "audio",
      props,
      skip_api: false,
      component_class_id: "audio",
      key: null,
      api_info: FILE_DATA_SCHEMA,
      api_info_as_input: FILE_DATA_SCHEMA,
      api_info_as_output: FILE_DATA_SCHEMA,
      example_inputs: FILE_EXAMPLE_INPUT,
    },
    api: {
      component: "Audio",
      pythonTypeAsInput: { type: "filepath", description: FILE_DATA_SCHEMA.additional_description },
      pythonTypeAsOutput: { type: "filepath", description: "" },
    },
    pythonClass: "audio.Audio",
    fileLike: true,
  };
}

/** `"W×H"` of a streamed image (`{url: "data:image/png|jpeg;base64,…"}`), read from its header. */
function imageSize(value: unknown): string {
  const url = (value as { url?: unknown } | null)?.url;
  if (typeof url !== "string" || !url.startsWith("data:")) throw new Error("the frame is not a base64 image");
  const bytes = Buffer.from(url.slice(url.indexOf(",") + 1), "base64");
  if (bytes.readUInt32BE(0) === 0x89504e47) return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
  // JPEG: the first start-of-frame marker (SOF0…SOF15 except DHT, JPG, DAC) holds height then width.
  for (let at = 2; at + 9 < bytes.length; ) {
    if (bytes[at] !== 0xff) throw new Error("not a PNG or JPEG image");
    const marker = bytes[at + 1] ?? 0;
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      return `${bytes.readUInt16BE(at + 7)}x${bytes.readUInt16BE(at + 5)}`;
    }
    at += 2 + bytes.readUInt16BE(at + 2);
  }
  throw new Error("not a PNG or JPEG image");
}

/** Sample frames and rate of a PCM WAV file, as Python's `wave` module reads them. */
function wavFacts(bytes: Buffer): { samples: number; rate: number } {
  if (bytes.toString("ascii", 0, 4) !== "RIFF" || bytes.toString("ascii", 8, 12) !== "WAVE") {
    throw new Error("the audio chunk is not a WAV file");
  }
  let channels = 1;
  let rate = 0;
  let bits = 16;
  for (let at = 12; at + 8 <= bytes.length; ) {
    const id = bytes.toString("ascii", at, at + 4);
    const size = bytes.readUInt32LE(at + 4);
    if (id === "fmt ") {
      channels = bytes.readUInt16LE(at + 10);
      rate = bytes.readUInt32LE(at + 12);
      bits = bytes.readUInt16LE(at + 22);
    } else if (id === "data") {
      const length = Math.min(size, bytes.length - at - 8);
      return { samples: Math.floor(length / (channels * (bits / 8))), rate };
    }
    at += 8 + size + (size % 2);
  }
  throw new Error("the WAV file has no data chunk");
}
