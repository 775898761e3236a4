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
  /**
   * `conformance/apps/work.py`: `/work` (1.5 s), `/work_stream` (n × 0.1 s), `/stateful_work` (1.5 s, a `gr.State`),
   * all async with `concurrency_limit=1`, and `/runs`, which tells what really ran on the server: one record per
   * started run with its session, start and end time, and outcome `running`, `completed` or `cancelled`.
   * `/reset_runs` clears it, `/unloaded` lists the sessions whose `demo.unload` ran. On the test server:
   * `startTestServer({ app: "work" })`. Whether this server notices a closed heartbeat stream: see
   * {@link workNoticesHeartbeatClose}.
   */
  readonly workUrl: string;
  /**
   * The work app on a server that notices a closed heartbeat stream (`GET …/heartbeat/{session}`) and then runs
   * `demo.unload` for the session at once. On real Gradio that is `conformance/apps/work_detect_disconnect.py`: the
   * same app behind an ASGI middleware reporting spec 2.3, because under uvicorn 0.32 Gradio never notices. The
   * middleware also makes Gradio notice a closed queue stream at once (6.25 otherwise notices it only at the
   * session's next message), so use this URL only for what concerns the heartbeat. On the test server: a second
   * `startTestServer({ app: "work" })`, which detects the close by default.
   */
  readonly workDetectUrl: string;
  /**
   * Whether the server at {@link workUrl} notices a closed heartbeat stream (and so runs `demo.unload`): false for
   * real Gradio under uvicorn 0.32 (it never does), true for the test server.
   */
  readonly workNoticesHeartbeatClose: boolean;
  /**
   * `conformance/apps/stream.py`: streaming-input events — `/frames` (webcam `gr.Image(streaming=True)`, no time
   * limit) and `/audio` (`gr.Audio(streaming=True)`, `time_limit=2`), both `stream_every=0.1`, and `/calls`, every run
   * of them with its session, seq and time. On the test server: `startTestServer({ app: "stream" })`.
   */
  readonly streamUrl: string;
  /**
   * `conformance/apps/render.py`: a `gr.render` (`/apply`, run after `/set_count` n) that draws n boxes whose clicks
   * are the rendered events `/shout_0` … (per session), `/static_echo`, and `/request_info` (the query parameters
   * and cookie `probe` its `gr.Request` saw). On the test server: `startTestServer({ app: "render" })`.
   */
  readonly renderUrl: string;
  /** Username and password of the auth app. */
  readonly credentials: readonly [username: string, password: string];
  /**
   * How the apps' clock compares with real time: every sleep of the main and work apps (0.2 s per /count step, 2 s
   * per /slow, 1.5 s per /work…) takes `timeScale` times as long. 1 for real Gradio.
   */
  readonly timeScale: number;
  /**
   * The interval of `{"msg":"heartbeat"}` frames on the main and work apps' session streams (and of `ALIVE` on their
   * heartbeat routes): 15,000 ms on Gradio.
   */
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
