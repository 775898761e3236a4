/**
 * What a job card shows, as plain data: the same {@link JobModel} whether the job lives in this page (vanilla,
 * classic, React, Vue) or in a Web Worker that posts its status updates. Built from core's `StatusUpdate`s (or
 * the bindings' `JobState`) by {@link applyStatus} / {@link fromJobState}.
 * @module
 */
import type {
  Job,
  JobStage,
  LogMessage,
  Outputs,
  ProgressUnit,
  StatusCode,
  StatusUpdate,
} from "@gradio-jobs/core";
import type { JobState } from "@gradio-jobs/core/bindings";

/** A typed error as plain data (what survives `postMessage`): its class name, stable `code` and message. */
export interface ErrorInfo {
  readonly name: string;
  readonly code: string;
  readonly message: string;
}

/** A status update as plain data: a `StatusUpdate` with its error reduced to {@link ErrorInfo}. */
export type StatusData = Omit<StatusUpdate, "error"> & { readonly error: ErrorInfo | null };

/** Everything a job card shows. */
export interface JobModel {
  readonly stage: JobStage;
  readonly code: StatusCode;
  /** The server's event id, once the job joined the queue. */
  readonly eventId: string | null;
  readonly rank: number | null;
  readonly queueSize: number | null;
  /** Seconds, counted from `etaSince`. */
  readonly eta: number | null;
  /** When (ms since the epoch) the server gave `eta`: the countdown runs from there. */
  readonly etaSince: number;
  readonly progress: readonly ProgressUnit[] | null;
  /** Every `gr.Info` / `gr.Warning` / `gr.Success` message so far, in order. */
  readonly logs: readonly LogMessage[];
  /** Every output so far, in order, each once. */
  readonly outputs: readonly Outputs[];
  readonly error: ErrorInfo | null;
}

/** A job's error (any thrown value) as {@link ErrorInfo}. */
export function errorInfo(error: unknown): ErrorInfo {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { name: error.name, code: typeof code === "string" ? code : "UNKNOWN", message: error.message };
  }
  return { name: "Error", code: "UNKNOWN", message: String(error) };
}

/** A `StatusUpdate` as {@link StatusData}, ready for `postMessage`. */
export function statusData(status: StatusUpdate): StatusData {
  return { ...status, error: status.error && errorInfo(status.error) };
}

interface Observed {
  readonly stage: JobStage;
  readonly code: StatusCode;
  readonly rank: number | null;
  readonly queueSize: number | null;
  readonly eta: number | null;
  readonly progress: readonly ProgressUnit[] | null;
  readonly error: ErrorInfo | null;
}

function advance(
  model: JobModel | null,
  observed: Observed,
  extra: { time: number; eventId: string | null; newLog: LogMessage | null; outputs: readonly Outputs[] },
): JobModel {
  // The countdown restarts only when the server gives a new estimate (a new eta, or the job started running),
  // not on every progress message that repeats the last one.
  const etaChanged = !model || model.eta !== observed.eta || model.stage !== observed.stage;
  // A job that is done waits in no queue: its last rank, queue size and eta (which core keeps on the final
  // status) would only be stale numbers on the card.
  const done = observed.stage === "complete" || observed.stage === "error" || observed.stage === "cancelled";
  return {
    ...observed,
    ...(done && { rank: null, queueSize: null, eta: null }),
    eventId: extra.eventId,
    etaSince: etaChanged ? extra.time : model.etaSince,
    logs: extra.newLog ? [...(model?.logs ?? []), extra.newLog] : (model?.logs ?? []),
    outputs: extra.outputs,
  };
}

/**
 * The next model after one status update. Every update must be applied, in order: a `LOG` update adds its message
 * to `logs`.
 */
export function applyStatus(model: JobModel | null, status: StatusData, eventId: string | null): JobModel {
  return advance(model, status, {
    time: status.time,
    eventId,
    newLog: status.code === "LOG" ? status.log : null,
    outputs: model?.outputs ?? [],
  });
}

/** The model with one more output. */
export function appendOutput(model: JobModel, output: Outputs): JobModel {
  return { ...model, outputs: [...model.outputs, output] };
}

/**
 * The next model from a binding's {@link JobState} (React `useJob`, Vue composables) of `job`, given the state it
 * was last built from (`null` to start over, e.g. for another job). Bindings batch updates per frame, so a log
 * message counts as new when the `log` object changed.
 */
export function fromJobState(
  model: JobModel | null,
  previous: JobState | null,
  state: JobState,
  job: Job | null,
): JobModel | null {
  if (!job || state.stage === "idle" || !state.code) return null;
  const newLog = state.log && state.log !== previous?.log ? state.log : null;
  return advance(
    previous ? model : null,
    {
      stage: state.stage,
      code: state.code,
      rank: state.rank,
      queueSize: state.queueSize,
      eta: state.eta,
      progress: state.progress,
      error: state.error && errorInfo(state.error),
    },
    // `JobState` has no `time`: the job's own status says when the eta shown was given.
    { time: job.status().time, eventId: job.eventId, newLog, outputs: state.outputs },
  );
}
