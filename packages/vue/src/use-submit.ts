import type {
  ApiDescription,
  Client,
  Job,
  Outputs,
  SubmitArguments,
  SubmitEndpoint,
  SubmitReturns,
  UncheckedArguments,
  UncheckedEndpoint,
  UntypedApi,
} from "@gradio-jobs/core";
import { type MaybeRefOrGetter, type ShallowRef, shallowRef, toValue } from "vue";
import { followJob, type JobRefs, type UseJobOptions } from "./use-job.js";

/**
 * What {@link useSubmit} returns: the refs of the last submitted job plus `submit` and `reset`. `Call` is what
 * `submit` takes: `[args?, options?]`, checked against the endpoint on a typed client.
 */
export type UseSubmitResult<
  O extends Outputs = Outputs,
  Call extends unknown[] = UncheckedArguments<O>,
> = JobRefs<O> & {
  /** The last submitted job, `null` before the first `submit` and after `reset`. */
  readonly job: Readonly<ShallowRef<Job<O> | null>>;
  /** Submits a job (superseding the previous one) and returns it, e.g. to `await job.result()`. */
  readonly submit: (...call: Call) => Job<O>;
  /** Forgets the current job (back to `stage: "idle"`); it is superseded, so cancelled by default. */
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
 * const { submit, latest, active, cancel } = useSubmit<[number]>(client, "/count");
 * </script>
 * <template>
 *   <button @click="submit([10])">Count</button>
 *   <button v-if="active" @click="cancel">Cancel</button>
 *   <output>{{ latest?.[0] }}</output>
 * </template>
 * ```
 *
 * With a typed client (`Client.connect<GradioApi>`), the endpoint name is checked and `submit`'s arguments and the
 * refs are typed from it: `useSubmit(client, "/count")`.
 */
export function useSubmit<
  // One signature, not an overload for typed and one for untyped clients (as core's `submit`): the compiler then
  // reports a mistyped endpoint name against the known names, on TypeScript 7 too (which reports only the last
  // overload's complaint, there "not assignable to parameter of type 'number'").
  O extends Outputs = Outputs,
  Api extends ApiDescription<Api> = UntypedApi,
  Name extends SubmitEndpoint<Api>["endpoint"] = UncheckedEndpoint<Api>,
>(
  client: MaybeRefOrGetter<Client<Api> | null | undefined>,
  endpoint: MaybeRefOrGetter<Name>,
  options?: UseJobOptions,
): UseSubmitResult<SubmitReturns<Api, Name, O>, SubmitArguments<Api, Name, O>>;
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
      const next = connected.submit<O>(toValue(endpoint), args, submitOptions);
      // The next submit cancels this job: its cancel must not wait for that next job (same function).
      if (options.cancelSuperseded !== false) next.preferIsolation();
      job.value = next;
      return next;
    },
    reset() {
      job.value = null;
    },
  };
}
