/**
 * Stands in for `errors.ts` and `client/client.ts` inside `cdn/engine.js` (the tsdown config aliases both to this
 * module in that build only): the engine then throws the IIFE's own error classes and its clients extend the IIFE's
 * own `Client`, so `error instanceof GradioJobs.AppError` and `client instanceof GradioJobs.Client` hold. The IIFE
 * (`iife.ts`) puts them under `hostKey` before it can load the engine. If errors.ts gains an export the
 * engine uses, this list must name it: the engine build fails on a missing export.
 * @module
 */
import type { Client as ClientClass } from "../client/client.js";
import type * as Errors from "../errors.js";
import { hostKey } from "./host-key.js";

type Host = typeof Errors & { Client: typeof ClientClass };

const host = (globalThis as Record<symbol, Host | undefined>)[hostKey] as Host;

export const {
  AppError,
  AppRestartedError,
  AuthError,
  CancelledError,
  Client,
  ConnectionError,
  EndpointNotFoundError,
  FileTooLargeError,
  GradioJobsError,
  HttpError,
  InputError,
  MediaEndedError,
  keepSecret,
  loadPart,
  messageOf,
  ProtocolError,
  QueueFullError,
  redact,
  SpaceError,
  StreamClosedError,
  TimeoutError,
  toJobError,
} = host;
