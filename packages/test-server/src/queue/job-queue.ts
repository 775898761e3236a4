import { performance } from "node:perf_hooks";
import type { Endpoint } from "../app/app.js";
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

/** The version-dependent rules of cancel and `clean_events` (see options.ts). */
export interface QueuePolicy {
  /** 6.14+: `/cancel` removes the cancelled event from the waiting queue. */
  cancelRemovesQueued: boolean;
  /** 6.x: the killed jobs' slots are free (and the next job started) before the cancel route goes on. */
  cancelFreesSlotFirst: boolean;
  /** 6.12+: the cancel's empty `process_completed` carries the null cache fields. */
  cacheFields: boolean;
  /** 6.x: `clean_events` removes the removed waiting jobs' ids from the session's pending set. */
  cleanRemovesWaitingIds: boolean;
  /** Not Gradio: a disconnect also forgets every pending id and buffered message of the session. */
  disconnectForgetsEvents: boolean;
}

/** What `clean_events` did to a session. */
export interface CleanResult {
  /** Waiting jobs removed from the queue. */
  removed: Job[];
  /** Running jobs flagged dead (a generator stops at its next step, a plain function's result is dropped). */
  flaggedDead: Job[];
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
    private readonly policy: QueuePolicy,
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
   * `POST /cancel` (§7, §16.3): kills every running job of (session, fn), whatever the event id, with no
   * message for them; removes the event from the waiting queue in 6.14+ mode; queues the empty
   * `process_completed` for the event if its session still has it pending. On 6.x killing frees the slot
   * first, so a waiting job of the same fn and session starts before the removal and still runs
   * (sse-cancel-queued-same-session.txt); on 5.x the `output:{}` comes first and the job runs later anyway.
   */
  cancel(sessionHash: string, fnIndex: number, eventId: string): void {
    const killed = [...this.running].filter(
      (job) => job.session.hash === sessionHash && job.endpoint.id === fnIndex,
    );
    for (const job of killed) job.killer.abort();
    if (this.policy.cancelFreesSlotFirst && killed.length > 0) {
      for (const job of killed) this.running.delete(job);
      this.dispatch();
    }
    const session = this.sessions.get(sessionHash);
    const notify = session?.pending.has(eventId) ?? false;
    if (this.policy.cancelRemovesQueued) {
      // `remove_from_queue(event_id)` looks the event up by id only, whatever the session.
      const queued = [...this.waiting.values()].flat().find((job) => job.eventId === eventId);
      // The empty process_completed below removes the id from the pending set when delivered.
      if (queued) this.remove(queued, "cancelled", false);
    }
    if (session && notify) session.push(messages.cancelled(eventId, this.policy.cacheFields));
  }

  /**
   * Gradio's `clean_events(session)` once a stream disconnect is noticed (§4.9, §16.4): waiting jobs are
   * removed, running ones flagged dead; no message is sent for either. Pending ids and buffered messages stay
   * as Gradio leaves them (6.x drops the removed waiting jobs' ids), unless `disconnectForgetsEvents`.
   */
  cleanSession(session: Session): CleanResult {
    const forget = this.policy.disconnectForgetsEvents;
    const removed: Job[] = [];
    for (const group of this.waiting.values()) {
      for (const job of group.filter((candidate) => candidate.session === session)) {
        this.remove(job, "dropped", forget || this.policy.cleanRemovesWaitingIds);
        removed.push(job);
      }
    }
    const flaggedDead: Job[] = [];
    for (const job of this.running) {
      if (job.session !== session || !job.alive) continue;
      job.alive = false;
      flaggedDead.push(job);
      if (forget) session.pending.delete(job.eventId);
    }
    if (forget) session.buffer.length = 0;
    return { removed, flaggedDead };
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
