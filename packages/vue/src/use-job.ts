import type { Job, Outputs } from "@gradio-jobs/core";
import {
  type JobBindingOptions,
  type JobState,
  jobView,
  type ReleaseJob,
  sharedJobs,
} from "@gradio-jobs/core/bindings";
import {
  type MaybeRefOrGetter,
  onScopeDispose,
  type ShallowRef,
  shallowReadonly,
  shallowRef,
  toValue,
  watch,
} from "vue";

/** Options of {@link useJob} and {@link useSubmit}: see {@link JobBindingOptions}. */
export type UseJobOptions = JobBindingOptions;

/**
 * What {@link useJob} returns: each field of {@link JobState} as a readonly shallow ref, plus `cancel()` for the
 * job shown at the time of the call.
 */
export type JobRefs<O extends Outputs = Outputs> = {
  readonly [K in Exclude<keyof JobState<O>, "cancel">]: Readonly<ShallowRef<JobState<O>[K]>>;
} & {
  /** Cancels the job shown now (no-op when idle or done). */
  readonly cancel: () => void;
};

/**
 * A Gradio job's `stage`, `code`, `rank`, `queueSize`, `eta`, `progress`, `log`, `outputs`, `latest`, `result`,
 * `error`, `success`, `title`, `message`, `done` and `active` as readonly refs, updated at most once per animation frame, plus `cancel()`.
 *
 * `source` is a job, a ref to one, or a getter; `null`/`undefined` means idle. A getter that calls
 * `client.submit(...)` submits one job per distinct endpoint and arguments: it re-runs when the refs it reads
 * change, and the previous job is cancelled (see {@link UseJobOptions.cancelSuperseded}). Listening stops when the
 * effect scope (component) is disposed. During SSR nothing is subscribed and a job the getter just created is
 * discarded before it reaches the server; the refs show its initial `pending` state.
 *
 * @example
 * ```vue
 * <script setup lang="ts">
 * const props = defineProps<{ client: Client; a: number; b: number }>();
 * const { stage, result, error } = useJob(() => props.client.submit<[number]>("/predict", [props.a, "add", props.b]));
 * </script>
 * <template><p>{{ stage === "complete" ? result?.[0] : error?.message ?? "…" }}</p></template>
 * ```
 */
export function useJob<O extends Outputs = Outputs>(
  source: MaybeRefOrGetter<Job<O> | null | undefined>,
  options: UseJobOptions = {},
): JobRefs<O> {
  return followJob(source, options, true);
}

/** {@link useJob}, with or without sharing (`useSubmit` makes its own jobs). @internal */
export function followJob<O extends Outputs>(
  source: MaybeRefOrGetter<Job<O> | null | undefined>,
  options: UseJobOptions,
  share: boolean,
): JobRefs<O> {
  const refs = {} as Record<string, ShallowRef<unknown>>;
  const exposed = {} as Record<string, unknown>;
  let state!: JobState<O>;
  const show = (next: JobState<O>) => {
    state = next;
    for (const key in next) {
      const value = next[key as keyof JobState<O>];
      const existing = refs[key];
      if (existing) existing.value = value;
      else {
        refs[key] = shallowRef(value);
        exposed[key] = shallowReadonly(refs[key]);
      }
    }
  };
  const cancelSuperseded = options.cancelSuperseded !== false;
  const onServer = typeof window === "undefined";
  const current = () => {
    const job = toValue(source);
    return job && share
      ? sharedJobs.share(job, { cancelUnused: cancelSuperseded, serverRendering: onServer })
      : job;
  };

  if (onServer) show(jobView(current()).get());
  else {
    let release: ReleaseJob | undefined;
    let unsubscribe: (() => void) | undefined;
    watch(
      current,
      (job) => {
        unsubscribe?.();
        release?.(cancelSuperseded, true);
        release = job ? sharedJobs.retain(job) : undefined;
        const view = jobView(job);
        show(view.get());
        unsubscribe = view.subscribe(() => show(view.get()));
      },
      { immediate: true },
    );
    onScopeDispose(() => {
      unsubscribe?.();
      release?.(options.cancelOnUnmount);
    });
  }
  return { ...exposed, cancel: () => state.cancel() } as unknown as JobRefs<O>;
}
