import type { IncomingMessage, ServerResponse } from "node:http";
import type { FaultRoute, RequestFaults } from "../faults.js";

/** Everything a route handler gets. */
export interface RequestContext {
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
  /** Capture groups of the route pattern, still URL-encoded. */
  params: string[];
  faults: RequestFaults;
}

/** One route of the server. */
export interface Route {
  methods: readonly string[];
  /** "api" routes live under the API prefix (P), "root" routes at the app root (§2). */
  scope: "api" | "root";
  /** Matched against the raw path (after P for "api" routes). */
  pattern: RegExp;
  /** Which fault rules apply to it. */
  faultRoutes: readonly FaultRoute[];
  /** Answers 401 when auth is on and the request is not logged in. */
  loginGated: boolean;
  /** The answer is an SSE stream: stream faults (drop, raw frames, stall) apply. */
  stream?: boolean;
  handle(context: RequestContext): Promise<void> | void;
}

/** The outcome of matching a request against the routes. */
export type RouteMatch = { route: Route; params: string[] } | { methodNotAllowed: true } | null;

/** Finds the first route whose path matches; reports 405 when only the method differs. */
export function matchRoute(
  routes: readonly Route[],
  method: string,
  path: string,
  apiPrefix: string,
): RouteMatch {
  let pathMatched = false;
  for (const route of routes) {
    let relative = path;
    if (route.scope === "api") {
      if (!path.startsWith(apiPrefix)) continue;
      relative = path.slice(apiPrefix.length);
    }
    const match = route.pattern.exec(relative);
    if (!match) continue;
    pathMatched = true;
    if (route.methods.includes(method)) return { route, params: match.slice(1) };
  }
  return pathMatched ? { methodNotAllowed: true } : null;
}
