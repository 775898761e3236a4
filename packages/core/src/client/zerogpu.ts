/**
 * The ZeroGPU header handshake of a page that a Hugging Face Space page embeds (an `*.hf.space` page in the
 * `huggingface.co/spaces/…` iframe), as the official client does it (`helpers/zerogpu.ts`, `utils/submit.ts`):
 *
 * 1. on connect, the page posts `"supports-zerogpu-headers"` to its parent frame (target origin
 *    `https://huggingface.co`); a parent that can answers with the same string;
 * 2. before each queue join, it posts `"zerogpu-headers"` with a `MessagePort`; the parent answers on the port with
 *    headers (`x-zerogpu-token`, `x-ip-token`…: they bill the visitor's ZeroGPU quota, not the Space's), which go on
 *    that join only.
 *
 * Unlike the official client, both waits are short (a silent parent costs at most {@link ANSWER_MS} once, then joins
 * go without the headers), and only the parent's origin is believed. Loaded only in an embedded browser page.
 * @module
 */
import type { FetchLike } from "../http/http.js";

/** The part of `window` the handshake uses (a parameter so that tests can stand in a frame of their own). */
export interface EmbeddedFrame {
  readonly location: { readonly hostname: string };
  readonly parent: { postMessage(message: unknown, targetOrigin: string, transfer?: Transferable[]): void };
  addEventListener(type: "message", listener: (event: { data: unknown; origin: string }) => void): void;
}

const SUPPORTS = "supports-zerogpu-headers";
const ASK = "zerogpu-headers";
/** How long the parent may take to answer either message. */
const ANSWER_MS = 1000;

/** The origin of the Hub page that embeds a Space page served from `hostname`, or `null` for other pages. */
export function zeroGpuOrigin(hostname: string): string | null {
  if (hostname.includes(".dev.")) return `https://moon-${hostname.split(".")[1]}.dev.spaces.huggingface.tech`;
  return hostname.endsWith(".hf.space") ? "https://huggingface.co" : null;
}

/** One handshake per frame: whether its parent gives ZeroGPU headers. */
const handshakes = new WeakMap<EmbeddedFrame, Promise<boolean>>();

/**
 * A `fetch` that adds the parent frame's ZeroGPU headers to queue joins, or `undefined` when `frame` is not a Space
 * page inside the Hub's (then nothing changes). Starts the handshake.
 */
export function zeroGpuFetch(
  fetch: FetchLike | undefined,
  // Read only in pages: Client.connect loads this module when the global has a `parent` (workers have none).
  frame: EmbeddedFrame | undefined = (globalThis as { window?: EmbeddedFrame }).window,
): FetchLike | undefined {
  const origin = frame && (frame.parent as unknown) !== frame ? zeroGpuOrigin(frame.location.hostname) : null;
  if (!frame || !origin) return undefined;
  let supported = handshakes.get(frame);
  if (!supported) {
    supported = new Promise<boolean>((resolve) => {
      frame.addEventListener("message", (event) => {
        if (event.data === SUPPORTS && event.origin === origin) resolve(true);
      });
      setTimeout(() => resolve(false), ANSWER_MS);
      frame.parent.postMessage(SUPPORTS, origin);
    });
    handshakes.set(frame, supported);
  }
  const send = fetch ?? ((input: string, init?: RequestInit) => globalThis.fetch(input, init));
  const handshake = supported;
  return async (input, init) => {
    if (!/\/queue\/join(\?|$)/.test(input) || !(await handshake)) return send(input, init);
    const extra = await askParent(frame, origin);
    return send(input, { ...init, headers: { ...(init?.headers as Record<string, string>), ...extra } });
  };
}

/** The parent's headers for one join (a `Map` or a plain object of strings), `{}` when it does not answer in time. */
function askParent(frame: EmbeddedFrame, origin: string): Promise<Record<string, string>> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const done = (headers: Record<string, string>) => {
      clearTimeout(timer);
      channel.port1.close();
      resolve(headers);
    };
    const timer = setTimeout(() => done({}), ANSWER_MS);
    channel.port1.onmessage = ({ data }: MessageEvent) => {
      const entries =
        data instanceof Map ? [...data] : typeof data === "object" && data ? Object.entries(data) : [];
      done(
        Object.fromEntries(
          entries.filter((entry): entry is [string, string] => typeof entry[1] === "string"),
        ),
      );
    };
    frame.parent.postMessage(ASK, origin, [channel.port2]);
  });
}
