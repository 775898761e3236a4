import type { HubOptions } from "./hub/space-hub.js";

/** Queue protocol dialects a test server can speak (`config.protocol`). */
export type ProtocolName = "sse_v3" | "sse_v2.1" | "sse_v2" | "sse_v1" | "sse";

/** The apps a test server can serve (`startTestServer({ app })`). */
export type AppName = "demo" | "work" | "stream" | "render";

/** Options of {@link startTestServer}. Every field is optional. */
export interface TestServerOptions {
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Interface to bind; default "127.0.0.1". */
  host?: string;
  /**
   * Which app to serve: "demo" (default; the demo app of the transcripts plus test-only extras) or "work" (the
   * run-log app of conformance/apps/work.py: every run of /work, /work_stream and /stateful_work is recorded), or
   * "render" (conformance/apps/render.py: a `gr.render` whose events exist per session once it ran).
   */
  app?: AppName;
  /** Queue dialect; default "sse_v3". */
  protocol?: ProtocolName;
  /**
   * `config.version`; default "6.25.0" for sse_v3 (the Gradio people run today; "5.14.0" or "5.45.0" for 5.x) and a
   * matching 4.x version for older protocols. The version also selects the behaviour that differs between Gradio
   * releases ({@link versionFeatures}): 6.x or 5.x cancel, disconnect and message shapes.
   */
  version?: string;
  /** `launch(auth=...)`: one username/password pair, or null for an open app. */
  auth?: [username: string, password: string] | null;
  /** `queue(max_size=N)`: counts WAITING jobs only; join answers 503 when full. */
  queueMaxSize?: number | null;
  /** `config.max_file_size` in bytes; uploads above it answer 413. */
  maxFileSize?: number | null;
  /** SSE heartbeat interval in ms (stream and heartbeat route); default 15000. */
  heartbeatIntervalMs?: number;
  /** Multiplies every sleep of the app's endpoints (and the 6.x linger timeout); default 1. */
  timeScale?: number;
  /**
   * `/cancel` of a waiting job also removes it from the queue (6.14+). Default: true from version 6.14 on, false
   * before (5.x: the cancelled job still runs, then the stream ends with a KeyError). Overrides the version.
   */
  cancelRemovesQueued?: boolean;
  /** `queue(api_open=…)`: queued functions may also be called through `{P}/run/…`. Default `true`, as Gradio off Spaces. */
  apiOpen?: boolean;
  /**
   * A new generator run takes the run id of the session's most recently cancelled (or killed) generator run, so
   * its first `process_generating` is a diff against that run's last value (Gradio keys diffs by
   * `id(iterator)`; seen on 6.25, sse-cancel-running.txt). Default: true from 6.0 on, false before.
   */
  reuseCancelledDiffRuns?: boolean;
  /**
   * After a session stream disconnect, also forget the session's pending event ids and buffered messages, so a
   * later stream of that session closes normally. Real Gradio does not (5.x keeps every id pending, 6.x removes
   * only the waiting jobs' ids). Default: true before 6.0 (the test server's historical model, which SDK tests
   * rely on), false from 6.0 on.
   */
  disconnectForgetsEvents?: boolean;
  /**
   * 6.x only: how long the handler of a closed session stream waits for the session's next message before it
   * notices the close (Gradio's 10 s `wait_for`). Default 10000 × timeScale.
   */
  lingerTimeoutMs?: number;
  /**
   * The server notices when a client closes `GET {P}/heartbeat/{session}` and then runs the app's `unload`
   * listeners and marks the session's State for deletion. Default true; false models uvicorn 0.32 (ASGI spec
   * 2.4), where real Gradio never notices (heartbeat-disconnect.txt).
   */
  detectHeartbeatClose?: boolean;
  /**
   * The Hugging Face Hub model the server also answers (`/api/spaces/…`, `/api/whoami-v2`): Spaces with scripted
   * stages, the token's user, what a duplicate becomes. Not Gradio; see src/hub/space-hub.ts.
   */
  hub?: HubOptions;
}

/** What differs between the queue dialects, as data. */
export interface Dialect {
  readonly protocol: ProtocolName;
  readonly defaultVersion: string;
  /** `process_generating` after the first one carries edit lists (sse_v2+). */
  readonly sendsDiffs: boolean;
  /** `{"msg":"close_stream"}` before the session stream ends (sse_v3). */
  readonly sendsCloseStream: boolean;
  /** One SSE stream per job at `GET /queue/join` plus `POST /queue/data` (4.0 - 4.8). */
  readonly perJobStream: boolean;
}

/** The dialect table (protocol reference §1). */
export const DIALECTS: Readonly<Record<ProtocolName, Dialect>> = {
  sse_v3: {
    protocol: "sse_v3",
    defaultVersion: "6.25.0",
    sendsDiffs: true,
    sendsCloseStream: true,
    perJobStream: false,
  },
  "sse_v2.1": {
    protocol: "sse_v2.1",
    defaultVersion: "4.21.0",
    sendsDiffs: true,
    sendsCloseStream: false,
    perJobStream: false,
  },
  sse_v2: {
    protocol: "sse_v2",
    defaultVersion: "4.17.0",
    sendsDiffs: true,
    sendsCloseStream: false,
    perJobStream: false,
  },
  sse_v1: {
    protocol: "sse_v1",
    defaultVersion: "4.9.0",
    sendsDiffs: false,
    sendsCloseStream: false,
    perJobStream: false,
  },
  sse: {
    protocol: "sse",
    defaultVersion: "4.8.0",
    sendsDiffs: false,
    sendsCloseStream: false,
    perJobStream: true,
  },
};

/**
 * Behaviour that differs between Gradio releases, keyed by the first version that has it. Where only two
 * releases were compared (5.45 and 6.25, protocol §16), the boundary is 6.0 and says so.
 */
const FEATURE_SINCE = {
  /** `GET {P}/heartbeat/{session}` (4.25). */
  heartbeatRoute: [4, 25],
  /** `POST {P}/cancel` (4.31). */
  cancelRoute: [4, 31],
  /** `api_prefix` "/gradio_api" (5.0); before, every route sat at the root. */
  apiPrefix: [5, 0],
  /** 401 detail as an object, `unexpected_error` with `session_not_found` (seen on 5.45, not on 5.14). */
  richErrorShapes: [5, 45],
  /** A plain exception's payload is `{error, visible: true}` (6.0, §4.8; errors-misc.txt). */
  errorVisible: [6, 0],
  /**
   * The stream handler awaits the session's next message (up to 10 s) and checks for a disconnect only after
   * it, so a closed stream's handler lingers (§16.4). 5.x polls every 50 ms. Measured on 6.25; assumed from 6.0.
   */
  lingeringClose: [6, 0],
  /**
   * `clean_events` also removes the removed waiting jobs' ids from the session's pending set (6.25 source; not
   * in 5.45). Assumed from 6.0.
   */
  cleanRemovesWaitingIds: [6, 0],
  /**
   * Killing the running job of (session, fn) frees its slot before the cancel route removes the cancelled
   * waiting job, so that job starts anyway (sse-cancel-queued-same-session.txt, 6.25). On 5.45 the
   * `output:{}` comes first. Assumed from 6.0.
   */
  cancelFreesSlotFirst: [6, 0],
  /** Diff runs reused after a cancel (`reuseCancelledDiffRuns` default; seen on 6.25). */
  reuseCancelledDiffRuns: [6, 0],
  /** A heartbeat timer task puts `heartbeat` into the session queue every interval, whatever the traffic (6.11). */
  heartbeatTask: [6, 11],
  /** A `process_completed` whose id is no longer pending is ignored instead of raising a KeyError (6.11). */
  completionGuard: [6, 11],
  /** `used_cache`, `cache_duration`, `avg_time` on `process_completed`, `output.used_cache` (6.12). */
  cacheFields: [6, 12],
  /** `/cancel` removes the cancelled event from the waiting queue (6.14). */
  cancelRemovesQueued: [6, 14],
  /**
   * `connect_heartbeat` looks at every dependency (6.0); 5.x's loop lets the last one decide whether a `stream` or
   * `unload` listener exists (its `break` leaves only the inner loop), so a stream app whose last listener is a click
   * gets `false`.
   */
  heartbeatForAnyDependency: [6, 0],
  /** `POST {P}/stream/{id}/close` ends a stream event without a `time_limit` too (`Event.closed`, 6.0). */
  streamCloseEndsEvent: [6, 0],
  /** A finished event's id is forgotten: chunks and closes for it answer 404 (6.25; before, 500 for unknown ids). */
  streamEventsForgotten: [6, 25],
  /**
   * `/info` says `oauth_token` ("required" / "optional") for functions taking a `gr.OAuthToken`, and a join's
   * `oauth_token` is handed to them (6.21).
   */
  oauthTokenBody: [6, 21],
} as const satisfies Record<string, readonly [number, number]>;

/** Which version-dependent behaviours a server has, as flags (see `FEATURE_SINCE` in options.ts). */
export type VersionFeatures = { readonly [K in keyof typeof FEATURE_SINCE]: boolean };

function versionAtLeast(version: string, major: number, minor: number): boolean {
  const [maj = 0, min = 0] = version.split(".").map((part) => Number.parseInt(part, 10));
  return maj > major || (maj === major && min >= minor);
}

/**
 * The behaviours of Gradio `version`, as flags.
 *
 * @example
 * versionFeatures("6.25.0").cancelRemovesQueued; // true
 * versionFeatures("5.14.0").cancelRemovesQueued; // false
 */
export function versionFeatures(version: string): VersionFeatures {
  const entries = Object.entries(FEATURE_SINCE).map(([name, [major, minor]]) => [
    name,
    versionAtLeast(version, major, minor),
  ]);
  return Object.fromEntries(entries) as VersionFeatures;
}

/** Options with every default filled in, plus the features that follow from the version. */
export interface ResolvedOptions {
  readonly port: number;
  readonly host: string;
  readonly app: AppName;
  readonly dialect: Dialect;
  readonly version: string;
  /** What the version does (before the explicit overrides below). */
  readonly features: VersionFeatures;
  readonly auth: readonly [string, string] | null;
  readonly queueMaxSize: number | null;
  readonly maxFileSize: number | null;
  readonly heartbeatIntervalMs: number;
  readonly timeScale: number;
  readonly cancelRemovesQueued: boolean;
  readonly reuseCancelledDiffRuns: boolean;
  readonly disconnectForgetsEvents: boolean;
  readonly lingerTimeoutMs: number;
  readonly detectHeartbeatClose: boolean;
  /** "/gradio_api" from 5.0 on, "" before. */
  readonly apiPrefix: string;
  /** `POST /cancel` exists from 4.31 on. */
  readonly hasCancelRoute: boolean;
  /** `GET /heartbeat/{session}` exists from 4.25 on. */
  readonly hasHeartbeatRoute: boolean;
  readonly apiOpen: boolean;
  /**
   * Error shapes seen on 5.45 but not on 5.14 (the conformance server): 401 detail as an object, and
   * `unexpected_error` with a `session_not_found` field ("404: Not Found"; 5.14 says "404: Session not found.").
   */
  readonly richErrorShapes: boolean;
}

/** Fills in defaults and derives the version-dependent features. */
export function resolveOptions(options: TestServerOptions = {}): ResolvedOptions {
  const dialect = DIALECTS[options.protocol ?? "sse_v3"];
  const version = options.version ?? dialect.defaultVersion;
  const features = versionFeatures(version);
  const timeScale = options.timeScale ?? 1;
  return {
    port: options.port ?? 0,
    host: options.host ?? "127.0.0.1",
    app: options.app ?? "demo",
    dialect,
    version,
    features,
    auth: options.auth ?? null,
    queueMaxSize: options.queueMaxSize ?? null,
    maxFileSize: options.maxFileSize ?? null,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 15_000,
    timeScale,
    cancelRemovesQueued: options.cancelRemovesQueued ?? features.cancelRemovesQueued,
    reuseCancelledDiffRuns: options.reuseCancelledDiffRuns ?? features.reuseCancelledDiffRuns,
    disconnectForgetsEvents: options.disconnectForgetsEvents ?? !features.cleanRemovesWaitingIds,
    lingerTimeoutMs: options.lingerTimeoutMs ?? 10_000 * timeScale,
    detectHeartbeatClose: options.detectHeartbeatClose ?? true,
    apiPrefix: features.apiPrefix ? "/gradio_api" : "",
    hasCancelRoute: features.cancelRoute,
    hasHeartbeatRoute: features.heartbeatRoute,
    apiOpen: options.apiOpen ?? true,
    richErrorShapes: features.richErrorShapes,
  };
}
