import type { Client, EndpointArguments, Job, JobState, Outputs, SubmitOptions } from "@gradio-jobs/core";
import { useCallback, useState } from "react";
import { type UseJobOptions, useJobState } from "./use-job.js";

/** What {@link useSubmit} returns: the state of the last submitted job plus `submit` and `reset`. */
export interface UseSubmitResult<O extends Outputs = Outputs> extends JobState<O> {
  /** The last submitted job, `null` before the first `submit` and after `reset`. */
  readonly job: Job<O> | null;
  /** Submits a job (superseding the previous one) and returns it, e.g. to `await job.result()`. */
  readonly submit: (args?: EndpointArguments, options?: SubmitOptions<O>) => Job<O>;
  /** Forgets the current job (back to `status: "idle"`); it is superseded, so cancelled by default. */
  readonly reset: () => void;
}

/**
 * Event-driven calls (a button): `submit(args)` submits a job to `endpoint` and the component shows its state, as
 * {@link useJob} would. Each `submit` is a new job, even with the same arguments; it supersedes the previous one,
 * which is cancelled unless `cancelSuperseded: false`.
 *
 * @example
 * ```tsx
 * function Counter({ client }: { client: Client }) {
 *   const { submit, latest, isPending, cancel } = useSubmit<[number]>(client, "/count");
 *   return (
 *     <>
 *       <button onClick={() => submit([10])}>Count</button>
 *       {isPending && <button onClick={cancel}>Cancel</button>}
 *       <output>{latest?.[0]}</output>
 *     </>
 *   );
 * }
 * ```
 */
export function useSubmit<O extends Outputs = Outputs>(
  client: Client | null | undefined,
  endpoint: string | number,
  options: UseJobOptions = {},
): UseSubmitResult<O> {
  const [job, setJob] = useState<Job<O> | null>(null);
  const submit = useCallback(
    (args?: EndpointArguments, submitOptions?: SubmitOptions<O>) => {
      if (!client) throw new Error("useSubmit: there is no client yet (it is still connecting).");
      const next = client.submit<O>(endpoint, args, submitOptions);
      setJob(next);
      return next;
    },
    [client, endpoint],
  );
  const reset = useCallback(() => setJob(null), []);
  return { ...useJobState(job, options), job, submit, reset };
}
