/**
 * The `sse` protocol of Gradio 4.0–4.8 (protocol §1, §5): one stream per job at `GET {root}/queue/join`, the server
 * asks for the inputs with `send_data`, the client posts them to `{root}/queue/data`, and a full queue is the
 * `queue_full` message. Loaded only when an app speaks it.
 * @module
 */
import { ConnectionError, QueueFullError, toJobError } from "../errors.js";
import { errorFromResponse, type Http } from "../http/http.js";
import type { StreamListener } from "../session/session-stream.js";
import { decodeMessage } from "../wire/messages.js";
import { readEventStream } from "../wire/sse.js";
import { jobListener } from "./job-messages.js";
import type { Transport } from "./submission.js";

/** What a per-job stream needs. */
export interface LegacyJobRequest {
  readonly http: Http;
  readonly apiBase: string;
  readonly sessionHash: string;
  readonly fnIndex: number;
  readonly body: Record<string, unknown>;
  readonly signal: AbortSignal;
  readonly onSending: () => void;
  readonly onEventId: (eventId: string) => void;
}

/** Runs one job over its own stream, reporting to `listener`. Resolves when the stream ends. */
export async function runLegacyJob(request: LegacyJobRequest, listener: StreamListener): Promise<void> {
  const { http, apiBase, sessionHash, fnIndex, signal } = request;
  const url = `${apiBase}/queue/join?fn_index=${fnIndex}&session_hash=${encodeURIComponent(sessionHash)}`;
  const response = await http.request(
    url,
    { headers: { accept: "text/event-stream" }, signal },
    "Joining the queue",
  );
  if (!response.ok || !response.body) throw await errorFromResponse(response, "Joining the queue");
  let finished = false;
  let failed = false;
  const fail = (error: Parameters<StreamListener["lost"]>[0]) => {
    failed = true;
    listener.lost(error);
  };
  await readEventStream(
    response.body,
    (data) => {
      if (finished || failed) return;
      let message: ReturnType<typeof decodeMessage>;
      try {
        message = decodeMessage(withEventId(data));
      } catch (error) {
        fail(error as ConnectionError);
        return;
      }
      if (message.msg === "queue_full") return fail(new QueueFullError("Queue is full."));
      if (message.msg === "send_data") {
        request.onEventId(message.eventId);
        request.onSending();
        void sendData(request, message.eventId).catch((error: unknown) =>
          fail(error instanceof ConnectionError ? error : new ConnectionError(String(error))),
        );
        return;
      }
      if (message.msg === "process_completed") finished = true;
      listener.message(message);
    },
    undefined,
    signal,
  );
  if (!finished && !failed && !signal.aborted) {
    listener.lost(new ConnectionError("The job's event stream ended before the job completed."));
  }
}

async function sendData(request: LegacyJobRequest, eventId: string): Promise<void> {
  const response = await request.http.request(
    `${request.apiBase}/queue/data`,
    {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...request.body, event_id: eventId }),
      signal: request.signal,
    },
    "Sending the inputs",
  );
  if (!response.ok) throw await errorFromResponse(response, "Sending the inputs");
  await response.body?.cancel();
}

/** 4.0–4.8 servers may omit `event_id` on per-job messages; the stream itself identifies the job. */
function withEventId(data: string): string {
  if (data.includes('"event_id"')) return data;
  const trimmed = data.trimEnd();
  return trimmed.endsWith("}")
    ? `${trimmed.slice(0, -1)}${trimmed.length > 2 ? "," : ""}"event_id":""}`
    : data;
}

/** Runs a job of a 4.0–4.8 server over its own stream; returns how to stop it. */
export const runPerJob: Transport = (context, endpoint, body, driver) => {
  const controller = new AbortController();
  const listener = jobListener(driver, {
    endpoint,
    dialect: context.traits.dialect,
    apiBase: context.apiBase,
  });
  driver.apply({ type: "joining" });
  runLegacyJob(
    {
      http: context.http,
      apiBase: context.apiBase,
      sessionHash: context.sessionHash,
      fnIndex: endpoint.fnIndex,
      body,
      signal: controller.signal,
      onSending: () => driver.apply({ type: "sending" }),
      onEventId: (eventId) => driver.setEventId(eventId),
    },
    listener,
  ).catch((error: unknown) => {
    if (!controller.signal.aborted) listener.lost(toJobError(error));
  });
  // Closing a per-job stream makes the server drop the job (protocol §4.9).
  return () => {
    controller.abort();
    return Promise.resolve(true);
  };
};
