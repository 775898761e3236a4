/**
 * Waiting for a Hugging Face Space to run before connecting: its stage read from the Hub
 * (`GET {hub}/api/spaces/{owner}/{name}`, or `…/api/spaces/by-subdomain/{sub}` for an `*.hf.space` URL), reported
 * on each change, read again with backoff while it sleeps or builds, and a {@link SpaceError} with the Hub's reason
 * when it cannot run. Loaded only when connecting to a Space.
 *
 * Like the official client (`check_and_wake_space`), the status read is the wake-up: it is the only request
 * `@gradio/client` makes while a Space sleeps, and the config read that follows reaches the Space's host.
 * @module
 */
import { InputError, SpaceError } from "../errors.js";
import { timeLimit } from "../http/timeouts.js";
import { type HubAccess, hubJson, hubRequest } from "./hub.js";

/** Where a Space is in its life, as {@link SpaceStatus} reports it. */
export type SpaceStage = "sleeping" | "building" | "running" | "error";

/** A Space's stage while `Client.connect` waits for it (`onSpaceStatus`). */
export interface SpaceStatus {
  /** `owner/name` (or the subdomain, for an `*.hf.space` URL the Hub does not know). */
  readonly spaceId: string;
  /** `sleeping` (being woken), `building` (building or starting), `running`, or `error` (the connect rejects). */
  readonly stage: SpaceStage;
  /** The Hub's own stage: `SLEEPING`, `BUILDING`, `APP_STARTING`, `RUNNING`, `BUILD_ERROR`, `PAUSED`… */
  readonly hubStage: string;
  /** A sentence for people: for `error`, the Hub's reason when it gives one (`runtime.errorMessage`). */
  readonly message: string;
}

/** Options of {@link waitForSpace}. */
export interface SpaceWait extends HubAccess {
  readonly onSpaceStatus?: (status: SpaceStatus) => void;
  /** Give up after this many ms of sleeping or building. Default 300,000 (5 min). */
  readonly spaceTimeout?: number;
  /** The first pause between two status reads, in ms; it grows 1.5× per read up to 10×. Default 1,000. */
  readonly spacePollInterval?: number;
  readonly signal?: AbortSignal;
}

/** How long one status read may take. */
const READ_MS = 10_000;

/** The Hub's stages by what they mean for a client; any stage not listed is an error. */
const STAGES: Record<string, [SpaceStage, string]> = {
  RUNNING: ["running", "is running"],
  RUNNING_BUILDING: ["running", "is running (a new version is building)"],
  RUNNING_APP_STARTING: ["running", "is running (a new version is starting)"],
  SLEEPING: ["sleeping", "is asleep; waking it up"],
  STOPPED: ["sleeping", "is stopped; waking it up"],
  BUILDING: ["building", "is building"],
  APP_STARTING: ["building", "is starting"],
  PAUSED: ["error", "was paused by its owner"],
  BUILD_ERROR: ["error", "failed to build"],
  RUNTIME_ERROR: ["error", "crashed"],
  CONFIG_ERROR: ["error", "has a configuration error"],
  NO_APP_FILE: ["error", "has no app file"],
  DELETING: ["error", "is being deleted"],
};

/**
 * Resolves once the Space runs (at once for a running one: one status read). Reports each new stage to
 * `onSpaceStatus`. Rejects with {@link SpaceError} for a Space that cannot run or did not start within
 * `spaceTimeout`, with the signal's reason when `signal` aborts, and with {@link InputError} (before any request) for
 * a `spaceTimeout` or `spacePollInterval` that is not a positive number. A Space whose stage the Hub does not tell
 * (unknown subdomain, Hub unreachable) is left to the config read that follows.
 */
export async function waitForSpace(
  space: { id: string } | { subdomain: string },
  wait: SpaceWait,
): Promise<void> {
  const path = "id" in space ? `/api/spaces/${space.id}` : `/api/spaces/by-subdomain/${space.subdomain}`;
  let spaceId = "id" in space ? space.id : space.subdomain;
  const timeout = timeLimit("spaceTimeout", wait.spaceTimeout, 300_000);
  const firstPause = timeLimit("spacePollInterval", wait.spacePollInterval, 1000);
  if (!Number.isFinite(firstPause)) throw new InputError("spacePollInterval must be a finite number of ms.");
  const deadline = Date.now() + timeout;
  let pause = firstPause;
  let reported: string | undefined;
  for (;;) {
    const limit = Math.min(READ_MS, Math.max(1, deadline - Date.now()));
    const body = await readStage(path, wait, `Reading the stage of Space ${spaceId}`, limit);
    const runtime = body?.runtime as { stage?: unknown; errorMessage?: unknown } | undefined;
    // The Hub does not tell (unknown Space, no answer): the config read will. Once it has told, wait on.
    if (typeof runtime?.stage !== "string" && reported === undefined) return;
    if (typeof runtime?.stage === "string") {
      if (typeof body?.id === "string") spaceId = body.id;
      const hubStage = runtime.stage;
      const [stage, says] = STAGES[hubStage] ?? ["error", `is in stage ${hubStage}`];
      const reason = typeof runtime.errorMessage === "string" ? `: ${runtime.errorMessage}` : "";
      const message = `Space ${spaceId} ${says}${stage === "error" ? reason : ""}.`;
      if (hubStage !== reported) {
        reported = hubStage;
        wait.onSpaceStatus?.({ spaceId, stage, hubStage, message });
      }
      if (stage === "running") return;
      if (stage === "error") {
        throw new SpaceError(
          spaceId,
          hubStage,
          `${message} ${hubStage === "PAUSED" ? "Ask its owner to restart it, or" : "Its owner must fix it; you can"} duplicate it (Client.duplicate) or try again later.`,
        );
      }
    }
    if (Date.now() + pause > deadline) {
      throw new SpaceError(
        spaceId,
        reported ?? "UNKNOWN",
        `Space ${spaceId} did not start within ${Math.round(timeout / 1000)} s (still ${reported}); try again later, or pass a longer \`spaceTimeout\`.`,
      );
    }
    await sleep(pause, wait.signal);
    pause = Math.min(pause * 1.5, firstPause * 10);
  }
}

/**
 * One status read, given at most `limitMs` (a Hub that accepts and stays silent must not hang the connect): the
 * Hub's JSON answer, or `null` when it fails, refuses or is late. Rejects only when `wait.signal` aborts.
 */
async function readStage(
  path: string,
  wait: SpaceWait,
  what: string,
  limitMs: number,
): Promise<Record<string, unknown> | null> {
  wait.signal?.throwIfAborted();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), limitMs);
  const onAbort = () => controller.abort();
  wait.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    const response = await hubRequest(path, wait, what, { signal: controller.signal });
    if (response.ok) return await hubJson(response);
    await response.body?.cancel();
    return null;
  } catch {
    wait.signal?.throwIfAborted();
    return null;
  } finally {
    clearTimeout(timer);
    wait.signal?.removeEventListener("abort", onAbort);
  }
}

/** Resolves after `ms`; rejects with the signal's reason as soon as it aborts, leaving no timer behind. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
