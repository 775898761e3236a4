/**
 * Feeds a camera or microphone `MediaStream` into a streaming-input event at the app's `stream_every`, encoded as
 * Gradio's own frontend encodes it (5.14 … 6.25, `js/image/shared/Webcam.svelte` and
 * `js/audio/interactive/InteractiveAudio.svelte`):
 * - `gr.Image(streaming=True)`: the current video frame drawn on a canvas, `canvas.toDataURL("image/jpeg")`, sent as
 *   `{ url }` (no upload);
 * - `gr.Audio(streaming=True)`: the audio since the last chunk as a 16-bit PCM WAV file named `audio.wav`, uploaded
 *   and sent as its FileData (Gradio records WAV with a `MediaRecorder` of that format and the first chunk's header;
 *   here each chunk is a whole WAV file, mono, at the `AudioContext`'s rate).
 * Loaded on the first `feed()`. Browsers only.
 * @module
 */
import { InputError, MediaEndedError, StreamClosedError } from "../errors.js";
import type { EndpointArguments } from "../wire/endpoints.js";
import type { FeedTarget } from "./stream-input.js";
import type { FeedOptions } from "./stream-job.js";

/** Turns the media into one chunk value at a time. */
interface Encoder {
  /** The chunk for now, or `null` when there is nothing yet (no frame decoded, no audio since the last chunk). */
  take(): unknown;
  dispose(): void;
}

/** See {@link StreamJob.feed}. */
export async function feedMedia(target: FeedTarget, media: MediaStream, options: FeedOptions): Promise<void> {
  const { endpoint } = target;
  const label = endpoint.apiName ?? `fn_index ${endpoint.fnIndex}`;
  const position = mediaParameter(target, media, options.parameter);
  const component = endpoint.parameters[position]?.component;
  const kind = component === "Image" ? "video" : "audio";
  const tracks = kind === "video" ? media.getVideoTracks() : media.getAudioTracks();
  if (tracks.length === 0) {
    throw new InputError(`${label}: the MediaStream has no ${kind} track for its ${component} parameter.`);
  }
  const every = (options.every ?? endpoint.streamEvery ?? 0.5) * 1000;
  const argsFor =
    options.args ??
    ((chunk: unknown): EndpointArguments => {
      const args = endpoint.parameters.map((parameter) => (parameter.hasDefault ? parameter.default : null));
      args[position] = chunk;
      return args;
    });
  const ended = () => tracks.every((track) => track.readyState === "ended");
  const wake = new AbortController();
  const stopWaiting = () => wake.abort();
  options.signal?.addEventListener("abort", stopWaiting, { once: true });
  for (const track of tracks) track.addEventListener("ended", stopWaiting, { once: true });
  const encoder = kind === "video" ? await frameEncoder(media) : audioEncoder(media);
  try {
    const start = performance.now();
    for (let tick = 1, index = 0; ; tick++) {
      await sleep(start + tick * every - performance.now(), wake.signal);
      if (options.signal?.aborted) return await target.close();
      if (target.ended) return;
      if (ended()) {
        await target.close();
        throw new MediaEndedError(
          `${label}: the ${kind} track of the MediaStream ended (stopped, or the device went away) after ` +
            `${index} chunk(s); the stream event was closed.`,
        );
      }
      const chunk = encoder.take();
      if (chunk === null) continue;
      try {
        await target.send(argsFor(chunk, index++));
      } catch (error) {
        if (error instanceof StreamClosedError) return;
        throw error;
      }
      // A send slower than the interval skips the ticks it overran (stale media is not worth sending late).
      tick = Math.max(tick, Math.floor((performance.now() - start) / every));
    }
  } finally {
    options.signal?.removeEventListener("abort", stopWaiting);
    for (const track of tracks) track.removeEventListener("ended", stopWaiting);
    encoder.dispose();
  }
}

/** The parameter that gets the media: `parameter` if given, else the first Image (video) or Audio parameter. */
function mediaParameter(
  target: FeedTarget,
  media: MediaStream,
  parameter: string | number | undefined,
): number {
  const { parameters, apiName, fnIndex } = target.endpoint;
  const label = apiName ?? `fn_index ${fnIndex}`;
  let position: number;
  if (typeof parameter === "number") position = parameter;
  else if (parameter !== undefined) position = parameters.findIndex((p) => p.name === parameter);
  else {
    const wanted = media.getVideoTracks().length > 0 ? ["Image", "Audio"] : ["Audio"];
    position = parameters.findIndex((p) => p.component === wanted[0]);
    if (position < 0 && wanted[1]) position = parameters.findIndex((p) => p.component === wanted[1]);
  }
  const component = parameters[position]?.component;
  if (component !== "Image" && component !== "Audio") {
    throw new InputError(
      `${label}: ${parameter === undefined ? "no parameter" : `parameter ${JSON.stringify(parameter)} is not one that`} ` +
        `takes a streamed gr.Image or gr.Audio; its parameters are ` +
        `${parameters.map((p) => `${p.name} (${p.component})`).join(", ") || "(none)"}.`,
    );
  }
  return position;
}

/** Resolves after `ms` or when `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted || ms <= 0) return resolve();
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
  });
}

/** JPEG frames of the video track, as `{ url: "data:image/jpeg;base64,…" }`. */
async function frameEncoder(media: MediaStream): Promise<Encoder> {
  const video = document.createElement("video");
  video.muted = true;
  video.playsInline = true;
  video.srcObject = media;
  try {
    await video.play();
  } catch {
    // A muted video may play without a user gesture; if it still cannot, its frames still decode once it can.
  }
  const canvas = document.createElement("canvas");
  return {
    take() {
      const { videoWidth: width, videoHeight: height } = video;
      if (!width || !height) return null;
      canvas.width = width;
      canvas.height = height;
      canvas.getContext("2d")?.drawImage(video, 0, 0, width, height);
      return { url: canvas.toDataURL("image/jpeg") };
    },
    dispose() {
      video.pause();
      video.srcObject = null;
    },
  };
}

/** The audio since the last chunk, mixed to mono, as a 16-bit PCM WAV `File`. */
function audioEncoder(media: MediaStream): Encoder {
  const context = new AudioContext();
  void context.resume().catch(() => {});
  const source = context.createMediaStreamSource(media);
  // 1024 frames (~21 ms at 48 kHz) per callback: every chunk of ≥ 0.05 s gets audio. A ScriptProcessorNode needs no
  // worklet module (no Blob URL for a CSP to refuse); it must reach the destination to run, through a muted gain.
  const processor = context.createScriptProcessor(1024, 1, 1);
  const mute = context.createGain();
  mute.gain.value = 0;
  let pending: Float32Array[] = [];
  processor.onaudioprocess = (event) => {
    pending.push(new Float32Array(event.inputBuffer.getChannelData(0)));
  };
  source.connect(processor);
  processor.connect(mute);
  mute.connect(context.destination);
  return {
    take() {
      if (pending.length === 0) return null;
      const blocks = pending;
      pending = [];
      return wavFile(blocks, context.sampleRate);
    },
    dispose() {
      processor.onaudioprocess = null;
      source.disconnect();
      processor.disconnect();
      mute.disconnect();
      void context.close().catch(() => {});
    },
  };
}

/** A mono 16-bit PCM WAV file of the sample blocks. */
export function wavFile(blocks: readonly Float32Array[], sampleRate: number): File {
  const frames = blocks.reduce((sum, block) => sum + block.length, 0);
  const bytes = new DataView(new ArrayBuffer(44 + frames * 2));
  const text = (at: number, value: string) => {
    for (let i = 0; i < value.length; i++) bytes.setUint8(at + i, value.charCodeAt(i));
  };
  text(0, "RIFF");
  bytes.setUint32(4, 36 + frames * 2, true);
  text(8, "WAVEfmt ");
  bytes.setUint32(16, 16, true);
  bytes.setUint16(20, 1, true); // PCM
  bytes.setUint16(22, 1, true); // mono
  bytes.setUint32(24, sampleRate, true);
  bytes.setUint32(28, sampleRate * 2, true);
  bytes.setUint16(32, 2, true);
  bytes.setUint16(34, 16, true);
  text(36, "data");
  bytes.setUint32(40, frames * 2, true);
  let at = 44;
  for (const block of blocks) {
    for (const sample of block) {
      const clipped = Math.max(-1, Math.min(1, sample));
      bytes.setInt16(at, clipped < 0 ? clipped * 0x8000 : clipped * 0x7fff, true);
      at += 2;
    }
  }
  return new File([bytes.buffer], "audio.wav", { type: "audio/wav" });
}
