import type { DemoFunction, DemoGenerator } from "../queue/job-context.js";
import type { RunLog } from "./run-log.js";

/** The work app's functions, recording into `log` (conformance/apps/work.py, same behaviour). */
export interface WorkFunctions {
  work: DemoFunction;
  workStream: DemoGenerator;
  statefulWork: DemoFunction;
  runs: DemoFunction;
  resetRuns: DemoFunction;
  unloaded: DemoFunction;
  onUnload: DemoFunction;
}

/**
 * Builds the work app's functions. A run that is killed (`/cancel`, server close) or, for the generator, closed
 * at its next yield because its stream was closed records "cancelled", as Python's try/except BaseException
 * does on `CancelledError` / `GeneratorExit`. A plain function whose job Gradio only flags as dead runs to its
 * end and records "completed", as in Python.
 */
export function workFunctions(log: RunLog): WorkFunctions {
  return {
    /** `/work`: sleeps 1.5 s, returns "work:" + text. */
    async work([text], context) {
      const end = log.start("/work", text, context.sessionHash);
      try {
        await context.sleep(1.5);
      } catch (error) {
        end("cancelled");
        throw error;
      }
      end("completed");
      return [`work:${String(text)}`];
    },

    /** `/work_stream`: n times sleep 0.1 s, append " i", yield the text so far (append diffs). */
    async *workStream([text, n], context) {
      const end = log.start("/work_stream", text, context.sessionHash);
      let out = String(text);
      let finished = false;
      try {
        for (let i = 0; i < Math.trunc(Number(n)); i++) {
          await context.sleep(0.1);
          out += ` ${i}`;
          yield [out];
        }
        finished = true;
      } finally {
        end(finished ? "completed" : "cancelled");
      }
    },

    /** `/stateful_work`: sleeps 1.5 s, then the session's State + 1: outputs [`${text}:${count}`, count]. */
    async statefulWork([text, state], context) {
      const end = log.start("/stateful_work", text, context.sessionHash);
      try {
        await context.sleep(1.5);
      } catch (error) {
        end("cancelled");
        throw error;
      }
      end("completed");
      const count = Number(state) + 1;
      return [`${String(text)}:${count}`, count];
    },

    /** `/runs`: the run log. */
    async runs() {
      return [log.runs()];
    },

    /** `/reset_runs`: clears the run log and the unload list. */
    async resetRuns() {
      log.reset();
      return [{ ok: true }];
    },

    /** `/unloaded`: the sessions whose `demo.unload` listener ran. */
    async unloaded() {
      return [{ unloaded: log.unloaded() }];
    },

    /** The `demo.unload` listener: records the session. */
    async onUnload(_inputs, context) {
      log.recordUnload(context.sessionHash);
      return [];
    },
  };
}
