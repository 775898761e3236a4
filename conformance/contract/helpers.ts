/**
 * What the scenarios share: clients closed after each test, waiting on job statuses (never on fixed sleeps), and a
 * `fetch` whose event streams the test can drop like a lost network.
 * @module
 */

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Client, type ClientOptions, type FetchLike, type Job, type StatusUpdate } from "@gradio-jobs/core";
import { afterEach, expect } from "vitest";

/**
 * Connects clients for one test and closes them all after it. With `CONFORMANCE_WIRE_LOG=DIR` set, every request,
 * response and event-stream frame of the test is also written to `DIR/<test name>.txt`, to compare what the test
 * server and real Gradio send for the same scenario.
 */
export function useClients(): (url: string, options?: ClientOptions) => Promise<Client> {
  const open: Client[] = [];
  let wire: WireLog | null = null;
  afterEach(() => {
    for (const client of open.splice(0)) client.close();
    wire?.save();
    wire = null;
  });
  return async (url, options = {}) => {
    const dir = process.env.CONFORMANCE_WIRE_LOG;
    if (dir) wire ??= new WireLog(dir, expect.getState().currentTestName ?? "unnamed");
    const client = await Client.connect(
      url,
      wire ? { ...options, fetch: wire.wrap(options.fetch ?? fetch) } : options,
    );
    open.push(client);
    return client;
  };
}

/** The HTTP exchanges of one test, as text: one line per request, response and stream frame. */
class WireLog {
  private readonly lines: string[] = [];
  private readonly start = Date.now();
  private serial = 0;

  constructor(
    private readonly dir: string,
    private readonly test: string,
  ) {}

  wrap(inner: FetchLike): FetchLike {
    return async (input, init = {}) => {
      const n = ++this.serial;
      const body =
        typeof init.body === "string" ? ` ${init.body.slice(0, 300)}` : init.body ? " <form data>" : "";
      this.add(`#${n} => ${init.method ?? "GET"} ${input}${body}`);
      const response = await inner(input, init).catch((error: unknown) => {
        this.add(`#${n} !! ${String(error)}`);
        throw error;
      });
      this.add(`#${n} <= ${response.status} ${response.headers.get("content-type") ?? ""}`);
      if (!response.body) return response;
      if (!(response.headers.get("content-type") ?? "").includes("event-stream")) {
        void response
          .clone()
          .text()
          .then(
            (text) => this.add(`#${n} <= ${text.slice(0, 300)}`),
            () => {},
          );
        return response;
      }
      const [mine, theirs] = response.body.tee();
      void this.frames(n, mine);
      return new Response(theirs, response);
    };
  }

  save(): void {
    // "Gradio contract on <target> > group > scenario": the same file name for every target.
    const scenario = this.test.split(" > ").slice(1).join(" > ") || this.test;
    const name = scenario.replace(/[^\w.-]+/g, "_").slice(0, 150);
    mkdirSync(this.dir, { recursive: true });
    writeFileSync(join(this.dir, `${name}.txt`), `${this.lines.join("\n")}\n`);
  }

  private async frames(n: number, body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffered = "";
    try {
      for await (const chunk of body) {
        buffered += decoder.decode(chunk, { stream: true });
        const frames = buffered.split("\n\n");
        buffered = frames.pop() ?? "";
        for (const frame of frames) if (frame.trim()) this.add(`#${n} <= ${frame.trim()}`);
      }
      this.add(`#${n} <= (end of stream)`);
    } catch (error) {
      this.add(`#${n} !! stream ${String(error)}`);
    }
  }

  private add(line: string): void {
    this.lines.push(`+${((Date.now() - this.start) / 1000).toFixed(3)}s ${line}`);
  }
}

/** Every status `job` goes through from now on, in order, starting with the current one. */
export function statusLog(job: Job): StatusUpdate[] {
  const seen: StatusUpdate[] = [];
  job.$status.subscribe((status) => {
    seen.push(status);
  });
  return seen;
}

/**
 * Resolves with the first status of `job` (the current one included) that passes `test`. Rejects when the job
 * reaches a final stage without passing it, or after `timeoutMs`.
 */
export function statusWhere(
  job: Job,
  test: (status: StatusUpdate) => boolean,
  what: string,
  timeoutMs: number,
): Promise<StatusUpdate> {
  return new Promise((resolve, reject) => {
    let stop = () => {};
    const timer = setTimeout(() => {
      stop();
      reject(
        new Error(
          `timed out after ${timeoutMs} ms waiting for ${what}; last status ${describe(job.status())}`,
        ),
      );
    }, timeoutMs);
    stop = job.$status.subscribe((status) => {
      if (test(status)) {
        clearTimeout(timer);
        queueMicrotask(() => stop());
        resolve(status);
      } else if (status.success !== null) {
        clearTimeout(timer);
        queueMicrotask(() => stop());
        reject(new Error(`the job ended before ${what}: ${describe(status)}`));
      }
    });
  });
}

/** Waits until `job` runs on the server. */
export function running(job: Job, timeoutMs: number): Promise<StatusUpdate> {
  return statusWhere(job, (s) => s.stage === "running", "the job to run", timeoutMs);
}

/** Waits until `job` waits in the queue (has a rank). */
export function queued(job: Job, timeoutMs: number): Promise<StatusUpdate> {
  return statusWhere(job, (s) => s.stage === "queued", "the job to be queued", timeoutMs);
}

/** Waits until `job` has at least `count` outputs. */
export function outputCount(job: Job, count: number, timeoutMs: number): Promise<StatusUpdate> {
  return statusWhere(job, () => job.outputs().length >= count, `${count} output(s)`, timeoutMs);
}

/**
 * A real `fetch` whose session event streams (`GET …/queue/data`) can be cut at once, the way a lost network or a
 * closed laptop cuts them: the SDK is not told, the connection just ends.
 */
export function droppableFetch(): { fetch: FetchLike; dropStreams: () => void } {
  const streams = new Set<AbortController>();
  const fetchLike: FetchLike = (input, init = {}) => {
    if (!input.includes("/queue/data")) return fetch(input, init);
    const cut = new AbortController();
    streams.add(cut);
    const signal = init.signal ? AbortSignal.any([init.signal, cut.signal]) : cut.signal;
    return fetch(input, { ...init, signal });
  };
  return {
    fetch: fetchLike,
    dropStreams: () => {
      for (const cut of streams) cut.abort(new Error("network dropped by the test"));
      streams.clear();
    },
  };
}

function describe(status: StatusUpdate): string {
  const error = status.error ? ` ${status.error.name}: ${status.error.message}` : "";
  return `${status.stage}/${status.code}${error}`;
}
