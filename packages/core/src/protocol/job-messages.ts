/**
 * Turns the stream messages of one event into job events and outputs (protocol §4.4–§4.8, §14): diffs applied,
 * State outputs dropped, file URLs made absolute, the final generator value not counted twice, and a completion
 * without `data` recognised as a cancel.
 * @module
 */

import { type EndpointInfo, visibleOutputs } from "../endpoints.js";
import { CancelledError, ProtocolError } from "../errors.js";
import { resolveFileUrls } from "../files.js";
import type { JobDriver, Outputs } from "../job.js";
import type { Dialect } from "./dialects.js";
import { applyDiff, DiffMismatch, type DiffOperation } from "./diff.js";
import { appErrorFromOutput, type OutputPayload, type ServerMessage } from "./messages.js";
import type { StreamListener } from "./session-stream.js";

/** Context for translating one job's messages. */
export interface JobMessageContext {
  readonly endpoint: EndpointInfo;
  readonly dialect: Dialect;
  /** `{root}{P}`, to make file URLs absolute. */
  readonly apiBase: string;
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
    if (!diffs || current === null) current = fullValues(output);
    else {
      const edits = output.data;
      if (edits.length !== current.length) {
        throw new ProtocolError(
          `A diff has ${edits.length} outputs, the value has ${current.length}.`,
          output,
        );
      }
      // Resolved after the edits: an edit may set a FileData's url itself (relative, or javascript:).
      current = current.map((value, i) =>
        resolveFileUrls(applyDiff(value, edits[i] as DiffOperation[]), apiBase),
      );
    }
    yields += 1;
    driver.output(visibleOutputs(endpoint, current) as unknown as O);
  };

  const completed = (message: Extract<ServerMessage, { msg: "process_completed" }>) => {
    const { output } = message;
    if (message.success && Array.isArray(output.data)) {
      const final = visibleOutputs(endpoint, fullValues(output)) as unknown as O;
      // The completion repeats the last yield of a generator in full (protocol §4.6): it is not a new output.
      driver.complete(final, yields === 0);
    } else if (message.success) {
      // Gradio reports a cancelled event as a success without data (protocol §7).
      driver.apply({ type: "cancelled", error: new CancelledError("The job was cancelled on the server.") });
    } else {
      driver.fail(appErrorFromOutput(output, message.title));
    }
  };

  return {
    message(message) {
      if (driver.settled) return;
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
  };
}
