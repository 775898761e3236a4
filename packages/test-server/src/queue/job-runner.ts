import { basename } from "node:path";
import { performance } from "node:perf_hooks";
import type { TestApp } from "../app/app.js";
import type { ComponentSpec } from "../app/components.js";
import type { FileData, FileStore } from "../files/file-store.js";
import { downloadRemoteInput, isRemoteInput } from "../files/remote-input.js";
import type { HoldRegistry } from "../holds.js";
import type { ResolvedOptions } from "../options.js";
import type { Timers } from "../timers.js";
import { diff } from "./diff.js";
import type { Job, JobOutcome } from "./job.js";
import { GradioError, type JobContext } from "./job-context.js";
import { type CacheFields, messages, type SuccessOutput } from "./messages.js";
import type { Timings } from "./timings.js";

/** What running a demo function needs from the server. */
export interface RunnerDeps {
  app: TestApp;
  options: ResolvedOptions;
  timers: Timers;
  holds: HoldRegistry;
  files: FileStore;
  timings: Timings;
  /** A generator step was published (index = 0-based yield number). */
  onOutput(job: Job, index: number): void;
}

const now = () => performance.now() / 1000;

/**
 * Gradio's error payload for `process_completed` (`success:false`, §4.8). `visible` is 6.x's extra key on a
 * plain exception's payload (errors-misc.txt).
 */
export function errorOutput(
  error: unknown,
  visible = false,
): { output: Record<string, unknown>; title: string } {
  if (error instanceof GradioError) {
    const output = {
      error: error.message,
      duration: error.duration,
      visible: error.visible,
      title: error.title,
    };
    return { output, title: error.title };
  }
  // show_error=True on 5.x: a plain exception carries only its text (sse-errors-misc.txt).
  const text = error instanceof Error ? error.message : String(error);
  return { output: visible ? { error: text, visible: true } : { error: text }, title: "Error" };
}

function pythonRepr(spec: ComponentSpec): string {
  const address = (0x7ff743800000 + spec.config.id * 0x150).toString(16);
  return `<gradio.components.${spec.pythonClass} object at 0x${address}>`;
}

function isFileData(value: unknown): value is FileData {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Partial<FileData>;
  return typeof candidate.path === "string" && candidate.meta?._type === "gradio.FileData";
}

/**
 * Runs one job: preprocesses inputs (arity, State, FileData), calls the demo function, and publishes
 * `progress` / `log` / `process_generating` (full first, then diffs on sse_v2+) / `process_completed`.
 * A killed job publishes nothing more; a job whose client left runs on but its results are discarded
 * (a generator stops at its next step).
 */
export class JobRunner {
  constructor(protected readonly deps: RunnerDeps) {}

  async run(job: Job): Promise<JobOutcome> {
    const { endpoint } = job;
    const started = now();
    let outcome: JobOutcome;
    try {
      const inputs = await this.preprocess(job, job.data ?? []);
      const { run } = endpoint;
      const context = this.contextFor(job);
      outcome =
        run.kind === "generator"
          ? await this.runGenerator(job, run.fn(inputs, context))
          : await this.runFunction(job, run.fn(inputs, context));
    } catch (error) {
      if (job.killer.signal.aborted) return "cancelled";
      if (!job.alive) return "dropped";
      this.deps.timings.recordCall(endpoint.id, now() - started);
      const { output, title } = errorOutput(error, this.deps.options.features.errorVisible);
      const cache = this.cacheFields(null);
      job.channel.push(messages.completed(job.eventId, output, false, title, cache));
      outcome = "error";
    }
    if (outcome === "completed" || outcome === "error")
      this.deps.timings.recordEvent(endpoint.id, now() - started);
    return outcome;
  }

  /** Calls a queue:false function directly (`POST {P}/run/...`) and returns its `output` object. */
  async runDirect(job: Job): Promise<SuccessOutput> {
    const inputs = await this.preprocess(job, job.data ?? []);
    if (job.endpoint.run.kind === "generator") throw new Error("generators cannot be called through /run");
    const started = now();
    const outputs = this.postprocess(job, await job.endpoint.run.fn(inputs, this.contextFor(job)));
    return this.output(job, outputs, false, now() - started);
  }

  private async runFunction(job: Job, pending: Promise<unknown[]>): Promise<JobOutcome> {
    const started = now();
    const result = await pending;
    if (job.killer.signal.aborted) return "cancelled";
    if (!job.alive) return "dropped";
    const outputs = this.postprocess(job, result);
    const output = this.output(job, outputs, false, now() - started);
    job.channel.push(messages.completed(job.eventId, output, true, null, this.cacheFields(output)));
    return "completed";
  }

  /** 6.12+: the top-level cache fields copy the output's timings (all null on errors and cancels). */
  protected cacheFields(output: SuccessOutput | null): CacheFields | undefined {
    if (!this.deps.options.features.cacheFields) return undefined;
    return { cache_duration: output?.duration ?? null, avg_time: output?.average_duration ?? null };
  }

  /**
   * Runs a generator step by step. Its diff state lives in the session (`DiffRuns`): a normally finished run
   * drops it; a cancelled, killed, failed or dead run leaves it behind, and on 6.x the session's next generator
   * run may continue that chain (its first message is then a diff).
   */
  private async runGenerator(job: Job, steps: AsyncGenerator<unknown[], void, void>): Promise<JobOutcome> {
    const run = job.session.diffRuns.open();
    try {
      let stepStarted = now();
      for (let index = 0; ; index++) {
        const step = await steps.next();
        if (job.killer.signal.aborted) {
          await steps.return();
          return "cancelled";
        }
        if (step.done) break;
        if (!job.alive) {
          await steps.return();
          return "dropped";
        }
        const outputs = this.postprocess(job, step.value);
        const previous = run.previous();
        const data: unknown[] =
          previous && this.deps.options.dialect.sendsDiffs
            ? outputs.map((value, position) => diff(previous[position], value))
            : outputs;
        run.record(outputs);
        const duration = now() - stepStarted;
        stepStarted = now();
        job.channel.push(messages.generating(job.eventId, this.output(job, data, true, duration)));
        this.deps.onOutput(job, index);
      }
      // The final message repeats the stored value (a reused run that never yielded repeats the old run's).
      const final = run.previous() ?? job.endpoint.outputs.map(() => null);
      run.finish();
      const output = this.output(job, final, false, now() - stepStarted);
      job.channel.push(messages.completed(job.eventId, output, true, null, this.cacheFields(output)));
      return "completed";
    } finally {
      run.abandon();
    }
  }

  protected output(job: Job, data: unknown[], generating: boolean, duration: number): SuccessOutput {
    const average = this.deps.timings.recordCall(job.endpoint.id, duration);
    return {
      data,
      is_generating: generating,
      duration,
      average_duration: average,
      render_config: generating ? null : (job.endpoint.renderConfig?.(job.session.hash) ?? null),
      changed_state_ids: [],
      ...(this.deps.options.features.cacheFields && { used_cache: null }),
    };
  }

  protected async preprocess(job: Job, data: unknown[]): Promise<unknown[]> {
    const specs = job.endpoint.inputs.map((id) => this.deps.app.components.get(id)!);
    if (data.length < specs.length) {
      throw new Error(
        `An event handler (${job.endpoint.pythonName}) didn't receive enough input values ` +
          `(needed: ${specs.length}, got: ${data.length}).\n` +
          "Check if the event handler calls a Javascript function, and make sure its return value is correct.\n" +
          `Wanted inputs:\n    [${specs.map(pythonRepr).join(", ")}]\n` +
          `Received inputs:\n    ${JSON.stringify(data).replaceAll(",", ", ")}`,
      );
    }
    return Promise.all(specs.map((spec, position) => this.preprocessValue(job, spec, data[position])));
  }

  private async preprocessValue(job: Job, spec: ComponentSpec, value: unknown): Promise<unknown> {
    // The server ignores the value sent for a State input and uses the session's own (§3.4).
    if (spec.state) {
      const { state } = job.session;
      return state.has(spec.config.id) ? state.get(spec.config.id) : spec.state.initial;
    }
    if (!spec.fileLike || value === null) return value;
    if (!isFileData(value))
      throw new Error(`Invalid file data for ${spec.api?.component}: meta._type must be "gradio.FileData"`);
    if (isRemoteInput(value.path)) return downloadRemoteInput(this.deps.files, value);
    if (!this.deps.files.isAllowed(value.path) || (await this.deps.files.sizeOf(value.path)) === null) {
      throw new Error(`File ${value.path} is not in the upload folder and cannot be accessed.`);
    }
    return value;
  }

  /** Stores State outputs in the session and replaces them with null, as Gradio does. */
  protected postprocess(job: Job, outputs: unknown[]): unknown[] {
    return job.endpoint.outputs.map((id, position) => {
      const value = outputs[position] ?? null;
      if (!this.deps.app.components.get(id)?.state) return value;
      job.session.state.set(id, value);
      return null;
    });
  }

  protected contextFor(job: Job): JobContext {
    const { options, timers, holds, files } = this.deps;
    const signal = job.killer.signal;
    return {
      sessionHash: job.session.hash,
      signal,
      sleep: (secondsToSleep) => timers.sleep(secondsToSleep * options.timeScale * 1000, signal),
      progress: (units) => {
        if (job.alive && !signal.aborted) job.channel.push(messages.progress(job.eventId, units));
      },
      log: (level, text) => {
        if (job.alive && !signal.aborted) job.channel.push(messages.log(job.eventId, level, text));
      },
      waitForRelease: (key) => holds.wait(key, signal),
      files,
      outputFile: (path, size) => ({
        path,
        url: `${job.root}${options.apiPrefix}/file=${path}`,
        size,
        orig_name: basename(path),
        mime_type: null,
        is_stream: false,
        meta: { _type: "gradio.FileData" },
      }),
    };
  }
}
