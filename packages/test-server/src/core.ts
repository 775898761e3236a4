import { randomInt, randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import { buildDemoApp, type DemoApp, type Endpoint } from "./app/demo-app.js";
import { AuthManager } from "./auth.js";
import type { ServerEventMap } from "./events.js";
import { FileStore } from "./files/file-store.js";
import { HoldRegistry } from "./holds.js";
import type { RequestContext } from "./http/router.js";
import type { ResolvedOptions } from "./options.js";
import { type Job, jobEventPayload } from "./queue/job.js";
import { JobQueue } from "./queue/job-queue.js";
import { JobRunner } from "./queue/job-runner.js";
import type { MessageChannel } from "./queue/messages.js";
import { Timings } from "./queue/timings.js";
import { createStats, type ServerStats } from "./stats.js";
import { type Session, SessionStore } from "./stream/session-store.js";
import { SseResponse } from "./stream/sse-response.js";
import { Timers } from "./timers.js";

/** The state of one test server, shared by all routes. */
export class ServerCore {
  readonly app: DemoApp = buildDemoApp();
  /** Changes on every start, like Gradio's app_id (kept within the safe-integer range). */
  readonly appId = randomInt(2 ** 47, 2 ** 48) * 16 + randomInt(16);
  readonly events = new EventEmitter();
  readonly sessions = new SessionStore();
  readonly files = new FileStore();
  readonly timers = new Timers();
  readonly holds = new HoldRegistry();
  readonly timings = new Timings();
  readonly auth: AuthManager;
  readonly runner: JobRunner;
  readonly queue: JobQueue;
  readonly stats: ServerStats;
  /** upload_id values whose upload finished (for `upload_progress`). */
  readonly completedUploads = new Set<string>();
  private readonly streams = new Set<SseResponse>();
  private readonly auxiliaryStreams = new Set<SseResponse>();

  constructor(readonly options: ResolvedOptions) {
    this.auth = new AuthManager(options.auth);
    this.runner = new JobRunner({
      app: this.app,
      options,
      timers: this.timers,
      holds: this.holds,
      files: this.files,
      timings: this.timings,
      onOutput: (job, index) => this.emit("job-output", { ...jobEventPayload(job), index }),
    });
    this.queue = new JobQueue(this.runner, this.timings, this.sessions, {
      onStart: (job) => this.emit("job-start", jobEventPayload(job)),
      onEnd: (job, outcome) => this.emit("job-end", { ...jobEventPayload(job), outcome }),
    });
    this.stats = createStats({
      openStreams: () => this.streams.size,
      pendingEvents: () => this.sessions.pendingCount(),
      runningJobs: () => this.queue.runningCount(),
    });
  }

  emit<K extends keyof ServerEventMap>(name: K, payload: ServerEventMap[K]): void {
    this.events.emit(name, payload);
  }

  endpointByIndex(fnIndex: number): Endpoint | undefined {
    return this.app.endpoints.find((endpoint) => endpoint.id === fnIndex);
  }

  endpointByName(apiName: string): Endpoint | undefined {
    return this.app.endpoints.find((endpoint) => endpoint.apiName === apiName);
  }

  /** Creates a job (not yet queued) with a fresh 32-hex event id. */
  createJob(
    session: Session,
    endpoint: Endpoint,
    data: unknown[] | null,
    root: string,
    channel: MessageChannel = session,
  ): Job {
    return {
      eventId: randomUUID().replaceAll("-", ""),
      session,
      endpoint,
      data,
      root,
      channel,
      status: "waiting",
      alive: true,
      killer: new AbortController(),
      startedAt: 0,
    };
  }

  /** Wraps a request's response as an SSE stream, counted in stats and reported as stream-open/close. */
  openSse(context: RequestContext, sessionHash: string): SseResponse {
    const sse = new SseResponse(context.response, context.faults.stream);
    this.streams.add(sse);
    this.emit("stream-open", { sessionHash });
    sse.onClose((reason) => {
      this.streams.delete(sse);
      this.emit("stream-close", { sessionHash, reason });
    });
    return sse;
  }

  /** An SSE response that is not a queue stream (heartbeat, upload progress): closed on shutdown only. */
  openAuxiliarySse(context: RequestContext): SseResponse {
    const sse = new SseResponse(context.response);
    this.auxiliaryStreams.add(sse);
    sse.onClose(() => this.auxiliaryStreams.delete(sse));
    return sse;
  }

  /** Ends every open stream, kills every job and clears every timer. */
  shutdown(): void {
    for (const sse of [...this.streams, ...this.auxiliaryStreams]) sse.end("end");
    this.queue.killAll();
    this.timers.clearAll();
  }
}
