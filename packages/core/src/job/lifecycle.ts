import type { GradioJobsError } from "../errors.js";
import { AppError, CancelledError, QueueFullError } from "../errors.js";
import type { CompletionReport } from "../wire/messages.js";
import {
  isDone,
  type LogMessage,
  type ProgressUnit,
  Status,
  type StatusUpdate,
  type UploadProgress,
} from "./status.js";

/** What can happen to a job; protocol messages are translated into these before they touch its state. */
export type JobEvent =
  | { readonly type: "uploading"; readonly upload: UploadProgress }
  | { readonly type: "joining" }
  | { readonly type: "sending" }
  | {
      readonly type: "queued";
      readonly rank: number;
      readonly queueSize: number;
      readonly eta: number | null;
    }
  | { readonly type: "started"; readonly eta: number | null }
  | { readonly type: "progress"; readonly progress: readonly ProgressUnit[] }
  | { readonly type: "log"; readonly log: LogMessage }
  | { readonly type: "output" }
  | { readonly type: "completed"; readonly report?: CompletionReport }
  | { readonly type: "failed"; readonly error: GradioJobsError }
  | { readonly type: "cancelled"; readonly error?: CancelledError }
  /** After a cancel: what the server made of it, when that is worth telling (it had finished, it was not reached). */
  | { readonly type: "cancelNotice"; readonly error: CancelledError };

/** The status of a job that has just been created. */
export function initialStatus(now = Date.now()): StatusUpdate {
  return {
    stage: "pending",
    code: Status.STARTING,
    rank: null,
    queueSize: null,
    eta: null,
    progress: null,
    upload: null,
    log: null,
    success: null,
    time: now,
    error: null,
    title: null,
    message: null,
    duration: null,
    averageDuration: null,
    cache: null,
  };
}

/**
 * The job lifecycle as one pure transition function. Returns the next status, or `null` when the event does not
 * apply in the current state: anything after a final state, a stale queue estimation after the job started, or a
 * join after the job was queued.
 */
export function transition(current: StatusUpdate, event: JobEvent, now = Date.now()): StatusUpdate | null {
  if (event.type === "cancelNotice") {
    return current.stage === "cancelled"
      ? changed(current, now, { ...failureText(event.error), error: event.error })
      : null;
  }
  if (isDone(current.stage)) return null;
  // One copy per event: `current` with the changes, never a copy of a copy.
  switch (event.type) {
    case "uploading":
      return current.code === Status.STARTING ? changed(current, now, { upload: event.upload }) : null;
    case "joining":
      return current.code === Status.STARTING ? changed(current, now, { code: Status.JOINING_QUEUE }) : null;
    case "sending":
      return current.stage === "pending" || current.stage === "queued"
        ? changed(current, now, { code: Status.SENDING_DATA })
        : null;
    case "queued":
      // Gradio may deliver an estimation buffered before process_starts; process_starts wins (protocol §4.5).
      if (current.stage === "running") return null;
      return changed(current, now, {
        stage: "queued",
        code: Status.IN_QUEUE,
        rank: event.rank,
        queueSize: event.queueSize,
        eta: event.eta,
      });
    case "started":
      return current.stage === "running"
        ? null
        : changed(current, now, {
            stage: "running",
            code: Status.PROCESSING,
            rank: null,
            queueSize: null,
            eta: event.eta,
          });
    case "progress":
      return changed(running(current), now, { code: Status.PROGRESS, progress: event.progress });
    case "log":
      return changed(running(current), now, { code: Status.LOG, log: event.log });
    case "output":
      return changed(running(current), now, { code: Status.ITERATING });
    case "completed":
      // A cache hit (6.12+, protocol §4.10) completes a job that never saw estimation or process_starts.
      // The report's fields are null until now: only a completion sets them.
      return changed(current, now, {
        ...event.report,
        stage: "complete",
        code: Status.FINISHED,
        success: true,
        rank: null,
        queueSize: null,
      });
    case "failed":
      return changed(current, now, {
        stage: "error",
        code: event.error instanceof QueueFullError ? Status.QUEUE_FULL : Status.FINISHED,
        success: false,
        rank: null,
        queueSize: null,
        error: event.error,
        ...failureText(event.error),
      });
    case "cancelled":
      return changed(current, now, {
        stage: "cancelled",
        code: Status.CANCELLED,
        success: false,
        rank: null,
        queueSize: null,
        ...failureText(event.error ?? new CancelledError()),
        error: event.error ?? new CancelledError(),
      });
  }
}

/**
 * `status` as of `now`, with `changes`. Copied field by field, not spread: V8 spreads an object that was itself made
 * by a spread ~20× slower (0.3 µs here), and a long stream makes one status per message.
 */
function changed(status: StatusUpdate, now: number, changes: Partial<StatusUpdate>): StatusUpdate {
  const copy: StatusUpdate = {
    stage: status.stage,
    code: status.code,
    rank: status.rank,
    queueSize: status.queueSize,
    eta: status.eta,
    progress: status.progress,
    upload: status.upload,
    log: status.log,
    success: status.success,
    time: now,
    error: status.error,
    title: status.title,
    message: status.message,
    duration: status.duration,
    averageDuration: status.averageDuration,
    cache: status.cache,
  };
  return Object.assign(copy, changes);
}

/** The server's title and message of a failure: `gr.Error`'s own for an {@link AppError}, else the error's message. */
function failureText(error: GradioJobsError): { title: string | null; message: string | null } {
  if (error instanceof AppError) return { title: error.title, message: error.serverMessage };
  return { title: null, message: error.message };
}

/** Messages that only a running job receives imply that it runs, even if `process_starts` was not seen. */
function running(status: StatusUpdate): StatusUpdate {
  return status.stage === "running"
    ? status
    : changed(status, status.time, { stage: "running", rank: null, queueSize: null });
}
