import { performance } from "node:perf_hooks";
import type { Job, JobOutcome } from "./job.js";
import { errorOutput, JobRunner, type RunnerDeps } from "./job-runner.js";
import { messages, type ServerMessage, type SuccessOutput } from "./messages.js";
import type { StreamEvents } from "./stream-events.js";

/** What the streaming runner needs besides a {@link JobRunner}'s dependencies. */
export interface StreamRunnerDeps extends RunnerDeps {
  readonly streams: StreamEvents;
  /** 6.0+: `POST …/close` ends an event without a time limit too (5.x only sets `run_time = inf`, see below). */
  readonly closeEndsEvent: boolean;
  /** 6.25: a finished event's id is forgotten, so later chunks and closes answer 404. */
  readonly forgetFinished: boolean;
}

const now = () => performance.now() / 1000;

/**
 * A {@link JobRunner} that also runs `connection: "stream"` events the way Gradio's `process_events` does (5.14,
 * 5.45 and 6.25 `queueing.py`):
 * - the function runs once with the join's data, then once per wake-up with the newest chunk's data (chunks that
 *   arrive while it runs overwrite each other: only the latest is used);
 * - after each run while the event is not finished: `process_streaming` with full values and
 *   `time_limit = time_limit - first run's duration` (null without a limit);
 * - it waits for a chunk or a close up to `(time_limit or 30) - first run's duration` seconds; after that the event
 *   ends with `process_completed` repeating the last output;
 * - finished: once `time_limit` seconds have passed since the first run began (Gradio adds the waits to
 *   `run_time`), or after a close — on 5.x only for events with a time limit: 5.x's `is_finished` reads
 *   `run_time >= time_limit`, which is false without one, so a close there only wakes the function once more. A
 *   finishing event runs the function once more (the close's wake-up) and ends with `process_completed` carrying
 *   that run's output, never sent as `process_streaming`.
 */
export class StreamingJobRunner extends JobRunner {
  readonly #streams: StreamEvents;
  readonly #closeEndsEvent: boolean;
  readonly #forgetFinished: boolean;

  constructor(deps: StreamRunnerDeps) {
    super(deps);
    this.#streams = deps.streams;
    this.#closeEndsEvent = deps.closeEndsEvent;
    this.#forgetFinished = deps.forgetFinished;
  }

  override async run(job: Job): Promise<JobOutcome> {
    const limits = job.endpoint.stream;
    const event = this.#streams.get(job.eventId);
    if (!limits || !event) return super.run(job);
    try {
      return await this.#runStream(job, limits.timeLimit);
    } finally {
      event.finished = true;
      if (this.#forgetFinished) this.#streams.forget(job.eventId);
    }
  }

  async #runStream(job: Job, timeLimit: number | null): Promise<JobOutcome> {
    const event = this.#streams.get(job.eventId)!;
    const began = now();
    let output: SuccessOutput;
    try {
      output = await this.#call(job, event.data);
      const firstRun = now() - began;
      const finished = () =>
        (event.closed && (this.#closeEndsEvent || timeLimit !== null)) ||
        (timeLimit !== null && now() - began >= timeLimit);
      while (!finished()) {
        if (job.killer.signal.aborted) return "cancelled";
        if (!job.alive) return "dropped";
        job.channel.push(
          streamingMessage(job.eventId, output, timeLimit === null ? null : timeLimit - firstRun),
        );
        const idleSeconds = (timeLimit ?? 30 * this.deps.options.timeScale) - firstRun;
        const woken = await event.wait(idleSeconds * 1000, job.killer.signal);
        if (job.killer.signal.aborted) return "cancelled";
        if (!job.alive) return "dropped";
        if (!woken) break;
        output = await this.#call(job, event.data);
      }
    } catch (error) {
      if (job.killer.signal.aborted) return "cancelled";
      if (!job.alive) return "dropped";
      const { output: failure, title } = errorOutput(error, this.deps.options.features.errorVisible);
      job.channel.push(messages.completed(job.eventId, failure, false, title, this.cacheFields(null)));
      return "error";
    }
    const final = { ...output, is_generating: false };
    job.channel.push(messages.completed(job.eventId, final, true, null, this.cacheFields(final)));
    return "completed";
  }

  /** One run of the function on `data`: its output as Gradio's `response` (`is_generating` true while streaming). */
  async #call(job: Job, data: unknown[]): Promise<SuccessOutput> {
    const { run } = job.endpoint;
    if (run.kind !== "function") throw new Error("stream events of the test server run plain functions");
    const started = now();
    const inputs = await this.preprocess(job, data);
    const outputs = this.postprocess(job, await run.fn(inputs, this.contextFor(job)));
    return this.output(job, outputs, true, now() - started);
  }
}

/** `process_streaming`: Gradio's `ProcessGeneratingMessage` for stream events, full values, seconds left. */
function streamingMessage(eventId: string, output: SuccessOutput, timeLimit: number | null): ServerMessage {
  return { msg: "process_streaming", event_id: eventId, output, success: true, time_limit: timeLimit };
}
