import { performance } from "node:perf_hooks";
import type { Endpoint } from "../app/demo-app.js";
import type { Session, SessionStore } from "../stream/session-store.js";
import type { Job, JobOutcome } from "./job.js";
import type { JobRunner } from "./job-runner.js";
import { messages } from "./messages.js";
import type { Timings } from "./timings.js";

/** What the queue reports to the server around it (events and stats). */
export interface QueueHooks {
  onStart(job: Job): void;
  onEnd(job: Job, outcome: JobOutcome): void;
}

const now = () => performance.now() / 1000;

/**
 * Gradio's queue: one FIFO of waiting jobs per concurrency group (one group per function), a concurrency
 * limit per group, estimations (§4.5) at join and to every waiting job of a group each time one of its
 * jobs starts, and the cancel / disconnect rules of §7 and §4.9.
 */
export class JobQueue {
  private readonly waiting = new Map<number, Job[]>();
  private readonly running = new Set<Job>();

  constructor(
    private readonly runner: JobRunner,
    private readonly timings: Timings,
    private readonly sessions: SessionStore,
    private readonly hooks: QueueHooks,
  ) {}

  /** Waiting jobs over all groups (what `max_size` and `/queue/status` count). */
  waitingCount(): number {
    let total = 0;
    for (const jobs of this.waiting.values()) total += jobs.length;
    return total;
  }

  runningCount(): number {
    return this.running.size;
  }

  /** Adds a job, sends its first estimation, and starts whatever can start. */
  enqueue(job: Job): void {
    const group = this.groupOf(job.endpoint);
    group.push(job);
    const rank = group.length - 1;
    job.channel.push(messages.estimation(job.eventId, rank, group.length, this.rankEta(job.endpoint, rank)));
    this.dispatch();
  }

  /** Starts waiting jobs while their group has a free slot. Jobs without data (legacy `sse`) are skipped. */
  dispatch(): void {
    for (const [fnIndex, group] of this.waiting) {
      for (let next = this.nextReady(group); next; next = this.nextReady(group)) {
        const endpoint = next.endpoint;
        if (endpoint.concurrencyLimit !== null && this.runningIn(fnIndex).length >= endpoint.concurrencyLimit)
          break;
        this.start(next, group);
      }
    }
  }

  /**
   * `POST /cancel`: kills every running job of (session, fn), whatever the event id; queues the empty
   * `process_completed` for the event if it is still pending; removes it from the waiting list only in
   * 6.14+ mode (in 5.x it still runs later).
   */
  cancel(sessionHash: string, fnIndex: number, eventId: string, removeQueued: boolean): void {
    for (const job of this.running) {
      if (job.session.hash === sessionHash && job.endpoint.id === fnIndex) job.killer.abort();
    }
    const session = this.sessions.get(sessionHash);
    if (session?.pending.has(eventId)) session.push(messages.cancelled(eventId));
    if (removeQueued) {
      const group = this.waiting.get(fnIndex) ?? [];
      const queued = group.find((job) => job.eventId === eventId && job.session.hash === sessionHash);
      // The empty process_completed just queued removes the id from the pending set when delivered.
      if (queued) this.remove(queued, "cancelled", false);
    }
  }

  /** Gradio's `clean_events` after a stream disconnect: drop waiting jobs, flag running ones dead. */
  cleanSession(session: Session): void {
    for (const group of this.waiting.values()) {
      for (const job of group.filter((candidate) => candidate.session === session))
        this.remove(job, "dropped");
    }
    for (const job of this.running) {
      if (job.session !== session) continue;
      job.alive = false;
      session.pending.delete(job.eventId);
    }
    session.buffer.length = 0;
  }

  /** Drops one job (legacy per-job stream closed): out of the queue if waiting, dead if running. */
  dropJob(job: Job): void {
    if (job.status === "waiting") this.remove(job, "dropped");
    job.alive = false;
  }

  /** Kills everything (server close). */
  killAll(): void {
    for (const job of this.running) job.killer.abort();
    for (const group of this.waiting.values()) group.length = 0;
  }

  private remove(job: Job, outcome: JobOutcome, forgetPending = true): void {
    const group = this.waiting.get(job.endpoint.id) ?? [];
    const index = group.indexOf(job);
    if (index >= 0) group.splice(index, 1);
    job.status = "finished";
    if (forgetPending) job.session.pending.delete(job.eventId);
    this.hooks.onEnd(job, outcome);
  }

  private start(job: Job, group: Job[]): void {
    group.splice(group.indexOf(job), 1);
    job.status = "running";
    job.startedAt = now();
    this.running.add(job);
    group.forEach((waiting, rank) => {
      waiting.channel.push(
        messages.estimation(waiting.eventId, rank, group.length, this.rankEta(waiting.endpoint, rank)),
      );
    });
    job.channel.push(messages.processStarts(job.eventId, this.timings.eventAverage(job.endpoint.id)));
    this.hooks.onStart(job);
    void this.runner.run(job).then((outcome) => this.finish(job, outcome));
  }

  private finish(job: Job, outcome: JobOutcome): void {
    this.running.delete(job);
    job.status = "finished";
    this.hooks.onEnd(job, outcome);
    this.dispatch();
  }

  /** Seconds until the result: wait for a free slot, the jobs ahead, then the job itself (§4.5). */
  private rankEta(endpoint: Endpoint, rank: number): number | null {
    const average = this.timings.eventAverage(endpoint.id);
    if (average === null) return null;
    const limit = endpoint.concurrencyLimit;
    const runningJobs = this.runningIn(endpoint.id);
    let untilSlotFree = 0;
    if (limit !== null && runningJobs.length >= limit) {
      untilSlotFree = Math.max(0, Math.min(...runningJobs.map((job) => average - (now() - job.startedAt))));
    }
    return untilSlotFree + (rank * average) / (limit ?? 1) + average;
  }

  private runningIn(fnIndex: number): Job[] {
    return [...this.running].filter((job) => job.endpoint.id === fnIndex);
  }

  private nextReady(group: Job[]): Job | undefined {
    return group.find((job) => job.data !== null);
  }

  private groupOf(endpoint: Endpoint): Job[] {
    let group = this.waiting.get(endpoint.id);
    if (!group) {
      group = [];
      this.waiting.set(endpoint.id, group);
    }
    return group;
  }
}
