import type { Client, FeedOptions, Outputs, StreamJob } from "@gradio-jobs/core";
import type { JobState } from "@gradio-jobs/core/bindings";
import { useEffect, useState } from "react";
import { type UseJobOptions, useJobState } from "./use-job.js";

/** Options of {@link useMediaFeed}: the feed's (`parameter`, `args`, `every`) and the job binding's. */
export type UseMediaFeedOptions = Omit<FeedOptions, "signal"> & UseJobOptions;

/** What {@link useMediaFeed} returns: the stream job's state, the job itself, and why feeding stopped early. */
export type UseMediaFeedResult<O extends Outputs = Outputs> = JobState<O> & {
  /** The streaming-input event fed now; `null` without a client or media. */
  readonly stream: StreamJob<O> | null;
  /** Why feeding stopped before you stopped it: a `MediaEndedError` (the camera or microphone ended), or a send's error. */
  readonly mediaError: unknown;
};

/**
 * Feeds a camera or microphone into a streaming-input endpoint (`.stream(fn, stream_every=…)` on
 * `gr.Image(streaming=True)` / `gr.Audio(streaming=True)`) while `media` is set: core's `client.stream(endpoint)` and
 * `stream.feed(media)` (frames or WAV chunks at the app's `stream_every`), shown like {@link useJob}. A new `media`,
 * `null`, or unmounting closes the event on the server; media that ends on its own closes it too (`mediaError`).
 *
 * @example
 * ```tsx
 * function Camera({ client, media }: { client: Client; media: MediaStream | null }) {
 *   const { latest, mediaError } = useMediaFeed<[string]>(client, "/frames", media);
 *   return <p>{mediaError ? String(mediaError) : latest?.[0]}</p>;
 * }
 * ```
 */
export function useMediaFeed<O extends Outputs = Outputs>(
  client: Client | null | undefined,
  endpoint: string | number,
  media: MediaStream | null | undefined,
  options: UseMediaFeedOptions = {},
): UseMediaFeedResult<O> {
  const [fed, setFed] = useState<{ stream: StreamJob<O> | null; mediaError: unknown }>({
    stream: null,
    mediaError: null,
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: the options are read when the feed starts.
  useEffect(() => {
    if (!client || !media) return setFed({ stream: null, mediaError: null });
    let live = true;
    const opening = client.stream<O>(endpoint);
    opening.then(
      (stream) => {
        if (!live) return void stream.close();
        setFed({ stream, mediaError: null });
        stream
          .feed(media, options)
          .catch((mediaError: unknown) =>
            setFed((now) => (now.stream === stream ? { stream, mediaError } : now)),
          );
      },
      (mediaError: unknown) => live && setFed({ stream: null, mediaError }),
    );
    return () => {
      live = false;
      opening.then(
        (stream) => stream.close(),
        () => {},
      );
    };
  }, [client, endpoint, media]);
  // Closing ends the event: a superseded stream job needs no cancel on top (Gradio cancels by session and function).
  return { ...useJobState(fed.stream, { ...options, cancelSuperseded: false }), ...fed };
}
