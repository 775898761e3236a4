/**
 * The Web Worker page: the same page as the vanilla one, but core runs in a module worker; this side only draws
 * what the worker posts. Shows whether core touched `window`/`document` in the worker.
 * @module
 */
import { mountPlayground } from "../dom/playground.js";
import { type AppSummary, messageFedJob, type PlaygroundBackend } from "../shared/backend.js";
import type { ErrorInfo } from "../shared/job-model.js";
import type { FromWorker, ToWorker } from "./protocol.js";

const worker = new Worker(new URL("./job-worker.ts", import.meta.url), {
  type: "module",
  name: "gradio-jobs",
});
const send = (message: ToWorker) => worker.postMessage(message);

/** An `Error` carrying the worker's error info, so the page shows the same typed error as elsewhere. */
class WorkerError extends Error {
  readonly code: string;
  constructor(info: ErrorInfo) {
    super(info.message);
    this.name = info.name;
    this.code = info.code;
  }
}

let connecting: { resolve(app: AppSummary): void; reject(error: Error): void } | null = null;
const jobs = new Map<number, ReturnType<typeof messageFedJob>>();
let nextId = 1;
const globalsView = document.querySelector<HTMLElement>("[data-testid=worker-globals]");

worker.addEventListener("message", (event: MessageEvent<FromWorker>) => {
  const message = event.data;
  switch (message.type) {
    case "connected":
      connecting?.resolve(message.app);
      break;
    case "connect-failed":
      connecting?.reject(new WorkerError(message.error));
      break;
    case "status":
      jobs.get(message.id)?.status(message.status, message.eventId);
      if (message.status.success !== null) {
        jobs.delete(message.id);
        send({ type: "globals" });
      }
      break;
    case "output":
      jobs.get(message.id)?.output(message.output);
      break;
    case "globals":
      if (globalsView) {
        globalsView.textContent = message.touched.length ? message.touched.join("\n") : "none";
        globalsView.dataset.touched = String(message.touched.length);
      }
      break;
  }
});

const backend: PlaygroundBackend = {
  runtime: "Web Worker",
  connect(url) {
    return new Promise<AppSummary>((resolve, reject) => {
      connecting?.reject(new Error("Superseded by a newer connect."));
      connecting = { resolve, reject };
      send({ type: "connect", url });
    }).finally(() => {
      send({ type: "globals" });
    });
  },
  submit(endpoint, args) {
    const id = nextId++;
    const job = messageFedJob(() => send({ type: "cancel", id }));
    jobs.set(id, job);
    send({ type: "submit", id, endpoint, args });
    return job;
  },
};

mountPlayground(document.getElementById("app") as HTMLElement, backend);
