/**
 * When and how a cancelled job is stopped on the server, as one pure decision (protocol §7, §16.3, §16.4).
 *
 * Gradio cancels by (session, function), not by event: `POST {P}/cancel` kills every running task of the session's
 * function, and before 6.14 a cancelled waiting job still runs later. Closing a session's stream drops all its waiting
 * jobs and flags its running ones dead. So what is safe depends on who else is in the session, on what the client
 * knows of the job, and on the server version. {@link cancelAction} is that table; the core README prints it.
 * @module
 */
import type { ServerTraits } from "../wire/dialects.js";

/** What the client knows when it decides how to stop a job it no longer wants. */
export interface CancelSituation {
  /** The server's behaviour. */
  readonly traits: Pick<ServerTraits, "cancelRoute" | "cancelRemovesQueued" | "closedStreamLingers">;
  /** The job runs in a session of its own (an extra session opened for it), not in the client's shared session. */
  readonly ownSession: boolean;
  /** The client has seen the job start (`process_starts`, progress, a log or an output). */
  readonly running: boolean;
  /** Another job of the same function that its caller still wants is pending or joining in the same session. */
  readonly siblingPending: boolean;
  /** Any other job still wanted by its caller is pending or joining in the same session. */
  readonly othersPending: boolean;
  /**
   * A job of the same function just completed in this session, so the queue is handing its slot on right now,
   * possibly to this job. Optional: `false` when left out.
   */
  readonly slotJustFreed?: boolean;
}

/**
 * - `wait`: not yet; decide again when the session changes (the job starts, a sibling ends).
 * - `send`: `POST {P}/cancel` now.
 * - `close-and-send`: close the session's stream, then `POST {P}/cancel`. Before 6.14 only the close removes a
 *   waiting job (the server drops a disconnected session's waiting jobs); the cancel stops it if it started
 *   meanwhile. The order matters: a cancel first would make the server answer `output:{}` and `close_stream` and
 *   end the stream itself, which drops nothing, and the job would still run.
 * - `close`: close the session's stream (servers without `/cancel`, before 4.31).
 * - `none`: nothing can stop it without hurting other jobs; it runs to its end (shared session before 4.31).
 */
export type CancelAction = "wait" | "send" | "close-and-send" | "close" | "none";

/**
 * Decides how to stop a job. The rules, in order:
 *
 * | situation | action | why |
 * |---|---|---|
 * | a wanted sibling (same session and function) is pending | `wait` | a cancel would kill it too, with no message ever |
 * | no `/cancel` route (< 4.31), a session of its own with nothing else wanted in it | `close` | the server drops the session's jobs |
 * | no `/cancel` route, otherwise | `none` | the client's own session is left alone on these old servers |
 * | running | `send` | kills only this job: no wanted sibling runs |
 * | waiting, 6.14+, a job of its function just completed in the session | `wait` | until it starts: a cancel now can land while the queue hands it the slot, find nothing to kill or remove, and it runs anyway (measured on 6.25) |
 * | waiting, 6.14+ | `send` | the server removes it from the queue |
 * | waiting, < 6.14, nothing else wanted in the session, the session may be closed | `close-and-send` | `/cancel` alone leaves it queued; the close removes it |
 * | waiting, < 6.14, otherwise | `wait` | until it starts: a cancel now would not remove it, and it would run anyway |
 *
 * "The session may be closed": it is a session of its own, or the server forgets a closed stream at once (before
 * 6.0). Closing the client's own session's stream on 6.x would make the server drop a job joined there in the next
 * seconds (protocol §16.4); closing it never loses its State (that lives until the heartbeat closes).
 *
 * @example
 * ```ts
 * cancelAction({ traits, ownSession: true, running: false, siblingPending: false, othersPending: false });
 * // 5.x: "close-and-send"; 6.14+: "send"
 * ```
 */
export function cancelAction(situation: CancelSituation): CancelAction {
  const { traits, ownSession, running, siblingPending, othersPending, slotJustFreed } = situation;
  if (siblingPending) return "wait";
  if (!traits.cancelRoute) return ownSession && !othersPending ? "close" : "none";
  const alone = !othersPending && (ownSession || !traits.closedStreamLingers);
  if (running) return "send";
  if (traits.cancelRemovesQueued) return slotJustFreed ? "wait" : "send";
  return alone ? "close-and-send" : "wait";
}
