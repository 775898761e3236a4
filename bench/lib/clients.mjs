/**
 * One small interface over both clients, so every scenario runs the same code against ours and the official one.
 * Each side is used the way its README shows: ours with `client.submit()` / `job.result()` / callbacks, the official
 * one with `client.predict()` and the async iterator of `client.submit()`.
 */

import { connectFloor as connectFloorClient } from "./floor-client.js";
import { ourModule } from "./snapshot.mjs";

/** @typedef {"ours" | "official" | "floor"} ClientKind */

/**
 * @typedef {object} Submitted
 * @property {Promise<unknown[]>} done resolves with the final outputs
 * @property {() => string | null} eventId the server's event id (once joined)
 * @property {() => void} cancel the client's own cancel (ours: `job.cancel()`; official: `submission.cancel()`)
 */

/**
 * @typedef {object} BenchClient
 * @property {string} sessionHash
 * @property {(endpoint: string, args: unknown[]) => Promise<unknown[]>} predict
 * @property {(endpoint: string, args: unknown[], hooks?: { onStart?: () => void, onOutput?: (o: unknown[]) => void, isolate?: boolean }) => Submitted} submit
 * @property {() => void} close
 * @property {unknown} raw the underlying client
 */

/**
 * @param {ClientKind} kind
 * @param {string} url
 * @returns {Promise<BenchClient>}
 */
export async function connect(kind, url) {
  if (kind === "floor") return connectFloor(url);
  return kind === "ours" ? connectOurs(url) : connectOfficial(url);
}

async function connectOurs(url) {
  const { Client } = await import(ourModule("core"));
  const client = await Client.connect(url);
  return {
    sessionHash: client.sessionHash,
    raw: client,
    predict: (endpoint, args) => client.predict(endpoint, args),
    submit(endpoint, args, hooks = {}) {
      let started = false;
      const job = client.submit(endpoint, args, {
        onStatus: hooks.onStart
          ? (status) => {
              if (!started && status.stage === "running") {
                started = true;
                hooks.onStart();
              }
            }
          : undefined,
        onOutput: hooks.onOutput,
        // Only when asked: `isolate: false` would mean "never a session of its own", not the default rule.
        ...(hooks.isolate ? { isolate: true } : {}),
      });
      return {
        done: job.result(),
        eventId: () => job.eventId,
        cancel: () => void job.cancel(),
        state: () => `${job.status().stage}/${job.status().code}`,
        job,
      };
    },
    close: () => client.close(),
  };
}

async function connectOfficial(url) {
  const { Client } = await import("@gradio/client");
  // Status events are off by default (`events: ["data"]`); the scenarios need them to see starts and errors.
  const client = await Client.connect(url, { events: ["data", "status"] });
  return {
    sessionHash: client.session_hash,
    raw: client,
    predict: async (endpoint, args) => (await client.predict(endpoint, args)).data,
    submit(endpoint, args, hooks = {}) {
      const submission = client.submit(endpoint, args);
      let state = "submitted";
      const done = (async () => {
        let last;
        let started = false;
        for await (const event of submission) {
          state = `${event.type}/${event.stage ?? ""}`;
          if (event.type === "data") {
            last = event.data;
            hooks.onOutput?.(event.data);
          } else if (event.type === "status") {
            if (!started && event.original_msg === "process_starts") {
              started = true;
              hooks.onStart?.();
            }
            if (event.stage === "error") throw new Error(`official client: ${event.message}`);
            if (event.stage === "complete") break;
          }
        }
        return last;
      })();
      return {
        done,
        eventId: () => submission.event_id() || null,
        cancel: () => void submission.cancel(),
        state: () => state,
      };
    },
    close: () => client.close(),
  };
}

/** The raw-fetch baseline (floor-client.js) in the shape of a bench client (`submit`: generators, no cancel). */
async function connectFloor(url) {
  return { ...(await connectFloorClient(url)), raw: null };
}
