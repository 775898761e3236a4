/** Live counters of a test server (`server.stats`). */
export interface ServerStats {
  /** Every join attempt that reached the join handler, accepted or refused. */
  joins: number;
  /** Accepted joins by api_name. */
  joinsByApi: Record<string, number>;
  /** queue/data (and legacy per-job) SSE responses currently open. */
  openStreams: number;
  /** Events joined and not yet finished or removed, over all sessions. */
  pendingEvents: number;
  runningJobs: number;
  /** Every `/cancel` body, in order. */
  cancels: Array<{ session_hash: string; fn_index: number; event_id: string }>;
  /** Every request, in order (tests check where tokens and cookies went). */
  requests: Array<{ method: string; path: string; headers: Record<string, string | string[] | undefined> }>;
}

/** Creates the stats object; the three gauges are read live from the server. */
export function createStats(gauges: {
  openStreams(): number;
  pendingEvents(): number;
  runningJobs(): number;
}): ServerStats {
  return {
    joins: 0,
    joinsByApi: {},
    get openStreams() {
      return gauges.openStreams();
    },
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
