/**
 * Faults a test injects at run time: HTTP errors, delays, dropped event streams and network errors, each for the
 * next `times` matching requests.
 * @module
 */

/**
 * Which requests a fault applies to; `"*"` is every request.
 * @example
 * ```ts
 * import type { MockFaultRoute } from "@gradio-jobs/mock";
 * const route: MockFaultRoute = "stream"; // GET {P}/queue/data
 * ```
 */
export type MockFaultRoute =
  | "config"
  | "info"
  | "join"
  | "stream"
  | "upload"
  | "cancel"
  | "file"
  | "login"
  | "*";

/**
 * One injected fault, used up after `times` (default 1; `Infinity` allowed) matching requests.
 * @example
 * ```ts
 * import type { MockFault } from "@gradio-jobs/mock";
 * const slowJoins: MockFault = { route: "join", endpoint: "/predict", delayMs: 300, times: Infinity };
 * ```
 */
export type MockFault = {
  readonly route: MockFaultRoute;
  readonly times?: number;
  /** Only joins of this endpoint (`"/predict"`); `route` must be "join". */
  readonly endpoint?: string;
} & (
  | { readonly status: number; readonly body?: string }
  | { readonly delayMs: number }
  | { readonly dropStreamAfter: number }
  | { readonly networkError: true }
);

/**
 * `mock.faults`: add and clear faults while a test runs.
 *
 * @example
 * ```ts
 * import { createMockGradio, defineApp, endpoint } from "@gradio-jobs/mock";
 * const mock = createMockGradio(defineApp({ endpoints: { "/ping": endpoint({ fn: () => undefined }) } }));
 * mock.faults.add({ route: "join", status: 503, body: '{"detail":"Queue is full."}' });
 * mock.faults.add({ route: "stream", dropStreamAfter: 2 }); // the next event stream breaks after 2 frames
 * mock.faults.add({ route: "config", delayMs: 500, times: Infinity });
 * mock.faults.clear();
 * ```
 */
export interface MockFaults {
  add(fault: MockFault): void;
  clear(): void;
}

/** What the faults say about one request. */
export interface FaultVerdict {
  delayMs: number;
  response: Response | null;
  dropStreamAfter: number | null;
}

export class FaultList implements MockFaults {
  #rules: { fault: MockFault; left: number }[] = [];

  add(fault: MockFault): void {
    this.#rules.push({ fault, left: fault.times ?? 1 });
  }

  clear(): void {
    this.#rules = [];
  }

  /** Uses up the faults matching a request on `route` (a join of `endpoint`). */
  take(route: MockFaultRoute, endpoint: string | null = null): FaultVerdict {
    const verdict: FaultVerdict = { delayMs: 0, response: null, dropStreamAfter: null };
    for (const rule of this.#rules) {
      const { fault } = rule;
      if (fault.route !== "*" && fault.route !== route) continue;
      if (fault.endpoint && `/${fault.endpoint.replace(/^\//, "")}` !== endpoint) continue;
      if ("dropStreamAfter" in fault && route !== "stream") continue;
      rule.left -= 1;
      if ("delayMs" in fault) verdict.delayMs += fault.delayMs;
      else if ("dropStreamAfter" in fault) verdict.dropStreamAfter = fault.dropStreamAfter;
      else if ("networkError" in fault) verdict.response ??= Response.error();
      else verdict.response ??= faultResponse(fault.status, fault.body);
    }
    this.#rules = this.#rules.filter((rule) => rule.left > 0);
    return verdict;
  }
}

function faultResponse(status: number, body = JSON.stringify({ detail: "Injected fault" })): Response {
  let type = "text/plain; charset=utf-8";
  try {
    JSON.parse(body);
    type = "application/json";
  } catch {}
  return new Response(body, { status, headers: { "content-type": type } });
}
