import type { AppName } from "../options.js";
import type { DemoFunction, DemoGenerator } from "../queue/job-context.js";
import type { ComponentSpec } from "./components.js";
import type { RunLog } from "./run-log.js";

/** A node of `page[""].layout`. */
export interface LayoutNode {
  id: number;
  children?: LayoutNode[];
}

/** One event listener of an app: its config entry facts plus the function behind it. */
export interface Endpoint {
  /** Dependency id = fn_index. */
  id: number;
  apiName: string;
  /** Python function name, used in Gradio's error texts. */
  pythonName: string;
  /** The component whose event triggers it; null for app-level events (`demo.unload`). */
  trigger: number | null;
  /** The trigger's event name: "click" unless said otherwise ("unload" for `demo.unload`). */
  event: string;
  inputs: number[];
  outputs: number[];
  /** Python argument names of the API-visible inputs, in order. */
  parameterNames: string[];
  queue: boolean;
  /** Listed in `/info` (5.x `show_api`); `demo.unload` listeners are not. */
  showApi: boolean;
  /** Concurrency limit of its group (one group per function); null means unlimited. */
  concurrencyLimit: number | null;
  run: { kind: "function"; fn: DemoFunction } | { kind: "generator"; fn: DemoGenerator };
  /** Not part of the real app (config.txt, conformance/apps/*.py); added for SDK tests. */
  testServerOnly: boolean;
  /**
   * A `.stream(fn, stream_every=…, time_limit=…)` listener (`connection: "stream"`, event "stream"): the client joins
   * with the first chunk and sends the next ones to `{P}/stream/{event_id}` (see queue/stream-runner.ts).
   */
  stream?: { readonly every: number; readonly timeLimit: number | null };
  /**
   * A `gr.render` function: the `render_config` its completion carries for the session that ran it (what it drew
   * there last, see app/render-app.ts).
   */
  renderConfig?: (sessionHash: string) => unknown;
  /** Takes a `gr.OAuthToken` (`"required"`) or `gr.OAuthToken | None` (`"optional"`); on 6.21+ `/info` says so. */
  oauthToken?: "required" | "optional";
}

/** An app the test server serves: components, layout and endpoints. */
export interface TestApp {
  readonly name: AppName;
  components: Map<number, ComponentSpec>;
  layout: LayoutNode;
  endpoints: Endpoint[];
  /** What the app's recording endpoints saw (the work app); stays empty for the demo app. */
  readonly runLog: RunLog;
  /** Events a `gr.render` drew in one session (the render app): callable there only, after the static ones. */
  sessionEndpoints?: (sessionHash: string) => readonly Endpoint[];
  /** Hears every queue join with what `gr.Request` would give the function (the render app's `/request_info`). */
  noteJoin?: (sessionHash: string, request: JoinRequest) => void;
}

/** What a function's `gr.Request` says of the queue join that started it. */
export interface JoinRequest {
  /** `request.query_params`: the join URL's query. */
  readonly query: Record<string, string>;
  /** `request.cookies`. */
  readonly cookies: Record<string, string>;
  /** The join body's `oauth_token`, which 6.21+ hands to a `gr.OAuthToken` parameter; `null` when absent. */
  readonly oauthToken: string | null;
}

/** A layout node with children. */
export function node(id: number, ...children: LayoutNode[]): LayoutNode {
  return children.length > 0 ? { id, children } : { id };
}

/** Layout leaves. */
export function leaves(...ids: number[]): LayoutNode[] {
  return ids.map((id) => node(id));
}

/** What an endpoint row must say; the rest has Gradio's defaults. */
export type EndpointRow = Omit<
  Endpoint,
  "queue" | "concurrencyLimit" | "testServerOnly" | "pythonName" | "event" | "showApi"
> &
  Partial<
    Pick<Endpoint, "queue" | "concurrencyLimit" | "testServerOnly" | "pythonName" | "event" | "showApi">
  >;

/** An endpoint with Gradio's defaults: queued, concurrency limit 1, a click trigger, listed in /info. */
export function endpoint(row: EndpointRow): Endpoint {
  return {
    queue: true,
    concurrencyLimit: 1,
    testServerOnly: false,
    pythonName: row.apiName,
    event: "click",
    showApi: true,
    ...row,
  };
}

/** A plain function endpoint body. */
export const fn = (f: DemoFunction) => ({ kind: "function", fn: f }) as const;
/** A generator endpoint body. */
export const gen = (f: DemoGenerator) => ({ kind: "generator", fn: f }) as const;

/** `utils.connect_heartbeat`: true iff the app has a gr.State, an `unload` listener or a `stream` trigger. */
export function needsHeartbeat(app: TestApp, everyDependency = true): boolean {
  const anyState = [...app.components.values()].some((spec) => spec.state !== undefined);
  if (everyDependency)
    return anyState || app.endpoints.some((ep) => ep.event === "unload" || ep.event === "stream");
  // 5.x: its loop's `break` leaves only the targets loop, so the last dependency decides (stream app: false).
  const last = app.endpoints.at(-1);
  return anyState || last?.event === "unload" || last?.event === "stream";
}
