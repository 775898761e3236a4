/** Live counters of a test server (`server.stats`). */
export interface ServerStats {
  /** Every join attempt that reached the join handler, accepted or refused. */
  joins: number;
  /** Accepted joins by api_name. */
  joinsByApi: Record<string, number>;
  /** queue/data (and legacy per-job) SSE responses currently open. */
  openStreams: number;
  /** Open queue streams by session hash (sessions with none are left out). */
  readonly openStreamsBySession: Record<string, number>;
  /** The most queue streams open at once since the server started. */
  peakOpenStreams: number;
  /** The most queue streams open at once per session (two for one session means split messages, §4.3). */
  peakOpenStreamsBySession: Record<string, number>;
  /** 6.x: handlers of closed session streams still waiting for their session's next message (§16.4). */
  readonly lingeringStreams: number;
  /** `GET {P}/heartbeat/{session}` responses currently open. */
  readonly openHeartbeats: number;
  /** Heartbeat routes opened and closed by clients since the server started. */
  heartbeatOpens: number;
  heartbeatCloses: number;
  /** Sessions whose unload step ran (a closed heartbeat was noticed), in order. */
  unloads: string[];
  /** TCP connections currently open (what a browser's per-host connection budget counts). */
  readonly openConnections: number;
  peakOpenConnections: number;
  /** Events joined and not yet finished or removed, over all sessions. */
  pendingEvents: number;
  runningJobs: number;
  /** Every `/cancel` body, in order. */
  cancels: Array<{ session_hash: string; fn_index: number; event_id: string }>;
  /** Every request, in order (tests check where tokens and cookies went). */
  requests: Array<{ method: string; path: string; headers: Record<string, string | string[] | undefined> }>;
}

/** The gauges the stats object reads live from the server. */
export interface StatsGauges {
  openStreams(): number;
  openStreamsBySession(): Record<string, number>;
  lingeringStreams(): number;
  openHeartbeats(): number;
  openConnections(): number;
  pendingEvents(): number;
  runningJobs(): number;
}

/** Creates the stats object; the gauges are read live from the server, the rest is written by it. */
export function createStats(gauges: StatsGauges): ServerStats {
  return {
    joins: 0,
    joinsByApi: {},
    get openStreams() {
      return gauges.openStreams();
    },
    get openStreamsBySession() {
      return gauges.openStreamsBySession();
    },
    peakOpenStreams: 0,
    peakOpenStreamsBySession: {},
    get lingeringStreams() {
      return gauges.lingeringStreams();
    },
    get openHeartbeats() {
      return gauges.openHeartbeats();
    },
    heartbeatOpens: 0,
    heartbeatCloses: 0,
    unloads: [],
    get openConnections() {
      return gauges.openConnections();
    },
    peakOpenConnections: 0,
    get pendingEvents() {
      return gauges.pendingEvents();
    },
    get runningJobs() {
      return gauges.runningJobs();
    },
    cancels: [],
    requests: [],
  };
}
