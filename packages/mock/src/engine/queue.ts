/**
 * The queue: one FIFO per concurrency group (the endpoint's own, Gradio's default, or its `concurrencyId`), at most
 * `concurrencyLimit` jobs of it running at once, `estimation` messages at join and whenever a job of the group
 * starts (protocol §4.5).
 * @module
 */
import type { MockEndpoint } from "../definition/define-app.js";
import type { Session } from "./session.js";

/** A job the mock accepted. */
export interface QueuedJob {
  readonly eventId: string;
  readonly session: Session;
  readonly endpoint: MockEndpoint;
  readonly data: readonly unknown[];
  /** `{root}{P}/file=`: where output files are served for the client that joined. */
  readonly fileUrlBase: string;
  readonly abort: AbortController;
  phase: "waiting" | "running" | "done";
}

function groupKey(endpoint: MockEndpoint): string {
  return endpoint.concurrencyId === null ? `fn:${endpoint.fnIndex}` : `id:${endpoint.concurrencyId}`;
}

interface Group {
  readonly limit: number;
  readonly waiting: QueuedJob[];
  readonly running: Set<QueuedJob>;
  runs: number;
  totalSeconds: number;
}

export class JobQueue {
  readonly #groups = new Map<string, Group>();
  readonly #run: (job: QueuedJob) => Promise<number | null>;

  /** `run` runs a job and resolves with its duration in seconds (null when it did not complete). */
  constructor(run: (job: QueuedJob) => Promise<number | null>) {
    this.#run = run;
  }

  /** Jobs waiting in every group: what `queue(max_size=N)` counts. */
  get waiting(): number {
    let count = 0;
    for (const group of this.#groups.values()) count += group.waiting.length;
    return count;
  }

  get running(): number {
    let count = 0;
    for (const group of this.#groups.values()) count += group.running.size;
    return count;
  }

  /** The endpoint's average run time so far, in seconds; null before its first completed run. */
  average(endpoint: MockEndpoint): number | null {
    const group = this.#groups.get(groupKey(endpoint));
    return group && group.runs > 0 ? group.totalSeconds / group.runs : null;
  }

  add(job: QueuedJob): void {
    const group = this.#group(job.endpoint);
    group.waiting.push(job);
    this.#estimate(group, job, group.waiting.length - 1);
    this.#pump(group);
  }

  /** Takes a waiting job out of its queue; false if it was not waiting. */
  remove(job: QueuedJob): boolean {
    const group = this.#group(job.endpoint);
    const index = group.waiting.indexOf(job);
    if (index < 0) return false;
    group.waiting.splice(index, 1);
    job.phase = "done";
    return true;
  }

  /** Frees the worker of a running job that was stopped (cancel, disconnect). */
  release(job: QueuedJob): void {
    const group = this.#group(job.endpoint);
    if (group.running.delete(job)) this.#pump(group);
  }

  #group(endpoint: MockEndpoint): Group {
    const key = groupKey(endpoint);
    let group = this.#groups.get(key);
    if (!group) {
      const limit = endpoint.concurrencyLimit ?? Number.POSITIVE_INFINITY;
      group = { limit, waiting: [], running: new Set(), runs: 0, totalSeconds: 0 };
      this.#groups.set(key, group);
    }
    return group;
  }

  #pump(group: Group): void {
    let started = false;
    while (group.running.size < group.limit && group.waiting.length > 0) {
      const job = group.waiting.shift() as QueuedJob;
      job.phase = "running";
      group.running.add(job);
      started = true;
      void this.#run(job).then((seconds) => {
        job.phase = "done";
        if (seconds !== null) {
          group.runs += 1;
          group.totalSeconds += seconds;
        }
        this.release(job);
      });
    }
    if (!started) return;
    for (const [rank, job] of group.waiting.entries()) this.#estimate(group, job, rank);
  }

  #estimate(group: Group, job: QueuedJob, rank: number): void {
    const average = group.runs > 0 ? group.totalSeconds / group.runs : null;
    const busy = group.running.size >= group.limit ? 1 : 0;
    const limit = Number.isFinite(group.limit) ? group.limit : 1;
    job.session.send({
      msg: "estimation",
      event_id: job.eventId,
      rank,
      queue_size: group.waiting.length,
      rank_eta: average === null ? null : average * (Math.floor(rank / limit) + busy + 1),
    });
  }
}
