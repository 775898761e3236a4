/**
 * How a job reaches the server: inputs checked and files uploaded, then the queue join and the session stream
 * (`sse_v1`…`sse_v3`), the per-job stream (`sse`), or a direct call for `queue=False` functions.
 * @module
 */

import {
  ConnectionError,
  type GradioJobsError,
  InputError,
  loadPart,
  ProtocolError,
  QueueFullError,
  TimeoutError,
  toJobError,
} from "../errors.js";
import { type FileEndpoints, hasFileInput } from "../http/files.js";
import { detailOf, errorFromResponse, type Http, readJson } from "../http/http.js";
import { withDeadline } from "../http/timeouts.js";
import type { SessionPool } from "../session/session-pool.js";
import type { SessionStream } from "../session/session-stream.js";
import type { ServerTraits } from "../wire/dialects.js";
import type { EndpointInfo } from "../wire/endpoints.js";
import { buildInputData, type EndpointArguments } from "../wire/endpoints.js";
import { isObject } from "../wire/messages.js";
import type { JobDriver, JobExecutor, Outputs, StopOnServer } from "./job.js";
import { jobListener } from "./job-messages.js";

/** What every submission of one client shares. */
export interface SubmissionContext {
  readonly http: Http;
  readonly apiBase: string;
  readonly sessionHash: string;
  readonly traits: ServerTraits;
  readonly sessions: SessionPool;
  readonly files: FileEndpoints;
  /** How long a queue join may go unanswered (ms, `Infinity`: no limit); the job then fails with TimeoutError. */
  readonly joinTimeoutMs?: number;
  /** Restart detection (the client's `RestartWatch`): asked before a join, and told of every lost job. */
  readonly watch?: {
    beforeJoin(): Promise<void>;
    explainLoss(error: GradioJobsError): Promise<GradioJobsError>;
  };
  /** `ClientOptions.oauthToken`: sent only with jobs of functions that take a `gr.OAuthToken`. */
  readonly oauthToken?: string;
  /** Every completion of a job in the client's own session, before the job hears of it (`gr.render` configs). */
  readonly onCompletion?: (endpoint: EndpointInfo, output: unknown) => void;
}

/** The request of one job. */
export interface SubmissionRequest {
  readonly endpoint: EndpointInfo;
  readonly args: EndpointArguments | undefined;
  readonly eventData: unknown;
  /** `SubmitOptions.isolate`: `undefined` leaves it to the client's rule and the job's own preference. */
  readonly isolate: boolean | undefined;
}

/** How a job reaches the server once its inputs are ready (queue join, direct call, per-job stream); returns how to
 * stop it. */
export type Transport = <O extends Outputs>(
  context: SubmissionContext,
  endpoint: EndpointInfo,
  body: Record<string, unknown>,
  driver: JobDriver<O>,
) => StopOnServer;

/** Nothing reached the server yet: there is nothing to stop there. */
const nothingToStop: StopOnServer = () => Promise.resolve(true);

/** The executor of one job: runs it and returns how to stop it. */
export function createExecutor<O extends Outputs>(
  context: SubmissionContext,
  request: SubmissionRequest,
): JobExecutor<O> {
  return (driver) => {
    let stop = nothingToStop;
    void (async () => {
      try {
        let data = buildInputData(request.endpoint, request.args);
        if (request.endpoint.oauthToken === "required" && context.oauthToken === undefined) {
          throw new InputError(
            `${request.endpoint.apiName ?? `fn_index ${request.endpoint.fnIndex}`} takes a gr.OAuthToken: pass ` +
              "`oauthToken` (a Hugging Face token the app acts with) to Client.connect.",
          );
        }
        // Before anything is sent (uploads, a direct call): a restarted app may run another function under this index.
        await context.watch?.beforeJoin();
        if (hasFileInput(data)) {
          const uploads = new AbortController();
          stop = () => {
            uploads.abort();
            return Promise.resolve(true);
          };
          const { prepareFiles } = await loadPart(() => import("../http/upload.js"), "upload");
          data = await prepareFiles(context.files, data, uploads.signal, (upload) =>
            driver.apply({ type: "uploading", upload }),
          );
          stop = nothingToStop;
        }
        if (driver.done) return;
        if (request.endpoint.queued && context.traits.dialect.transport === "session") {
          const session = context.sessions.place({
            fnIndex: request.endpoint.fnIndex,
            sessionBound: request.endpoint.sessionBound,
            isolate: request.isolate ?? driver.isolate,
          });
          const body = requestBody(context, request, data, session.sessionHash);
          await joinQueue(context, session, request.endpoint, body, driver, (next) => {
            stop = next;
          });
          return;
        }
        // Rare paths, loaded on first use: queue=False functions and the 4.0–4.8 per-job protocol.
        const run = request.endpoint.queued
          ? (await loadPart(() => import("./legacy-job-stream.js"), "Gradio 4.0–4.8 protocol")).runPerJob
          : (await loadPart(() => import("./direct-call.js"), "direct call")).callDirect;
        if (!driver.done)
          stop = run(
            context,
            request.endpoint,
            requestBody(context, request, data, context.sessionHash),
            driver,
          );
      } catch (error) {
        const failure = toJobError(error);
        const explained = context.watch && !driver.done ? await context.watch.explainLoss(failure) : failure;
        if (!driver.done) driver.fail(explained);
      }
    })();
    return () => {
      context.sessions.noteCancel(request.endpoint.fnIndex);
      return stop();
    };
  };
}

function requestBody(
  context: SubmissionContext,
  request: SubmissionRequest,
  data: unknown[],
  sessionHash: string,
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    data,
    event_data: request.eventData ?? null,
    fn_index: request.endpoint.fnIndex,
    session_hash: sessionHash,
    trigger_id: request.endpoint.triggerId,
  };
  // Gradio 6.21+ hands `oauth_token` to a function's `gr.OAuthToken` parameter; no other function gets it.
  if (request.endpoint.oauthToken !== null && context.oauthToken !== undefined)
    body.oauth_token = context.oauthToken;
  return body;
}

/**
 * Joins the queue in `session` and routes the job's messages from its stream. `setStop` receives how to stop the
 * job at each step: while the join is in flight, a cancel is answered once the join is (the job may already be
 * queued, and only its event id lets the server stop it).
 */
export async function joinQueue<O extends Outputs>(
  context: SubmissionContext,
  session: SessionStream,
  endpoint: EndpointInfo,
  body: Record<string, unknown>,
  driver: JobDriver<O>,
  setStop: (stop: StopOnServer) => void,
): Promise<void> {
  await context.watch?.beforeJoin();
  driver.apply({ type: "joining" });
  // Messages for the job may reach the stream before the join answer: the stream keeps them while this is open.
  const ticket = await session.beginJoin(endpoint.fnIndex);
  let joined!: (stopped: Promise<boolean>) => void;
  const afterJoin = new Promise<boolean>((resolve) => {
    joined = resolve;
  });
  setStop(() => afterJoin);
  let eventId: string;
  try {
    // The join is not aborted for a cancel: once sent, the server may have queued the job, and only its event id lets
    // us stop it. Only a server silent for `joinTimeoutMs` ends it (a job queued by a late answer is then lost).
    const timeoutMs = context.joinTimeoutMs ?? Number.POSITIVE_INFINITY;
    const answer = await withDeadline(
      timeoutMs,
      () =>
        new TimeoutError(
          timeoutMs,
          `The queue join got no answer within ${timeoutMs} ms (the server accepted the connection and stayed ` +
            "silent); the job was given up. Raise `joinTimeout` in Client.connect if the app is just slow.",
        ),
      async (signal) => {
        const response = await context.http.request(
          `${context.apiBase}/queue/join`,
          {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify(body),
            signal,
          },
          "Joining the queue",
        );
        if (!response.ok) throw await joinError(response);
        return readJson(response, "Joining the queue");
      },
    );
    const id = isObject(answer) ? answer.event_id : undefined;
    if (typeof id !== "string")
      throw new ProtocolError("The queue join answered without an event_id.", answer);
    eventId = id;
  } catch (error) {
    session.endJoin(ticket);
    joined(Promise.resolve(true));
    throw error;
  }
  driver.setEventId(eventId);
  const messageContext = {
    endpoint,
    dialect: context.traits.dialect,
    apiBase: context.apiBase,
    diffBases: () => session.diffBases(),
  };
  const listener = jobListener(driver, messageContext);
  const stop: StopOnServer = async () => {
    const report = await session.abandon(eventId);
    if (report.stopped) return true;
    // Rare (the server finished first, or could not be told): the wording loads on first use.
    const { reportCancel } = await loadPart(() => import("./cancel-report.js"), "cancel report").catch(
      () => ({
        reportCancel: () => false,
      }),
    );
    return reportCancel(driver, report, messageContext);
  };
  setStop(stop);
  session.register(
    eventId,
    endpoint.fnIndex,
    {
      message(message) {
        if (message.msg === "process_completed" && session.sessionHash === context.sessionHash)
          context.onCompletion?.(endpoint, message.output);
        listener.message(message);
        // A job failed by a message it could not use is given up on the server too.
        if (driver.done && message.msg !== "process_completed") void session.abandon(eventId);
      },
      lost: context.watch
        ? (error) => void context.watch?.explainLoss(error).then(listener.lost)
        : listener.lost,
      values: listener.values,
    },
    ticket,
  );
  joined(driver.done ? stop() : Promise.resolve(true));
}

async function joinError(response: Response): Promise<GradioJobsError | Error> {
  if (response.status === 503) {
    const detail = detailOf(await response.text());
    return /queue is full/i.test(detail)
      ? new QueueFullError(detail)
      : new ConnectionError(`The app is not accepting jobs: ${detail}`, { status: 503 });
  }
  if (response.status === 422) {
    const text = await response.text();
    const failures = validatorFailures(text);
    if (failures) return new InputError(failures);
    return new InputError(`The server rejected the request body: ${detailOf(text)}`);
  }
  return errorFromResponse(response, "Joining the queue");
}

/** Messages of a `validator=` rejection (422 with `__type__: "validate"` entries), or null for other 422s. */
function validatorFailures(text: string): string | null {
  try {
    const parsed: unknown = JSON.parse(text);
    const detail = isObject(parsed) ? parsed.detail : null;
    if (!Array.isArray(detail)) return null;
    const failed = detail.filter((d) => isObject(d) && d.__type__ === "validate" && d.is_valid === false);
    if (failed.length === 0) return null;
    return failed
      .map(
        (d) =>
          `${String((d as Record<string, unknown>).parameter_name ?? "input")}: ${String((d as Record<string, unknown>).message)}`,
      )
      .join("; ");
  } catch {
    return null;
  }
}
