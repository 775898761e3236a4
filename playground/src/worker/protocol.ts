/**
 * Messages between the Web Worker page and its worker, which runs core and posts each status update and output.
 * @module
 */
import type { EndpointArguments } from "@gradio-jobs/core";
import type { AppSummary } from "../shared/backend.js";
import type { ErrorInfo, StatusData } from "../shared/job-model.js";

/** Page → worker. */
export type ToWorker =
  | { readonly type: "connect"; readonly url: string }
  | {
      readonly type: "submit";
      readonly id: number;
      readonly endpoint: string;
      readonly args: EndpointArguments;
    }
  | { readonly type: "cancel"; readonly id: number }
  | { readonly type: "globals" };

/** Worker → page. */
export type FromWorker =
  | { readonly type: "connected"; readonly app: AppSummary }
  | { readonly type: "connect-failed"; readonly error: ErrorInfo }
  | {
      readonly type: "status";
      readonly id: number;
      readonly status: StatusData;
      readonly eventId: string | null;
    }
  | { readonly type: "output"; readonly id: number; readonly output: readonly unknown[] }
  /** Every access to `window` or `document` in the worker since core was loaded (there should be none). */
  | { readonly type: "globals"; readonly touched: readonly string[] };

/** The worker's global scope, as far as the workers use it (the DOM and WebWorker libs cannot be loaded together). */
export interface WorkerScope {
  postMessage(message: unknown): void;
  addEventListener<T>(type: "message", listener: (event: MessageEvent<T>) => void): void;
}
