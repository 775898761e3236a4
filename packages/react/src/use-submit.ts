import type {
  ApiDescription,
  Client,
  EndpointArguments,
  Job,
  Outputs,
  SubmitArguments,
  SubmitEndpoint,
  SubmitOptions,
  SubmitReturns,
  UncheckedArguments,
  UncheckedEndpoint,
  UntypedApi,
} from "@gradio-jobs/core";
import type { JobState } from "@gradio-jobs/core/bindings";
import { useCallback, useState } from "react";
import { type UseJobOptions, useJobState } from "./use-job.js";

/**
 * What {@link useSubmit} returns: the state of the last submitted job plus `submit` and `reset`. `Call` is what
 * `submit` takes: `[args?, options?]`, checked against the endpoint on a typed client.
 */
export type UseSubmitResult<
  O extends Outputs = Outputs,
  Call extends unknown[] = UncheckedArguments<O>,
> = JobState<O> & {
  /** The last submitted job, `null` before the first `submit` and after `reset`. */
  readonly job: Job<O> | null;
  /** Submits a job (superseding the previous one) and returns it, e.g. to `await job.result()`. */
  readonly submit: (...call: Call) => Job<O>;
  /** Forgets the current job (back to `stage: "idle"`); it is superseded, so cancelled by default. */
  readonly reset: () => void;
};

/**
 * Event-driven calls (a button): `submit(args)` submits a job to `endpoint` and the component shows its state, as
 * {@link useJob} would. Each `submit` is a new job, even with the same arguments; it supersedes the previous one,
 * which is cancelled unless `cancelSuperseded: false`.
 *
 * @example
 * ```tsx
 * function Counter({ client }: { client: Client }) {
 *   const { submit, latest, active, cancel } = useSubmit<[number]>(client, "/count");
 *   return (
 *     <>
 *       <button onClick={() => submit([10])}>Count</button>
 *       {active && <button onClick={cancel}>Cancel</button>}
 *       <output>{latest?.[0]}</output>
 *     </>
 *   );
 * }
 * ```
 *
 * With a typed client (`Client.connect<GradioApi>`), the endpoint name is checked and `submit`'s arguments and the
 * outputs are typed from it: `useSubmit(client, "/count")`.
 */
export function useSubmit<
  // One signature, not an overload for typed and one for untyped clients (as core's `submit`): the compiler then
  // reports a mistyped endpoint name against the known names, on TypeScript 7 too (which reports only the last
  // overload's complaint, there "not assignable to parameter of type 'number'").
  O extends Outputs = Outputs,
  Api extends ApiDescription<Api> = UntypedApi,
  Name extends SubmitEndpoint<Api>["endpoint"] = UncheckedEndpoint<Api>,
>(
  client: Client<Api> | null | undefined,
  endpoint: Name,
  options?: UseJobOptions,
): UseSubmitResult<SubmitReturns<Api, Name, O>, SubmitArguments<Api, Name, O>>;
export function useSubmit<O extends Outputs = Outputs>(
  client: Client | null | undefined,
  endpoint: string | number,
  options: UseJobOptions = {},
): UseSubmitResult<O> {
  const [job, setJob] = useState<Job<O> | null>(null);
  const cancelSuperseded = options.cancelSuperseded !== false;
  const submit = useCallback(
    (args?: EndpointArguments, submitOptions?: SubmitOptions<O>) => {
      if (!client) throw new Error("useSubmit: there is no client yet (it is still connecting).");
      const next = client.submit<O>(endpoint, args, submitOptions);
      // The next submit cancels this job: its cancel must not wait for that next job (same function).
      if (cancelSuperseded) next.preferIsolation();
      setJob(next);
      return next;
    },
    [client, endpoint, cancelSuperseded],
  );
  const reset = useCallback(() => setJob(null), []);
  return { ...useJobState(job, options), job, submit, reset };
}
