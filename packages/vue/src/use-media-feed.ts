import type { Client, FeedOptions, Outputs, StreamJob } from "@gradio-jobs/core";
import { type MaybeRefOrGetter, type ShallowRef, shallowReadonly, shallowRef, toValue, watch } from "vue";
import { followJob, type JobRefs, type UseJobOptions } from "./use-job.js";

/** Options of {@link useMediaFeed}: the feed's (`parameter`, `args`, `every`) and the job binding's. */
export type UseMediaFeedOptions = Omit<FeedOptions, "signal"> & UseJobOptions;

/** What {@link useMediaFeed} returns: the stream job's refs, the job itself, and why feeding stopped early. */
export type UseMediaFeedResult<O extends Outputs = Outputs> = JobRefs<O> & {
  /** The streaming-input event fed now; `null` without a client or media. */
  readonly stream: Readonly<ShallowRef<StreamJob<O> | null>>;
  /** Why feeding stopped before you stopped it: a `MediaEndedError` (the camera or microphone ended), or a send's error. */
  readonly mediaError: Readonly<ShallowRef<unknown>>;
};

/**
 * Feeds a camera or microphone into a streaming-input endpoint (`.stream(fn, stream_every=…)` on
 * `gr.Image(streaming=True)` / `gr.Audio(streaming=True)`) while `media` is set: core's `client.stream(endpoint)` and
 * `stream.feed(media)` (frames or WAV chunks at the app's `stream_every`), as refs like {@link useJob}. A new `media`,
 * `null`, or disposing the scope closes the event on the server; media that ends on its own closes it too
 * (`mediaError`).
 *
 * @example
 * ```vue
 * <script setup lang="ts">
 * const props = defineProps<{ client: Client; media: MediaStream | null }>();
 * const { latest, mediaError } = useMediaFeed<[string]>(() => props.client, "/frames", () => props.media);
 * </script>
 * <template><p>{{ mediaError ?? latest?.[0] }}</p></template>
 * ```
 */
export function useMediaFeed<O extends Outputs = Outputs>(
  client: MaybeRefOrGetter<Client | null | undefined>,
  endpoint: MaybeRefOrGetter<string | number>,
  media: MaybeRefOrGetter<MediaStream | null | undefined>,
  options: UseMediaFeedOptions = {},
): UseMediaFeedResult<O> {
  const stream = shallowRef<StreamJob<O> | null>(null);
  const mediaError = shallowRef<unknown>(null);
  watch(
    () => [toValue(client), toValue(endpoint), toValue(media)] as const,
    ([connected, name, source], _, onCleanup) => {
      mediaError.value = null;
      stream.value = null;
      if (!connected || !source) return;
      let live = true;
      const opening = connected.stream<O>(name);
      opening.then(
        (fed) => {
          if (!live) return void fed.close();
          stream.value = fed;
          fed.feed(source, options).catch((error: unknown) => {
            if (stream.value === fed) mediaError.value = error;
          });
        },
        (error: unknown) => {
          if (live) mediaError.value = error;
        },
      );
      onCleanup(() => {
        live = false;
        opening.then(
          (fed) => fed.close(),
          () => {},
        );
      });
    },
    { immediate: true },
  );
  return {
    // Closing ends the event: a superseded stream job needs no cancel on top (Gradio cancels by session and function).
    ...followJob(stream, { ...options, cancelSuperseded: false }, false),
    stream: shallowReadonly(stream),
    mediaError: shallowReadonly(mediaError),
  };
}
