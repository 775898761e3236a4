/**
 * What a job is told when its cancel did not simply stop it on the server: the server had finished it first, could
 * not be told, or cannot stop it. Rare, so loaded on first use.
 * @module
 */
import { CancelledError } from "../errors.js";
import type { CancelReport } from "../session/session-stream.js";
import type { JobDriver, Outputs } from "./job.js";
import { completionOutputs } from "./job-messages.js";

/** Tells the job what its cancel did on the server when that is not simply "stopped"; resolves with `stopped`. */
export function reportCancel<O extends Outputs>(
  driver: JobDriver<O>,
  report: Exclude<CancelReport, { stopped: true }>,
  context: Parameters<typeof completionOutputs>[1],
): boolean {
  let error: CancelledError;
  if (report.reason === "finished") {
    const outputs = completionOutputs(report.completion, context);
    error = new CancelledError(
      outputs
        ? "The job was cancelled, but the server had already finished it: its outputs are in error.outputs."
        : "The job was cancelled, but the server had already finished it (with an error).",
      outputs ?? undefined,
    );
  } else if (report.reason === "unreachable") {
    error = new CancelledError(
      `The job was cancelled here, but telling the server failed twice (${report.detail}): it may still run there.`,
    );
  } else {
    error = new CancelledError(
      "The job was cancelled here, but this Gradio version (before 4.31) cannot stop it without stopping the " +
        "session's other jobs: it runs to its end on the server.",
    );
  }
  driver.apply({ type: "cancelNotice", error });
  return false;
}
