/**
 * The conformance contract against real Gradio servers running the apps of `conformance/apps/`.
 * `conformance/run-real-gradio.sh` provisions Gradio (5.14.0, 5.45.0 and 6.25.0, one after the other), starts the
 * apps and sets the variables; to use your own Gradio, start the apps yourself and set them (conformance/README.md):
 *
 *   GRADIO_MAIN_URL         conformance/apps/main.py
 *   GRADIO_AUTH_URL         conformance/apps/auth.py
 *   GRADIO_QUEUE_FULL_URL   conformance/apps/queue_full.py
 *   GRADIO_WORK_URL         conformance/apps/work.py
 *   GRADIO_WORK_DETECT_URL  conformance/apps/work_detect_disconnect.py (work.py with the detect-disconnect middleware)
 *   GRADIO_STREAM_URL       conformance/apps/stream.py (streaming inputs)
 *   GRADIO_RENDER_URL       conformance/apps/render.py (gr.render, connection options)
 *   GRADIO_AUTH             optional "user:password" of the auth app, default "user:pass"
 *   GRADIO_VERSION          optional: the Gradio version the servers must report
 *
 * Test names carry the version the main app reports in /config, so a failure says which Gradio it was.
 */
import { defineContract, type Target } from "./contract/index.js";
import { gradioVersion, requiredUrl } from "./real-gradio-env.js";

const [username = "user", password = "pass"] = (process.env.GRADIO_AUTH ?? "user:pass").split(/:(.*)/s);
const target: Target = {
  mainUrl: requiredUrl("GRADIO_MAIN_URL", "main.py"),
  authUrl: requiredUrl("GRADIO_AUTH_URL", "auth.py"),
  queueFullUrl: requiredUrl("GRADIO_QUEUE_FULL_URL", "queue_full.py"),
  workUrl: requiredUrl("GRADIO_WORK_URL", "work.py"),
  workDetectUrl: requiredUrl("GRADIO_WORK_DETECT_URL", "work_detect_disconnect.py"),
  streamUrl: requiredUrl("GRADIO_STREAM_URL", "stream.py"),
  renderUrl: requiredUrl("GRADIO_RENDER_URL", "render.py"),
  workNoticesHeartbeatClose: false,
  credentials: [username, password],
  timeScale: 1,
  heartbeatMs: 15_000,
};
const version = await gradioVersion(target.mainUrl);

defineContract(`real Gradio ${version} (${target.mainUrl})`, () => target);
