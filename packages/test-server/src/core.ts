import { randomInt, randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import type { Socket } from "node:net";
import type { Endpoint, TestApp } from "./app/app.js";
import { buildApp } from "./app/apps.js";
import { AuthManager } from "./auth.js";
import type { ServerEventMap } from "./events.js";
import { FileStore } from "./files/file-store.js";
import { HoldRegistry } from "./holds.js";
import type { RequestContext } from "./http/router.js";
import type { ResolvedOptions } from "./options.js";
import { type Job, jobEventPayload } from "./queue/job.js";
import { JobQueue } from "./queue/job-queue.js";
import type { JobRunner } from "./queue/job-runner.js";
import type { MessageChannel } from "./queue/messages.js";
import { StreamEvents } from "./queue/stream-events.js";
import { StreamingJobRunner } from "./queue/stream-runner.js";
import { Timings } from "./queue/timings.js";
import { createStats, type ServerStats } from "./stats.js";
import { LingeringReader } from "./stream/lingering-reader.js";
import { Session, SessionStore } from "./stream/session-store.js";
import { SseResponse } from "./stream/sse-response.js";
import { Timers } from "./timers.js";

/** The state of one test server, shared by all routes. */
export class ServerCore {
  readonly app: TestApp;
  /** Changes on every start, like Gradio's app_id (kept within the safe-integer range). */
  readonly appId = randomInt(2 ** 47, 2 ** 48) * 16 + randomInt(16);
  readonly events = new EventEmitter();
  readonly sessions: SessionStore;
  readonly files = new FileStore();
  readonly timers = new Timers();
  readonly holds = new HoldRegistry();
  readonly timings = new Timings();
  readonly auth: AuthManager;
  readonly runner: JobRunner;
  /** The joined `connection: "stream"` events and the chunk log of `{P}/stream/{event_id}`. */
  readonly streamEvents = new StreamEvents();
  readonly queue: JobQueue;
  readonly stats: ServerStats;
  /** upload_id values whose upload finished (for `upload_progress`). */
  readonly completedUploads = new Set<string>();
  private readonly streams = new Map<SseResponse, string>();
  private readonly auxiliaryStreams = new Set<SseResponse>();
  private readonly heartbeats = new Set<SseResponse>();
  private readonly connections = new Set<Socket>();

  constructor(readonly options: ResolvedOptions) {
    this.app = buildApp(options.app);
    this.sessions = new SessionStore(options.reuseCancelledDiffRuns);
    this.auth = new AuthManager(options.auth);
    this.runner = new StreamingJobRunner({
      streams: this.streamEvents,
      closeEndsEvent: options.features.streamCloseEndsEvent,
      forgetFinished: options.features.streamEventsForgotten,
      app: this.app,
      options,
      timers: this.timers,
      holds: this.holds,
      files: this.files,
      timings: this.timings,
      onOutput: (job, index) => this.emit("job-output", { ...jobEventPayload(job), index }),
    });
    const { features } = options;
    this.queue = new JobQueue(
      this.runner,
      this.timings,
      this.sessions,
      {
        onStart: (job) => this.emit("job-start", jobEventPayload(job)),
        onEnd: (job, outcome) => this.emit("job-end", { ...jobEventPayload(job), outcome }),
      },
      {
        cancelRemovesQueued: options.cancelRemovesQueued,
        cancelFreesSlotFirst: features.cancelFreesSlotFirst,
        cacheFields: features.cacheFields,
        cleanRemovesWaitingIds: features.cleanRemovesWaitingIds,
        disconnectForgetsEvents: options.disconnectForgetsEvents,
      },
    );
    this.stats = createStats({
      openStreams: () => this.streams.size,
      openStreamsBySession: () => {
        const counts: Record<string, number> = {};
        for (const hash of this.streams.values()) counts[hash] = (counts[hash] ?? 0) + 1;
        return counts;
      },
      lingeringStreams: () => this.sessions.lingeringCount(),
      openHeartbeats: () => this.heartbeats.size,
      openConnections: () => this.connections.size,
      pendingEvents: () => this.sessions.pendingCount(),
      runningJobs: () => this.queue.runningCount(),
    });
  }

  emit<K extends keyof ServerEventMap>(name: K, payload: ServerEventMap[K]): void {
    this.events.emit(name, payload);
  }

  /** The endpoint of `fnIndex`: a static one, else one a `gr.render` drew in `sessionHash`'s session. */
  endpointByIndex(fnIndex: number, sessionHash?: string): Endpoint | undefined {
    const rendered = sessionHash ? (this.app.sessionEndpoints?.(sessionHash) ?? []) : [];
    return [...this.app.endpoints, ...rendered].find((endpoint) => endpoint.id === fnIndex);
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

  /** Counts a TCP connection for `stats.openConnections` / `peakOpenConnections`. */
  trackConnection(socket: Socket): void {
    this.connections.add(socket);
    this.stats.peakOpenConnections = Math.max(this.stats.peakOpenConnections, this.connections.size);
    socket.once("close", () => this.connections.delete(socket));
  }

  /** Wraps a request's response as an SSE stream, counted in stats and reported as stream-open/close. */
  openSse(context: RequestContext, sessionHash: string): SseResponse {
    const sse = new SseResponse(context.response, context.faults.stream);
    this.streams.set(sse, sessionHash);
    const { stats } = this;
    stats.peakOpenStreams = Math.max(stats.peakOpenStreams, this.streams.size);
    const forSession = this.stats.openStreamsBySession[sessionHash] ?? 0;
    stats.peakOpenStreamsBySession[sessionHash] = Math.max(
      stats.peakOpenStreamsBySession[sessionHash] ?? 0,
      forSession,
    );
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

  /**
   * A session stream's client went away. 5.x notices at once and cleans the session; 6.x leaves the handler
   * lingering until the session's next message or the timeout (§16.4).
   */
  streamDisconnected(session: Session, stopHeartbeat: () => void): void {
    if (!this.options.features.lingeringClose) {
      stopHeartbeat();
      this.cleanSession(session);
      return;
    }
    let cleaned = false;
    const reader = new LingeringReader(session, {
      timers: this.timers,
      timeoutMs: this.options.lingerTimeoutMs,
      completionGuard: this.options.features.completionGuard,
      stopHeartbeat,
      clean: (target) => {
        cleaned = true;
        this.cleanSession(target);
      },
      onEnd: () => this.emit("stream-linger-end", { sessionHash: session.hash, cleaned }),
    });
    reader.start();
  }

  /** Gradio's `clean_events(session)`, reported as `session-clean`. */
  cleanSession(session: Session): void {
    const { removed, flaggedDead } = this.queue.cleanSession(session);
    this.emit("session-clean", {
      sessionHash: session.hash,
      removed: removed.map((job) => job.eventId),
      flaggedDead: flaggedDead.map((job) => job.eventId),
    });
  }

  /** Counts an open `GET {P}/heartbeat/{session}` response; returns the function that uncounts it. */
  trackHeartbeat(sse: SseResponse, sessionHash: string): () => void {
    this.heartbeats.add(sse);
    this.stats.heartbeatOpens += 1;
    this.emit("heartbeat-open", { sessionHash });
    return () => this.heartbeats.delete(sse);
  }

  /**
   * What Gradio's heartbeat route does once it notices its client left (§10, §16.5 control run): runs the
   * app's `demo.unload` listeners for the session (outside the queue: no job messages) and marks the session's
   * State for deletion (after 1 h, so it is still there for a while). Running and waiting jobs go on.
   */
  async unloadSession(sessionHash: string): Promise<void> {
    const session = this.sessions.get(sessionHash);
    if (session) session.stateClosed = true;
    const listeners = this.app.endpoints.filter((endpoint) => endpoint.event === "unload");
    for (const listener of listeners) {
      const job = this.createJob(session ?? new Session(sessionHash), listener, [], "");
      // Gradio runs them as background tasks; an exception is only logged.
      await this.runner.runDirect(job).catch(() => {});
    }
    this.stats.unloads.push(sessionHash);
    this.emit("unload", { sessionHash, listeners: listeners.map((listener) => listener.apiName) });
  }

  /** Ends every open stream, kills every job and clears every timer. */
  shutdown(): void {
    for (const sse of [...this.streams.keys(), ...this.auxiliaryStreams]) sse.end("end");
    this.queue.killAll();
    this.timers.clearAll();
  }
}
