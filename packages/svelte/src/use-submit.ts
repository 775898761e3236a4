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
import { writable } from "svelte/store";
import { followJob, type JobStore, type UseJobOptions } from "./use-job.js";

/**
 * What {@link useSubmit} returns: the store of the last submitted job (`$counter.job` is that job, `null` before the
 * first `submit` and after `reset`) plus `submit` and `reset`. `Call` is what `submit` takes: `[args?, options?]`,
 * checked against the endpoint on a typed client.
 */
export type UseSubmitResult<
  O extends Outputs = Outputs,
  Call extends unknown[] = UncheckedArguments<O>,
> = JobStore<O> & {
  /** Submits a job (superseding the previous one) and returns it, e.g. to `await job.result()`. */
  readonly submit: (...call: Call) => Job<O>;
  /** Forgets the current job (back to `stage: "idle"`); it is superseded, so cancelled by default. */
  readonly reset: () => void;
};

/**
 * Event-driven calls (a button): `counter.submit(args)` submits a job to `endpoint` and the store follows it, as
 * {@link useJob}'s does. Each `submit` is a new job, even with the same arguments; it supersedes the previous one,
 * which is cancelled unless `cancelSuperseded: false`. `client` and `endpoint` may be getters (`() => client`: a
 * `$state` that is still connecting; `() => endpoint`: one picked in a form), read at each `submit`; `submit` throws
 * while there is no client.
 *
 * @example
 * ```svelte
 * <script lang="ts">
 *   let { client }: { client: Client | null } = $props();
 *   const counter = useSubmit<[number]>(() => client, "/count");
 * </script>
 * <button onclick={() => counter.submit([10])}>Count</button>
 * {#if $counter.active}<button onclick={$counter.cancel}>Cancel</button>{/if}
 * <output>{$counter.latest?.[0]}</output>
 * ```
 *
 * With a typed client (`Client.connect<GradioApi>`), the endpoint name is checked and `submit`'s arguments and the
 * outputs are typed from it: `useSubmit(() => client, "/count")`.
 */
export function useSubmit<
  // One signature, not an overload for typed and one for untyped clients (as core's `submit`): the compiler then
  // reports a mistyped endpoint name against the known names, on TypeScript 7 too.
  O extends Outputs = Outputs,
  Api extends ApiDescription<Api> = UntypedApi,
  Name extends SubmitEndpoint<Api>["endpoint"] = UncheckedEndpoint<Api>,
>(
  client: Client<Api> | null | undefined | (() => Client<Api> | null | undefined),
  endpoint: Name | (() => Name),
  options?: UseJobOptions,
): UseSubmitResult<SubmitReturns<Api, Name, O>, SubmitArguments<Api, Name, O>>;
export function useSubmit<O extends Outputs = Outputs>(
  client: Client | null | undefined | (() => Client | null | undefined),
  endpoint: string | number | (() => string | number),
  options: UseJobOptions = {},
): UseSubmitResult<O> {
  const job = writable<Job<O> | null>(null);
  return {
    subscribe: followJob(job, options, false).subscribe,
    submit(args, submitOptions) {
      const connected = typeof client === "function" ? client() : client;
      if (!connected) throw new Error("useSubmit: there is no client yet (it is still connecting).");
      const next = connected.submit<O>(
        typeof endpoint === "function" ? endpoint() : endpoint,
        args,
        submitOptions,
      );
      // The next submit cancels this job: its cancel must not wait for that next job (same function).
      if (options.cancelSuperseded !== false) next.preferIsolation();
      job.set(next);
      return next;
    },
    reset: () => job.set(null),
  };
}
