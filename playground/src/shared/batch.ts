/**
 * Submit ×N in submission order. Jobs submitted in one go join the queue concurrently, so the server queues them in
 * the order their join requests arrive (the second card could run first while the first waits at rank 1): each job
 * is submitted once the one before it joined, so the cards, top to bottom, are the queue's order.
 * @module
 */
import type { Job } from "@gradio-jobs/core";
import type { RemoteJob } from "./backend.js";

/** Submits `count` jobs, each once the one before it joined the queue (or ended); `show` gets each as it starts. */
export async function submitInOrder<J>(
  count: number,
  submit: () => J,
  joined: (job: J) => Promise<void>,
  show: (job: J) => void,
): Promise<void> {
  for (let i = 0; i < count; i++) {
    const job = submit();
    show(job);
    if (i < count - 1) await joined(job);
  }
}

/** Resolves once `job` has left `pending`: it joined the queue (or failed or was cancelled before). */
export function jobJoined(job: Job): Promise<void> {
  return new Promise((resolve) => {
    const off = job.$status.listen((status) => {
      if (status.stage === "pending") return;
      off();
      resolve();
    });
    if (job.status().stage !== "pending") {
      off();
      resolve();
    }
  });
}

/** {@link jobJoined} for a job the page sees as models (vanilla, classic, Web Worker). */
export function remoteJoined(job: RemoteJob): Promise<void> {
  return new Promise((resolve) => {
    let off: (() => void) | null = null;
    let left = false;
    off = job.subscribe((model) => {
      if (model.stage === "pending" || left) return;
      left = true;
      off?.();
      resolve();
    });
    if (left) off();
  });
}
