/**
 * What an endpoint function receives after its parameters: the job it runs for, with Gradio's `gr.Progress`,
 * `gr.Info`/`gr.Warning`/`gr.Success`, a sleep on the mock's clock and a cancel signal.
 * @module
 */
import type { FileData } from "./components.js";

/**
 * Options of a log message (`gr.Info(message, duration=10, visible=True, title=…)`).
 * @example
 * ```ts
 * import { endpoint } from "@gradio-jobs/mock";
 * const warn = endpoint({ fn: (job) => job.warning("disk almost full", { duration: null, title: "Storage" }) });
 * ```
 */
export interface LogOptions {
  /** Seconds shown; `null` keeps it until dismissed. Default 10. */
  readonly duration?: number | null;
  readonly visible?: boolean;
  /** Default: "Info", "Warning" or "Success". */
  readonly title?: string;
}

/**
 * The running job, passed as the last argument of every endpoint function.
 *
 * @example
 * ```ts
 * import { endpoint, number, textbox } from "@gradio-jobs/mock";
 * const work = endpoint({
 *   parameters: [number("steps", { value: 3 })],
 *   outputs: [textbox("result")],
 *   fn: async (steps, job) => {
 *     for (let i = 0; i < steps; i++) {
 *       job.progress([i, steps], "Working");
 *       await job.sleep(0.5); // 0.5 s of app time (× the mock's timeScale); rejects when the job is cancelled
 *     }
 *     job.info("all done");
 *     return `did ${steps} steps`;
 *   },
 * });
 * ```
 */
export interface JobContext {
  /** The `event_id` the join answered. */
  readonly eventId: string;
  /** The client's `session_hash`. */
  readonly sessionHash: string;
  /** The endpoint's api name, with its slash (`"/predict"`). */
  readonly endpoint: string;
  /** Aborted when the job is cancelled (`POST /cancel`) or its session's stream is closed. */
  readonly signal: AbortSignal;
  /**
   * Waits `seconds` of app time: `seconds × timeScale` of real time. Rejects when {@link signal} aborts, which ends
   * a cancelled function at once (like Gradio cancelling its task).
   */
  sleep(seconds: number): Promise<void>;
  /**
   * `gr.Progress`: `progress(0.25, "step 1/4")` sends a fraction; `progress([index, length], desc, unit)` sends
   * tqdm-style counts (`length` may be `null` for an unknown total). Units default to "steps".
   */
  progress(
    value: number | readonly [index: number, length: number | null],
    desc?: string,
    unit?: string,
  ): void;
  /** `gr.Info(message)`. */
  info(message: string, options?: LogOptions): void;
  /** `gr.Warning(message)`. */
  warning(message: string, options?: LogOptions): void;
  /** `gr.Success(message)`. */
  success(message: string, options?: LogOptions): void;
  /** The bytes of a file the client uploaded (`POST {P}/upload`) or an endpoint returned. */
  readFile(file: FileData | string): Uint8Array;
}
