/**
 * The conformance contract against real Gradio servers running the apps of `conformance/apps/`.
 * `conformance/run-real-gradio.sh` provisions Gradio 5.14.0, starts the apps and sets the variables; to use your own
 * Gradio, start the three apps yourself and set them (conformance/README.md):
 *
 *   GRADIO_MAIN_URL        conformance/apps/main.py
 *   GRADIO_AUTH_URL        conformance/apps/auth.py
 *   GRADIO_QUEUE_FULL_URL  conformance/apps/queue_full.py
 *   GRADIO_AUTH            optional "user:password" of the auth app, default "user:pass"
 */
import { defineContract, type Target } from "./contract/index.js";

function required(name: string, app: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(
      `${name} is not set: it must be the URL of a Gradio server running conformance/apps/${app} ` +
        "(run conformance/run-real-gradio.sh, or see conformance/README.md to use your own Gradio).",
    );
  }
  return value.replace(/\/+$/, "");
}

const [username = "user", password = "pass"] = (process.env.GRADIO_AUTH ?? "user:pass").split(/:(.*)/s);
const target: Target = {
  mainUrl: required("GRADIO_MAIN_URL", "main.py"),
  authUrl: required("GRADIO_AUTH_URL", "auth.py"),
  queueFullUrl: required("GRADIO_QUEUE_FULL_URL", "queue_full.py"),
  credentials: [username, password],
  timeScale: 1,
  heartbeatMs: 15_000,
};

defineContract(`real Gradio (${target.mainUrl})`, () => target);
