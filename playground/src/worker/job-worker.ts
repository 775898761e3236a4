/**
 * The Web Worker page's worker: runs core (connect, submit, cancel, uploads, the session's event stream) and posts
 * every status update and output to the page. No DOM here, and nothing in core may touch `window` or `document`.
 * @module
 */

// First: the trap must be set before any other module body runs (they run in import order).
import "./trap-globals.js";
import { Client, type Job } from "@gradio-jobs/core";
import { appSummary } from "../shared/backend.js";
import { materializeArgs } from "../shared/endpoints.js";
import { errorInfo, statusData } from "../shared/job-model.js";
import type { FromWorker, ToWorker, WorkerScope } from "./protocol.js";
import { touched } from "./trap-globals.js";

const scope = self as unknown as WorkerScope;
const post = (message: FromWorker) => scope.postMessage(message);
let client: Client | null = null;
const jobs = new Map<number, Job>();

scope.addEventListener("message", async (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  switch (message.type) {
    case "connect":
      client?.close();
      client = null;
      try {
        client = await Client.connect(message.url);
        post({ type: "connected", app: appSummary(client) });
      } catch (error) {
        post({ type: "connect-failed", error: errorInfo(error) });
      }
      break;
    case "submit": {
      const { id } = message;
      if (!client) break;
      const job = client.submit(message.endpoint, materializeArgs(message.args), {
        onOutput: (output) => post({ type: "output", id, output }),
      });
      jobs.set(id, job);
      // Every update, in order (each log message once), as plain data.
      job.$status.subscribe((status) => {
        post({ type: "status", id, status: statusData(status), eventId: job.eventId });
        if (status.success !== null) jobs.delete(id);
      });
      break;
    }
    case "cancel":
      jobs.get(message.id)?.cancel();
      break;
    case "globals":
      post({ type: "globals", touched });
      break;
  }
});
