/** Queue protocol dialects a test server can speak (`config.protocol`). */
export type ProtocolName = "sse_v3" | "sse_v2.1" | "sse_v2" | "sse_v1" | "sse";

/** Options of {@link startTestServer}. Every field is optional. */
export interface TestServerOptions {
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Interface to bind; default "127.0.0.1". */
  host?: string;
  /** Queue dialect; default "sse_v3". */
  protocol?: ProtocolName;
  /** `config.version`; default "5.14.0" for sse_v3 and a matching 4.x version for older protocols. */
  version?: string;
  /** `launch(auth=...)`: one username/password pair, or null for an open app. */
  auth?: [username: string, password: string] | null;
  /** `queue(max_size=N)`: counts WAITING jobs only; join answers 503 when full. */
  queueMaxSize?: number | null;
  /** `config.max_file_size` in bytes; uploads above it answer 413. */
  maxFileSize?: number | null;
  /** SSE heartbeat interval in ms (stream and heartbeat route); default 15000. */
  heartbeatIntervalMs?: number;
  /** Multiplies every sleep of the demo endpoints; default 1. */
  timeScale?: number;
  /** false (default): 5.x `/cancel` of a queued job (it still runs); true: 6.14+ (it is removed). */
  cancelRemovesQueued?: boolean;
  /** `queue(api_open=…)`: queued functions may also be called through `{P}/run/…`. Default `true`, as Gradio off Spaces. */
  apiOpen?: boolean;
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
    defaultVersion: "5.14.0",
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

/** Options with every default filled in, plus the features that follow from the version. */
export interface ResolvedOptions {
  readonly port: number;
  readonly host: string;
  readonly dialect: Dialect;
  readonly version: string;
  readonly auth: readonly [string, string] | null;
  readonly queueMaxSize: number | null;
  readonly maxFileSize: number | null;
  readonly heartbeatIntervalMs: number;
  readonly timeScale: number;
  readonly cancelRemovesQueued: boolean;
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

function versionAtLeast(version: string, major: number, minor: number): boolean {
  const [maj = 0, min = 0] = version.split(".").map((part) => Number.parseInt(part, 10));
  return maj > major || (maj === major && min >= minor);
}

/** Fills in defaults and derives the version-dependent features. */
export function resolveOptions(options: TestServerOptions = {}): ResolvedOptions {
  const dialect = DIALECTS[options.protocol ?? "sse_v3"];
  const version = options.version ?? dialect.defaultVersion;
  return {
    port: options.port ?? 0,
    host: options.host ?? "127.0.0.1",
    dialect,
    version,
    auth: options.auth ?? null,
    queueMaxSize: options.queueMaxSize ?? null,
    maxFileSize: options.maxFileSize ?? null,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 15_000,
    timeScale: options.timeScale ?? 1,
    cancelRemovesQueued: options.cancelRemovesQueued ?? false,
    apiPrefix: versionAtLeast(version, 5, 0) ? "/gradio_api" : "",
    hasCancelRoute: versionAtLeast(version, 4, 31),
    hasHeartbeatRoute: versionAtLeast(version, 4, 25),
    apiOpen: options.apiOpen ?? true,
    richErrorShapes: versionAtLeast(version, 5, 45),
  };
}
