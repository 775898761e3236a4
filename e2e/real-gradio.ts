/**
 * Real Gradio servers for the end-to-end tests that must hold on real Gradio too (`tests/cancel.spec.ts`): a
 * conformance app (`conformance/apps/*.py`) on one Gradio build, started with `../shared/real-gradio/run.sh` on a
 * free port and stopped with its `stop.sh`. The tests get them as worker fixtures (`helpers.ts`), so a server starts
 * only when a test needs it and is reused by every later test of the run.
 *
 * Never skipped: when real Gradio cannot be provisioned (not root, no `shared/real-gradio`, a failed setup), starting
 * throws an error saying how to get it, and the tests that need it fail.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** Where setup.sh, run.sh and stop.sh live (`REAL_GRADIO_DIR`, default `shared/real-gradio` beside the checkout). */
const realGradioDir = process.env.REAL_GRADIO_DIR ?? resolve(repo, "../shared/real-gradio");

/** A conformance app on a real Gradio build. */
export interface RealGradioServer {
  readonly url: string;
  readonly version: string;
  readonly app: string;
  stop(): Promise<void>;
}

const HOW_TO_GET_IT =
  "Real Gradio comes from ../shared/real-gradio (setup.sh installs 5.14.0, 5.45.0 and 6.25.0 into a Debian chroot; " +
  "it needs root, debootstrap/unshare/chroot and the Debian mirror). Run scripts/e2e.sh as root beside a checkout " +
  "of shared/, or set REAL_GRADIO_DIR to where setup.sh/run.sh/stop.sh live.";

/** Starts `conformance/apps/{app}.py` on Gradio `version`; throws, saying how to get real Gradio, if it cannot. */
export async function startRealGradio(app: string, version: string): Promise<RealGradioServer> {
  for (const script of ["setup.sh", "run.sh", "stop.sh"]) {
    if (!existsSync(join(realGradioDir, script))) {
      throw new Error(`real Gradio ${version}: ${join(realGradioDir, script)} is missing. ${HOW_TO_GET_IT}`);
    }
  }
  if (process.getuid?.() !== 0) {
    throw new Error(`real Gradio ${version}: provisioning needs root. ${HOW_TO_GET_IT}`);
  }
  const env = { ...process.env, GRADIO_VERSION: version };
  // Idempotent, under a second once the build is cached (~70 s for all three the first time).
  await sh(join(realGradioDir, "setup.sh"), [version], env, `setup.sh ${version}`, 300_000);
  const port = await freePort();
  const file = join(repo, "conformance", "apps", `${app}.py`);
  await sh(
    join(realGradioDir, "run.sh"),
    [file, String(port)],
    env,
    `run.sh ${app}.py on Gradio ${version}`,
    90_000,
  );
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    version,
    app,
    stop: async () => {
      await run(join(realGradioDir, "stop.sh"), [String(port)], { env }).catch(() => undefined);
    },
  };
}

async function sh(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  what: string,
  timeout: number,
): Promise<void> {
  try {
    await run(script, args, { env, timeout, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    const output = `${stdout}${stderr}`.trim().split("\n").slice(-15).join("\n");
    throw new Error(`real Gradio: ${what} failed. ${HOW_TO_GET_IT}\n${output}`);
  }
}

/** A TCP port free on 127.0.0.1 right now. */
function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === "object" && address ? address.port : 0));
    });
  });
}
