import type { FileData, FileStore } from "../files/file-store.js";

/** One unit of `progress_data` (gr.Progress). */
export interface ProgressUnit {
  index: number | null;
  length: number | null;
  unit: string | null;
  progress: number | null;
  desc: string | null;
}

/** Level of a `log` message (gr.Info / gr.Warning / gr.Success). */
export type LogLevel = "info" | "warning" | "success";

/** What a demo function can do while it runs: the server-side stand-ins for Gradio's helpers. */
export interface JobContext {
  /** The job's session (`gr.Request.session_hash`). */
  readonly sessionHash: string;
  /** Aborted when the job is killed (cancel, server close). */
  readonly signal: AbortSignal;
  /** Sleeps `seconds × timeScale`; rejects with {@link JobKilledError} when the job is killed. */
  sleep(seconds: number): Promise<void>;
  /** Sends a `progress` message. */
  progress(units: ProgressUnit[]): void;
  /** Sends a `log` message, as gr.Info / gr.Warning do. */
  log(level: LogLevel, message: string): void;
  /** Resolves once `server.release(key)` has been called (test-only /hold). */
  waitForRelease(key: string): Promise<void>;
  /** The upload directory. */
  readonly files: FileStore;
  /** Builds an output FileData whose url is `{root}{P}/file={path}`. */
  outputFile(path: string, size: number | null): FileData;
}

/** `raise gr.Error(message)`: an error the app shows to the user. */
export class GradioError extends Error {
  readonly duration = 10;
  readonly visible = true;
  readonly title = "Error";
}

/** Thrown into a demo function when its job is killed. */
export class JobKilledError extends Error {
  constructor() {
    super("job killed");
  }
}

/** A plain (non-generator) demo function: inputs in `dependency.inputs` order, outputs in `outputs` order. */
export type DemoFunction = (inputs: unknown[], context: JobContext) => Promise<unknown[]>;

/** A generator demo function: one yield per `process_generating`. */
export type DemoGenerator = (inputs: unknown[], context: JobContext) => AsyncGenerator<unknown[], void, void>;
