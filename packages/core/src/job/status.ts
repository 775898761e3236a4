import type { GradioJobsError } from "../errors.js";
import type { UploadProgress } from "../http/files.js";
import type { CacheUse, LogMessage, ProgressUnit } from "../wire/messages.js";

export type { CacheUse, LogMessage, ProgressUnit, UploadProgress };

/**
 * Status codes of a job, the same names as Python `gradio_client.utils.Status`.
 *
 * | code | when |
 * |---|---|
 * | `STARTING` | created, inputs being prepared (files uploaded: see `upload`) |
 * | `JOINING_QUEUE` | the queue join request is in flight |
 * | `QUEUE_FULL` | the server refused the job: its queue is full (final) |
 * | `IN_QUEUE` | waiting; `rank`, `queueSize`, `eta` are set |
 * | `SENDING_DATA` | legacy `sse` protocol only: the inputs are being sent |
 * | `PROCESSING` | a worker runs the job; `eta` is the average run time |
 * | `ITERATING` | a generator yielded an output |
 * | `PROGRESS` | `gr.Progress` update; see `progress` |
 * | `LOG` | `gr.Info`/`gr.Warning`/`gr.Success`; see `log` |
 * | `FINISHED` | final: `success` tells whether it succeeded |
 * | `CANCELLED` | final: cancelled |
 */
export const Status = {
  STARTING: "STARTING",
  JOINING_QUEUE: "JOINING_QUEUE",
  QUEUE_FULL: "QUEUE_FULL",
  IN_QUEUE: "IN_QUEUE",
  SENDING_DATA: "SENDING_DATA",
  PROCESSING: "PROCESSING",
  ITERATING: "ITERATING",
  PROGRESS: "PROGRESS",
  LOG: "LOG",
  FINISHED: "FINISHED",
  CANCELLED: "CANCELLED",
} as const;

/** One of the {@link Status} codes. */
export type StatusCode = (typeof Status)[keyof typeof Status];

/**
 * The small, closed lifecycle of a job, for UIs:
 * `pending` (not yet in the queue) → `queued` → `running` → one of `complete`, `error`, `cancelled`.
 */
export type JobStage = "pending" | "queued" | "running" | "complete" | "error" | "cancelled";

/**
 * A snapshot of a job's status: the value of `job.$status` and of `job.status()`.
 * Fields keep their last known value across updates (a `LOG` update still carries the last `progress`).
 */
export interface StatusUpdate {
  readonly stage: JobStage;
  readonly code: StatusCode;
  /** 0-based position among the jobs waiting before it (0 = next); `null` when not queued. */
  readonly rank: number | null;
  /** Jobs waiting in the same queue, this one included; `null` when not queued. */
  readonly queueSize: number | null;
  /**
   * Seconds, measured from `time`: while queued, the estimated time until the result; while running, the average
   * run time of the endpoint. `null` when the server has no estimate yet.
   */
  readonly eta: number | null;
  /** Latest progress levels, or `null` before the first `gr.Progress` update. */
  readonly progress: readonly ProgressUnit[] | null;
  /**
   * While the job's files upload (stage `pending`, code `STARTING`): bytes of file content the server has received,
   * `{ loaded: 0, total }` first, then as Gradio's `upload_progress` stream reports them (uploads of 256 KiB or
   * more), `loaded === total` once uploaded; it keeps that last value. `null` for jobs without files to upload.
   */
  readonly upload: UploadProgress | null;
  /** Latest log message, or `null`. */
  readonly log: LogMessage | null;
  /** `true` once finished successfully, `false` once failed or cancelled, `null` before that. */
  readonly success: boolean | null;
  /** When this update happened (ms since the epoch). */
  readonly time: number;
  /** For failures: the error the job's `result()` rejects with. */
  readonly error: GradioJobsError | null;
  /** For failures: the title the server gave (`gr.Error(title=…)`), else `null`. */
  readonly title: string | null;
  /** For failures: the server's message (`gr.Error("…")`, an exception's text), else the error's own message. */
  readonly message: string | null;
  /**
   * Once `complete`: seconds the server spent on this run (Gradio's `cache_duration`; for a cache hit, the time to
   * serve it from the cache). `null` before, on failures and cancels, and on Gradio before 6.12.
   */
  readonly duration: number | null;
  /**
   * Once `complete`: the endpoint's average run time in seconds (Gradio's `avg_time`), `null` when the server has no
   * average yet and on Gradio before 6.12. While `running`, `eta` holds the same average as the server knew it then.
   */
  readonly averageDuration: number | null;
  /**
   * Once `complete`: whether `gr.cache` served the result (Gradio 6.12+ `used_cache`): `"full"` (the function did not
   * run; such a job goes from `pending` straight to `complete`), `"partial"` (it ran and used a manual cache), else
   * `null`.
   */
  readonly cache: CacheUse | null;
}

/** Whether a stage is final (`complete`, `error` or `cancelled`): the job is done. */
export function isDone(stage: JobStage): boolean {
  return stage === "complete" || stage === "error" || stage === "cancelled";
}
