import type { EventEmitter } from "node:events";
import type { StreamChunkRecord } from "./queue/stream-events.js";

/** Identifies a job in the job events. */
export interface JobEventPayload {
  sessionHash: string;
  fnIndex: number;
  apiName: string;
  eventId: string;
}

/** The payload of every event `server.events` emits, by event name. */
export interface ServerEventMap {
  request: { method: string; path: string; headers: Record<string, string | string[] | undefined> };
  join: JobEventPayload;
  "job-start": JobEventPayload;
  "job-output": JobEventPayload & { index: number };
  "job-end": JobEventPayload & { outcome: "completed" | "error" | "cancelled" | "dropped" };
  cancel: { sessionHash: string; fnIndex: number; eventId: string };
  "stream-open": { sessionHash: string };
  "stream-close": { sessionHash: string; reason: "close_stream" | "client" | "fault" | "end" };
  /**
   * 6.x: the handler of a closed session stream stopped lingering: after taking the session's next message or
   * after its timeout. `cleaned`: it ran `clean_events` (false when that message completed the last pending
   * event, or raised the pre-6.11 KeyError).
   */
  "stream-linger-end": { sessionHash: string; cleaned: boolean };
  /** `clean_events(session)` ran: waiting jobs removed and running jobs flagged dead, by event id. */
  "session-clean": { sessionHash: string; removed: string[]; flaggedDead: string[] };
  "heartbeat-open": { sessionHash: string };
  /** The client closed `GET {P}/heartbeat/{session}`; `detected` false models a server that never notices. */
  "heartbeat-close": { sessionHash: string; detected: boolean };
  /** The server noticed a closed heartbeat: it ran these `demo.unload` listeners and marked the State closed. */
  unload: { sessionHash: string; listeners: string[] };
  /** `POST {P}/stream/{event_id}` took a chunk (`finished`: the event had already ended; 5.x still says success). */
  "stream-chunk": StreamChunkRecord & { finished: boolean };
  /** `POST {P}/stream/{event_id}/close` arrived for a known event. */
  "stream-input-close": { eventId: string; finished: boolean };
}

/**
 * Resolves with the payload of the next `name` event that passes `predicate`; rejects after `timeoutMs`.
 *
 * @example
 * const end = waitForEvent(server, "job-end", (e) => e.apiName === "count");
 * // ... start the job ...
 * expect((await end).outcome).toBe("completed");
 */
export function waitForEvent<K extends keyof ServerEventMap>(
  server: { readonly events: EventEmitter },
  name: K,
  predicate: (payload: ServerEventMap[K]) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<ServerEventMap[K]> {
  return new Promise((resolve, reject) => {
    const listener = (payload: ServerEventMap[K]) => {
      if (!predicate(payload)) return;
      cleanup();
      resolve(payload);
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`waitForEvent: no "${String(name)}" event within ${timeoutMs} ms`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      server.events.off(name, listener);
    };
    server.events.on(name, listener);
  });
}
