import type { Client, EndpointArguments, Job, Outputs, SubmitOptions } from "@gradio-jobs/core";
import { type MaybeRefOrGetter, type ShallowRef, shallowRef, toValue } from "vue";
import { followJob, type JobRefs, type UseJobOptions } from "./use-job.js";

/** What {@link useSubmit} returns: the refs of the last submitted job plus `submit` and `reset`. */
export type UseSubmitResult<O extends Outputs = Outputs> = JobRefs<O> & {
  /** The last submitted job, `null` before the first `submit` and after `reset`. */
  readonly job: Readonly<ShallowRef<Job<O> | null>>;
  /** Submits a job (superseding the previous one) and returns it, e.g. to `await job.result()`. */
  readonly submit: (args?: EndpointArguments, options?: SubmitOptions<O>) => Job<O>;
  /** Forgets the current job (back to `status: "idle"`); it is superseded, so cancelled by default. */
  readonly reset: () => void;
};

/**
 * Event-driven calls (a button): `submit(args)` submits a job to `endpoint` and the refs follow it, as
 * {@link useJob}'s do. Each `submit` is a new job, even with the same arguments; it supersedes the previous one,
 * which is cancelled unless `cancelSuperseded: false`. `client` may be a ref or getter (e.g. while it connects).
 *
 * @example
 * ```vue
 * <script setup lang="ts">
 * const { submit, latest, isPending, cancel } = useSubmit<[number]>(client, "/count");
 * </script>
 * <template>
 *   <button @click="submit([10])">Count</button>
 *   <button v-if="isPending" @click="cancel">Cancel</button>
 *   <output>{{ latest?.[0] }}</output>
 * </template>
 * ```
 */
export function useSubmit<O extends Outputs = Outputs>(
  client: MaybeRefOrGetter<Client | null | undefined>,
  endpoint: MaybeRefOrGetter<string | number>,
  options: UseJobOptions = {},
): UseSubmitResult<O> {
  const job = shallowRef<Job<O> | null>(null);
  return {
    ...followJob(job, options, false),
    job,
    submit(args, submitOptions) {
      const connected = toValue(client);
      if (!connected) throw new Error("useSubmit: there is no client yet (it is still connecting).");
      job.value = connected.submit<O>(toValue(endpoint), args, submitOptions);
      return job.value;
    },
    reset() {
      job.value = null;
    },
  };
}
