/**
 * Noticing that the app restarted (protocol §10): Gradio gives every launch a new `app_id` (in `/config`, and at
 * `GET {P}/app_id`), and a restarted server knows none of the old sessions, their State or their rendered events,
 * and may serve changed endpoints under the same fn indexes. The client asks for the app id only when something
 * suggests a restart: a lost event stream, a join that could not reach the server. A job affected by a restart fails
 * with {@link AppRestartedError}; nothing is resubmitted.
 * @module
 */
import { atom, type ReadableAtom } from "nanostores";
import { AppRestartedError, ConnectionError, type GradioJobsError, loadPart } from "../errors.js";
import type { Http } from "../http/http.js";
import type { AppId } from "./app-id.js";

/** Watches one client's app for restarts. */
export class RestartWatch {
  readonly #restarted = atom<AppRestartedError | null>(null);
  /** Something was lost since the last check: the next join asks for the app id first. */
  #suspect = false;
  #closed = false;
  #check: Promise<AppRestartedError | null> | null = null;
  #appId: AppId;
  readonly #http: Http;
  readonly #url: string;
  readonly #apiBase: string;

  constructor(http: Http, url: string, apiBase: string, appId: AppId | undefined) {
    this.#http = http;
    this.#url = url;
    this.#apiBase = apiBase;
    this.#appId = appId ?? null;
  }

  /** The restart once noticed, until {@link reset}; `null` while the client matches the running app. */
  get $restarted(): ReadableAtom<AppRestartedError | null> {
    return this.#restarted;
  }

  /** A stream or a request of this client was lost: the app may have restarted. */
  noteLoss(): void {
    this.#suspect = true;
  }

  /** The client closed: its losses say nothing about the app. */
  close(): void {
    this.#closed = true;
  }

  /** The client re-read the config (`refresh()`): `appId` is current. */
  reset(appId: AppId | undefined): void {
    this.#appId = appId ?? null;
    this.#suspect = false;
    this.#restarted.set(null);
  }

  /**
   * Before a job joins the queue: rejects with the {@link AppRestartedError} once a restart is known, and after a
   * loss asks for the app id first (a restarted app could run another function under the same fn index).
   */
  async beforeJoin(): Promise<void> {
    const known = this.#restarted.get() ?? (this.#suspect ? await this.#checkAppId() : null);
    if (known) throw known;
  }

  /**
   * The error a job lost with `error` settles with: {@link AppRestartedError} when the app id changed meanwhile,
   * else `error` itself. Only connection losses are checked.
   */
  async explainLoss(error: GradioJobsError): Promise<GradioJobsError> {
    if (this.#closed || !(error instanceof ConnectionError)) return error;
    this.#suspect = true;
    return (await this.#checkAppId()) ?? error;
  }

  /** Asks `{P}/app_id` (one request at a time); the restart error when it changed, else `null`. */
  #checkAppId(): Promise<AppRestartedError | null> {
    this.#check ??= loadPart(() => import("./app-id.js"), "restart check")
      .then(({ readAppId }) => readAppId(this.#http, this.#apiBase))
      .then(
        (appId) => {
          // The server answered: it is back, and only a changed app id means a restart.
          this.#suspect = false;
          if (appId === undefined || appId === this.#appId || this.#closed) return null;
          const restarted = this.#restarted.get() ?? new AppRestartedError(this.#url, this.#appId, appId);
          this.#restarted.set(restarted);
          return restarted;
        },
        () => null,
      )
      .finally(() => {
        this.#check = null;
      });
    return this.#check;
  }
}
