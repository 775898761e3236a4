/**
 * Turns the stream messages of one event into job events and outputs (protocol §4.4–§4.8, §14): diffs applied,
 * State outputs dropped, file URLs made absolute, the final generator value not counted twice, and a completion
 * without `data` recognised as a cancel.
 * @module
 */

import { CancelledError, ProtocolError } from "../errors.js";
import { resolveFileUrls } from "../http/files.js";
import type { Completion, StreamListener } from "../session/session-stream.js";
import type { Dialect } from "../wire/dialects.js";
import { applyDiff, DiffMismatch, type DiffOperation } from "../wire/diff.js";
import { type EndpointInfo, visibleOutputs } from "../wire/endpoints.js";
import { appErrorFromOutput, type OutputPayload } from "../wire/messages.js";
import type { JobDriver, Outputs } from "./job.js";

/** Context for translating one job's messages. */
export interface JobMessageContext {
  readonly endpoint: EndpointInfo;
  readonly dialect: Dialect;
  /** `{root}{P}`, to make file URLs absolute. */
  readonly apiBase: string;
  /** Values a first generator message may be a diff against (see {@link SessionStream.diffBases}). */
  readonly diffBases?: () => readonly (readonly unknown[])[];
}

/** A {@link StreamListener} that drives one job from its messages. */
export function jobListener<O extends Outputs>(
  driver: JobDriver<O>,
  context: JobMessageContext,
): StreamListener {
  const { endpoint, dialect, apiBase } = context;
  let current: unknown[] | null = null;
  let yields = 0;

  const fullValues = (output: OutputPayload): unknown[] => {
    const data = output.data as unknown[];
    return data.map((value) => resolveFileUrls(value, apiBase));
  };

  const generating = (output: OutputPayload, diffs: boolean) => {
    if (!Array.isArray(output.data)) throw new ProtocolError("A generator message carries no data.", output);
    if (!diffs) current = fullValues(output);
    else if (current === null) current = firstValues(output);
    else current = patched(current, output);
    yields += 1;
    driver.output(visibleOutputs(endpoint, current) as unknown as O);
  };

  const patched = (base: readonly unknown[], output: OutputPayload): unknown[] => {
    const edits = output.data as unknown[];
    if (edits.length !== base.length) {
      throw new ProtocolError(`A diff has ${edits.length} outputs, the value has ${base.length}.`, output);
    }
    // Resolved after the edits: an edit may set a FileData's url itself (relative, or javascript:).
    return base.map((value, i) => resolveFileUrls(applyDiff(value, edits[i] as DiffOperation[]), apiBase));
  };

  /**
   * A generator's first message carries full values, except when Gradio continues the diff chain of a run cancelled
   * earlier in the session (protocol §16.3 a: it keys the last value by the run's object id, which a new run can
   * reuse). Only then, and only when every output is an edit list, is it read as a diff: against the newest
   * cancelled run's values it fits, else against nothing (edits that replace whole values need no base).
   */
  const firstValues = (output: OutputPayload): unknown[] => {
    const bases = context.diffBases?.() ?? [];
    if (bases.length === 0 || !isEditLists(output.data)) return fullValues(output);
    for (let i = bases.length - 1; i >= 0; i--) {
      try {
        return patched(bases[i] as readonly unknown[], output);
      } catch {}
    }
    return patched(
      (output.data as unknown[]).map(() => null),
      output,
    );
  };

  const completed = (message: Completion) => {
    const { output } = message;
    const final = completionOutputs(message, context) as O | null;
    if (final) {
      // The completion repeats the last yield of a generator in full (protocol §4.6): it is not a new output.
      driver.complete(final, yields === 0, message.report);
    } else if (message.success) {
      // Gradio reports a cancelled event as a success without data (protocol §7).
      driver.apply({ type: "cancelled", error: new CancelledError("The job was cancelled on the server.") });
    } else {
      driver.fail(appErrorFromOutput(output, message.title));
    }
  };

  return {
    message(message) {
      if (driver.done) return;
      try {
        switch (message.msg) {
          case "estimation":
            driver.apply({
              type: "queued",
              rank: message.rank,
              queueSize: message.queueSize,
              eta: message.eta,
            });
            return;
          case "process_starts":
            driver.apply({ type: "started", eta: message.eta });
            return;
          case "progress":
            driver.apply({ type: "progress", progress: message.progress });
            return;
          case "log":
            driver.apply({ type: "log", log: message.log });
            return;
          case "process_generating":
            generating(message.output, dialect.diffs);
            return;
          case "process_streaming":
            generating(message.output, false);
            return;
          case "process_completed":
            completed(message);
            return;
          default:
            return;
        }
      } catch (error) {
        driver.fail(
          error instanceof ProtocolError
            ? error
            : new ProtocolError(
                error instanceof DiffMismatch
                  ? `A diff from the server does not apply: ${error.message}`
                  : String(error),
                message,
              ),
        );
      }
    },
    lost(error) {
      driver.fail(error);
    },
    values: () => current,
  };
}

/** The API-visible outputs of a successful completion with data (file URLs absolute), else `null`. */
export function completionOutputs(message: Completion, context: JobMessageContext): Outputs | null {
  const { output } = message;
  if (!message.success || !Array.isArray(output.data)) return null;
  return visibleOutputs(
    context.endpoint,
    output.data.map((value: unknown) => resolveFileUrls(value, context.apiBase)),
  );
}

const EDIT_OPS = new Set(["replace", "append", "add", "delete"]);

/** Whether `data` is one list of `[op, path, value]` edits per output, as Gradio's diffs are (and not all empty). */
function isEditLists(data: unknown): boolean {
  return (
    Array.isArray(data) &&
    data.some((edits) => Array.isArray(edits) && edits.length > 0) &&
    data.every(
      (edits) =>
        Array.isArray(edits) &&
        edits.every(
          (edit) =>
            Array.isArray(edit) && edit.length === 3 && EDIT_OPS.has(edit[0]) && Array.isArray(edit[1]),
        ),
    )
  );
}
