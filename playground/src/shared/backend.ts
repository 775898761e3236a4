/**
 * Where the framework-free pages' jobs run. {@link directBackend} runs core in the page (the vanilla page imports
 * it, the classic page takes the `GradioJobs` global); the Web Worker page's backend forwards to a worker. The page
 * code ({@link mountPlayground}) is the same for all three.
 * @module
 */
import type { Client, EndpointArguments, Job } from "@gradio-jobs/core";
import { type EndpointSummary, materializeArgs, summarizeEndpoints } from "./endpoints.js";
import { appendOutput, applyStatus, type JobModel, statusData } from "./job-model.js";

/** The app a backend connected to. */
export interface AppSummary {
  readonly url: string;
  readonly version: string | null;
  readonly protocol: string | null;
  readonly endpoints: readonly EndpointSummary[];
}

/** A job as a page sees it: a stream of {@link JobModel}s, and a way to cancel it. */
export interface RemoteJob {
  /** Calls `listener` with the current model (when there is one) and after every change; returns the unsubscribe. */
  subscribe(listener: (model: JobModel) => void): () => void;
  cancel(): void;
}

/** What the framework-free page needs from wherever the SDK runs. */
export interface PlaygroundBackend {
  /** Where the SDK runs, shown on the page: `"page"`, `"classic <script>"`, `"Web Worker"`. */
  readonly runtime: string;
  /** Connects (closing any earlier client) and describes the app; rejects with the SDK's typed error. */
  connect(url: string): Promise<AppSummary>;
  /** Submits a job; `args` may hold `{"$sample": …}` placeholders for files. */
  submit(endpoint: string, args: EndpointArguments): RemoteJob;
}

/** The part of `@gradio-jobs/core` a direct backend uses: the module itself, or the classic page's `GradioJobs`. */
export interface CoreModule {
  readonly Client: Pick<typeof Client, "connect">;
}

/** The summary of a connected client. */
export function appSummary(client: Client): AppSummary {
  return {
    url: client.url,
    version: client.config.version ?? null,
    protocol: client.config.protocol ?? null,
    endpoints: summarizeEndpoints(client.endpoints),
  };
}

/**
 * A job model fed straight from a job's nanostores: every `$status` update (so every log message) and `$outputs`.
 * Stops listening once the job is final.
 */
export function modelFromStores(job: Job): RemoteJob {
  let model: JobModel | null = null;
  const listeners = new Set<(model: JobModel) => void>();
  const notify = () => {
    if (model) for (const listener of [...listeners]) listener(model);
  };
  const offOutputs = job.$outputs.listen((outputs) => {
    if (!model) return;
    model = { ...model, outputs };
    notify();
  });
  const offStatus = job.$status.subscribe((status) => {
    model = applyStatus(model, statusData(status), job.eventId);
    notify();
    if (status.success !== null) {
      queueMicrotask(() => {
        offStatus();
        offOutputs();
      });
    }
  });
  return {
    subscribe(listener) {
      listeners.add(listener);
      if (model) listener(model);
      return () => listeners.delete(listener);
    },
    cancel: () => job.cancel(),
  };
}

/** Runs the SDK in this page: `sdk` is `@gradio-jobs/core` or the classic page's `GradioJobs` global. */
export function directBackend(sdk: CoreModule, runtime: string): PlaygroundBackend {
  let client: Client | null = null;
  return {
    runtime,
    async connect(url) {
      client?.close();
      client = null;
      client = await sdk.Client.connect(url);
      return appSummary(client);
    },
    submit(endpoint, args) {
      if (!client) throw new Error("Not connected to a Gradio app yet.");
      return modelFromStores(client.submit(endpoint, materializeArgs(args)));
    },
  };
}

/** A {@link RemoteJob} fed by messages (the Web Worker page): push status updates and outputs as they arrive. */
export function messageFedJob(cancel: () => void): RemoteJob & {
  status(update: Parameters<typeof applyStatus>[1], eventId: string | null): void;
  output(output: readonly unknown[]): void;
} {
  let model: JobModel | null = null;
  const listeners = new Set<(model: JobModel) => void>();
  const set = (next: JobModel) => {
    model = next;
    for (const listener of [...listeners]) listener(next);
  };
  return {
    subscribe(listener) {
      listeners.add(listener);
      if (model) listener(model);
      return () => listeners.delete(listener);
    },
    cancel,
    status: (update, eventId) => set(applyStatus(model, update, eventId)),
    output: (output) => {
      if (model) set(appendOutput(model, output));
    },
  };
}
