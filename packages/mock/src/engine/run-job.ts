/**
 * Runs one job's endpoint function and says what happened as Gradio's messages: `process_starts`, `progress`,
 * `log`, `process_generating` (full values first, then diffs) and `process_completed` (protocol §4.4–§4.8, the
 * 6.25 fields of §16.2).
 * @module
 */
import { type Component, type FileData, isFileContent } from "../definition/components.js";
import type { MockApp, MockEndpoint } from "../definition/define-app.js";
import { GradioError } from "../definition/errors.js";
import type { JobContext, LogOptions } from "../definition/job-context.js";
import { editsBetween } from "./diff.js";
import type { FileStore } from "./files.js";
import type { QueueMessage, Session } from "./session.js";

/** What a run needs from the mock. */
export interface RunEnvironment {
  readonly app: MockApp;
  readonly files: FileStore;
  readonly timeScale: number;
  /** Component ids of each endpoint's inputs and outputs (for State). */
  readonly inputIds: (endpoint: MockEndpoint) => readonly number[];
  readonly outputIds: (endpoint: MockEndpoint) => readonly number[];
  readonly average: (endpoint: MockEndpoint) => number | null;
}

/** One run: the job's facts and where its messages go. */
export interface Run {
  readonly eventId: string;
  readonly session: Session;
  readonly endpoint: MockEndpoint;
  readonly data: readonly unknown[];
  readonly fileUrlBase: string;
  readonly signal: AbortSignal;
  readonly emit: (message: QueueMessage) => void;
}

type Payload = Record<string, unknown>;

function isIterator(value: unknown): value is AsyncIterator<unknown> | Iterator<unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Iterator<unknown>).next === "function" &&
    (Symbol.asyncIterator in value || Symbol.iterator in value) &&
    !Array.isArray(value)
  );
}

/** Rejects when `signal` aborts. */
function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
}

/** The 6.25 completion fields (§16.2): on 5.x none of them exist. */
function cacheFields(app: MockApp, duration: number | null, average: number | null): Payload {
  return app.protocol === "6.25" ? { used_cache: null, cache_duration: duration, avg_time: average } : {};
}

/** The completion of a cancelled job: `output: {}`, `success: true` (protocol §7). */
export function cancelledCompletion(app: MockApp, eventId: string): QueueMessage {
  return {
    msg: "process_completed",
    event_id: eventId,
    output: {},
    success: true,
    title: null,
    ...cacheFields(app, null, null),
  };
}

function jobContext(run: Run, env: RunEnvironment): JobContext {
  const message = (msg: string, fields: Payload) => {
    if (!run.signal.aborted) run.emit({ msg, event_id: run.eventId, ...fields });
  };
  const log =
    (level: string, title: string) =>
    (text: string, options: LogOptions = {}) =>
      message("log", {
        log: text,
        level,
        duration: options.duration === undefined ? 10 : options.duration,
        visible: options.visible ?? true,
        title: options.title ?? title,
      });
  return {
    eventId: run.eventId,
    sessionHash: run.session.hash,
    endpoint: `/${run.endpoint.apiName}`,
    signal: run.signal,
    sleep: (seconds) =>
      new Promise<void>((resolve, reject) => {
        if (run.signal.aborted) return reject(run.signal.reason);
        // The timer goes with the job: a cancelled long sleep must not keep a Node process alive.
        const stop = () => {
          clearTimeout(timer);
          reject(run.signal.reason);
        };
        const timer = setTimeout(
          () => {
            run.signal.removeEventListener("abort", stop);
            resolve();
          },
          Math.max(0, seconds) * 1000 * env.timeScale,
        );
        run.signal.addEventListener("abort", stop, { once: true });
      }),
    progress: (value, desc, unit = "steps") => {
      const [index, length, fraction] =
        typeof value === "number" ? [null, null, value] : [value[0], value[1], null];
      message("progress", {
        progress_data: [{ index, length, unit, progress: fraction, desc: desc ?? null }],
      });
    },
    info: log("info", "Info"),
    warning: log("warning", "Warning"),
    success: log("success", "Success"),
    readFile: (file) => {
      const path = typeof file === "string" ? file : file.path;
      const bytes = env.files.read(path);
      if (!bytes) throw new Error(`File ${path} is not in the upload folder and cannot be accessed.`);
      return bytes;
    },
  };
}

const PRIVATE_HOST =
  /^(localhost|0\.0\.0\.0|127\.|10\.|192\.168\.|169\.254\.|172\.(1[6-9]|2\d|3[01])\.|\[?::1\]?$)/;

/**
 * A URL input (`path` and `url` set to an http(s) URL, protocol §8): Gradio downloads it behind an SSRF guard that
 * refuses loopback and private hosts; so does the mock, with the same message.
 */
async function download(url: string, env: RunEnvironment, fileUrlBase: string): Promise<FileData> {
  const { hostname } = new URL(url);
  if (PRIVATE_HOST.test(hostname)) throw new Error(`Hostname ${hostname} failed validation`);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Failed to download ${url}: HTTP ${response.status}`);
  const name = decodeURIComponent(new URL(url).pathname.split("/").pop() || "file");
  const bytes = new Uint8Array(await response.arrayBuffer());
  return env.files.describe(env.files.save(name, bytes, response.headers.get("content-type")), fileUrlBase);
}

async function inputValues(run: Run, env: RunEnvironment): Promise<unknown[]> {
  const { endpoint, data } = run;
  const fnName = endpoint.apiName;
  if (data.length < endpoint.parameters.length) {
    throw new Error(
      `An event handler (${fnName}) didn't receive enough input values (needed: ${endpoint.parameters.length}, got: ${data.length}).`,
    );
  }
  const ids = env.inputIds(endpoint);
  const values: unknown[] = [];
  for (const [i, component] of endpoint.parameters.entries()) {
    if (component.state) {
      const id = ids[i] as number;
      if (!run.session.state.has(id)) run.session.state.set(id, structuredClone(component.value));
      values.push(run.session.state.get(id));
      continue;
    }
    const value = data[i];
    const path = component.file && value != null ? (value as FileData).path : null;
    if (path !== null && /^https?:\/\//.test(String(path)))
      values.push(await download(path, env, run.fileUrlBase));
    else if (path !== null && (typeof path !== "string" || !env.files.has(path))) {
      throw new Error(`File ${String(path)} is not in the upload folder and cannot be accessed.`);
    } else values.push(value);
  }
  return values;
}

/** The endpoint's return value as one value per output, then as sent on the wire (files stored, State hidden). */
function outputValues(run: Run, env: RunEnvironment, value: unknown): unknown[] {
  const { outputs, apiName } = run.endpoint;
  let values: readonly unknown[];
  if (outputs.length === 0) values = [];
  else if (outputs.length === 1) values = [value];
  else if (Array.isArray(value) && value.length === outputs.length) values = value;
  else {
    const returned = Array.isArray(value) ? value.length : 1;
    throw new Error(
      `A function (${apiName}) didn't return enough output values (needed: ${outputs.length}, returned: ${returned}).`,
    );
  }
  const ids = env.outputIds(run.endpoint);
  return values.map((item, i) => {
    const component = outputs[i] as Component;
    if (component.state) {
      run.session.state.set(ids[i] as number, item);
      return null;
    }
    if (component.file && isFileContent(item)) return env.files.output(item, run.fileUrlBase);
    return item ?? null;
  });
}

function failure(env: RunEnvironment, error: unknown): Payload {
  if (error instanceof GradioError) {
    const { message, duration, visible, title } = error;
    return { output: { error: message, duration, visible, title }, success: false, title };
  }
  const text = error instanceof Error ? error.message : String(error);
  const output = env.app.protocol === "6.25" ? { error: text, visible: true } : { error: text };
  return { output, success: false, title: "Error" };
}

/**
 * Runs `run` to its end and resolves with its duration in seconds, or `null` when it failed or was stopped. A
 * stopped run (its signal aborted) sends nothing more: the cancel route sends the cancelled completion itself.
 */
export async function runJob(run: Run, env: RunEnvironment): Promise<number | null> {
  const { app } = env;
  const modern = app.protocol === "6.25";
  const started = performance.now();
  const send = (msg: string, fields: Payload) => {
    if (!run.signal.aborted) run.emit({ msg, event_id: run.eventId, ...fields });
  };
  const outputFields = (data: unknown[], generating: boolean) => {
    const duration = (performance.now() - started) / 1000;
    const average = env.average(run.endpoint) ?? duration;
    return {
      data,
      is_generating: generating,
      duration,
      average_duration: average,
      render_config: null,
      changed_state_ids: [],
      ...(modern ? { used_cache: null } : {}),
    };
  };
  send("process_starts", { eta: env.average(run.endpoint) });
  try {
    const args = await inputValues(run, env);
    const result = (run.endpoint.fn as (...values: unknown[]) => unknown)(...args, jobContext(run, env));
    let final: unknown[];
    if (isIterator(result)) {
      if (!run.endpoint.generator) {
        throw new Error(`/${run.endpoint.apiName} returned an iterator: define it with generator: true`);
      }
      let previous: unknown[] | null = null;
      const iterable = (Symbol.asyncIterator in result ? result : { [Symbol.iterator]: () => result }) as
        | AsyncIterable<unknown>
        | Iterable<unknown>;
      for await (const value of iterable) {
        if (run.signal.aborted) break;
        const wire = outputValues(run, env, value);
        const data = previous === null ? wire : wire.map((item, i) => editsBetween(previous?.[i], item));
        send("process_generating", { output: outputFields(data, true), success: true, time_limit: null });
        previous = wire;
      }
      final = previous ?? run.endpoint.outputs.map(() => null);
    } else {
      if (run.endpoint.generator) {
        throw new Error(
          `/${run.endpoint.apiName} is a generator endpoint, but its function returned no iterator`,
        );
      }
      final = outputValues(run, env, await Promise.race([result, aborted(run.signal)]));
    }
    if (run.signal.aborted) return null;
    const output = outputFields(final, false);
    send("process_completed", {
      output,
      success: true,
      title: null,
      ...cacheFields(app, output.duration, output.average_duration),
    });
    return output.duration;
  } catch (error) {
    send("process_completed", { ...failure(env, error), ...cacheFields(app, null, null) });
    return null;
  }
}
