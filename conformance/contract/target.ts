/**
 * A conformance target: the Gradio servers one run of the contract talks to, and how fast they run.
 * The same scenarios run against `packages/test-server` (in-process, sped up) and against real Gradio
 * (the apps in `conformance/apps/`, or your own copies of them).
 * @module
 */

/** The servers of one conformance run. */
export interface Target {
  /** `conformance/apps/main.py`: the demo app of the transcripts (12 endpoints, /predict … /sleep). */
  readonly mainUrl: string;
  /** `conformance/apps/auth.py`: the calculator behind `launch(auth=credentials)`. */
  readonly authUrl: string;
  /** `conformance/apps/queue_full.py`: `/slow` (2 s, concurrency_limit=1) behind `queue(max_size=2)`. */
  readonly queueFullUrl: string;
  /** Username and password of the auth app. */
  readonly credentials: readonly [username: string, password: string];
  /**
   * How the main app's clock compares with real time: every sleep of the app (0.2 s per /count step, 2 s per /slow…)
   * takes `timeScale` times as long. 1 for real Gradio.
   */
  readonly timeScale: number;
  /** The interval of `{"msg":"heartbeat"}` frames on the main app's session streams: 15,000 ms on Gradio. */
  readonly heartbeatMs: number;
}

/** Milliseconds that `seconds` of app time take on this target. */
export function appMs(target: Target, seconds: number): number {
  return seconds * 1000 * target.timeScale;
}

/**
 * A generous wait for something that takes `seconds` of app time: the scaled time plus a fixed allowance for HTTP,
 * process scheduling and a busy 2-core CI machine.
 */
export function patience(target: Target, seconds: number): number {
  return appMs(target, seconds) + 5_000;
}
