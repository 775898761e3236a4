/**
 * `endpoint` and `defineApp`: a fake Gradio app written in TypeScript, checked when it is defined.
 * @module
 */
import type { Component } from "./components.js";
import { MockDefinitionError } from "./errors.js";
import type { JobContext } from "./job-context.js";

/**
 * The protocol models of the mock: Gradio 6.25 (the default) and 5.x (measured on 5.45).
 * @example
 * ```ts
 * import { defineApp, endpoint, type MockProtocol } from "@gradio-jobs/mock";
 * const protocol: MockProtocol = "5.x";
 * const app = defineApp({ protocol, endpoints: { "/ping": endpoint({ fn: () => undefined }) } });
 * ```
 */
export type MockProtocol = "6.25" | "5.x";

/**
 * What the endpoint function receives for `P`, in order.
 * @example
 * ```ts
 * import type { Component, ParameterValues } from "@gradio-jobs/mock";
 * type Args = ParameterValues<[Component<number>, Component<string>]>; // [number, string]
 * ```
 */
export type ParameterValues<P extends readonly Component[]> = {
  -readonly [K in keyof P]: P[K] extends Component<infer In, unknown> ? In : never;
};

/**
 * What the endpoint function returns (or yields) for `O`: anything for no outputs, the one value, or one value per
 * output.
 * @example
 * ```ts
 * import type { Component, EndpointResult } from "@gradio-jobs/mock";
 * type Pair = EndpointResult<[Component<string>, Component<number>]>; // [string, number]
 * ```
 */
export type EndpointResult<O extends readonly Component[]> = O extends readonly []
  ? unknown
  : number extends O["length"]
    ? unknown
    : O extends readonly [Component<unknown, infer Out>]
      ? Out
      : { -readonly [K in keyof O]: O[K] extends Component<unknown, infer Out> ? Out : never };

/**
 * An endpoint function: its parameters' values, then the {@link JobContext}. Plain (sync or async) functions
 * return the result; generator functions (`function*`, `async function*`) yield results, streamed like Gradio's
 * generators (`process_generating`, diffs after the first).
 * @example
 * ```ts
 * import type { Component, EndpointFunction } from "@gradio-jobs/mock";
 * const double: EndpointFunction<[Component<number>], [Component<number>]> = (x) => x * 2;
 * ```
 */
export type EndpointFunction<P extends readonly Component[], O extends readonly Component[]> = (
  ...args: [...ParameterValues<P>, JobContext]
) =>
  | EndpointResult<O>
  | Promise<EndpointResult<O>>
  | Iterator<EndpointResult<O>, unknown, undefined>
  | AsyncIterator<EndpointResult<O>, unknown, undefined>;

/**
 * What {@link endpoint} takes.
 * @example
 * ```ts
 * import { endpoint, textbox } from "@gradio-jobs/mock";
 * const echo = endpoint({
 *   parameters: [textbox("text")],
 *   outputs: [textbox("echo")],
 *   fn: (text) => text,
 *   concurrencyLimit: null, // any number at once
 *   visibility: "undocumented", // listed only with /info?all_endpoints=true
 * });
 * ```
 */
export interface EndpointOptions<P extends readonly Component[], O extends readonly Component[]> {
  /** Inputs in order (`gr.State` ones included); names are the Python parameter names `/info` lists. */
  readonly parameters?: P;
  /** Outputs in order. */
  readonly outputs?: O;
  /** Checked against `parameters` and `outputs` (never used to infer them). */
  readonly fn: NoInfer<EndpointFunction<P, O>>;
  /**
   * Whether it streams (`types.generator` in `/config`). Inferred from a generator `fn`; say `true` for a plain
   * function that returns an iterator. `false` on a generator function is a definition error.
   */
  readonly generator?: boolean;
  /** Jobs of this endpoint that run at once; `null` for no limit. Gradio's default: 1. */
  readonly concurrencyLimit?: number | null;
  /**
   * `concurrency_id`: endpoints with the same id share one queue and one limit (they must give the same
   * `concurrencyLimit`). Default: a queue of the endpoint's own.
   */
  readonly concurrencyId?: string;
  /** `false`: called directly through `POST {P}/run/{name}`, without the queue. Default `true`. */
  readonly queue?: boolean;
  /** `/info` listing: "public" (default), "undocumented" (only with `?all_endpoints`) or "private" (never). */
  readonly visibility?: "public" | "undocumented" | "private";
  /** `/info`'s `description` (the docstring or `api_description`). */
  readonly description?: string;
}

/**
 * An endpoint as {@link endpoint} checked it; put it into {@link defineApp}'s `endpoints`.
 * @example
 * ```ts
 * import { endpoint, type MockEndpointDefinition } from "@gradio-jobs/mock";
 * const ping: MockEndpointDefinition = endpoint({ fn: () => undefined });
 * console.log(ping.generator, ping.concurrencyLimit); // false 1
 * ```
 */
export interface MockEndpointDefinition {
  readonly parameters: readonly Component[];
  readonly outputs: readonly Component[];
  readonly fn: (...args: never[]) => unknown;
  readonly generator: boolean;
  readonly concurrencyLimit: number | null;
  readonly concurrencyId: string | null;
  readonly queue: boolean;
  readonly visibility: "public" | "undocumented" | "private";
  readonly description: string;
}

/**
 * One endpoint of a defined app: its definition plus its name and `fn_index`.
 * @example
 * ```ts
 * import { defineApp, endpoint } from "@gradio-jobs/mock";
 * const app = defineApp({ endpoints: { "/ping": endpoint({ fn: () => undefined }) } });
 * console.log(app.endpoints[0]?.apiName, app.endpoints[0]?.fnIndex); // "ping" 0
 * ```
 */
export interface MockEndpoint extends MockEndpointDefinition {
  /** Without the slash, as `/config`'s `api_name`. */
  readonly apiName: string;
  /** The dependency id clients send as `fn_index`: the endpoint's position in `endpoints`. */
  readonly fnIndex: number;
}

/**
 * What {@link defineApp} takes.
 * @example
 * ```ts
 * import { defineApp, endpoint } from "@gradio-jobs/mock";
 * const app = defineApp({
 *   endpoints: { "/ping": endpoint({ fn: () => undefined }) },
 *   maxQueueSize: 2,
 *   auth: ["user", "pass"],
 *   onUnload: (session) => console.log("unloaded", session),
 * });
 * ```
 */
export interface AppOptions {
  /** Api name (`"/predict"`) → endpoint. Their order gives the `fn_index`es (0, 1, …). */
  readonly endpoints: Readonly<Record<string, MockEndpointDefinition>>;
  /** Which Gradio to model. Default "6.25". */
  readonly protocol?: MockProtocol;
  /** `queue(max_size=N)`: joins beyond N waiting jobs get 503. Default `null` (no limit). */
  readonly maxQueueSize?: number | null;
  /** `launch(max_file_size=…)` in bytes: larger uploads get 413. Default `null`. */
  readonly maxFileSize?: number | null;
  /** `launch(auth=(username, password))`: the app asks for a login (`POST /login`, cookies). */
  readonly auth?: readonly [username: string, password: string];
  /** `config.title`. */
  readonly title?: string;
  /**
   * `demo.unload(fn)`: runs with the session hash when the client closes the session's heartbeat stream
   * (`GET {P}/heartbeat/{session}`). Turns on `config.connect_heartbeat`.
   */
  readonly onUnload?: (sessionHash: string) => void;
}

/**
 * A checked fake app: pass it to `createMockGradio` (any runtime) or `startMockServer` (Node).
 * @example
 * ```ts
 * import { createMockGradio, defineApp, endpoint, type MockApp } from "@gradio-jobs/mock";
 * const app: MockApp = defineApp({ endpoints: { "/ping": endpoint({ fn: () => undefined }) } });
 * const mock = createMockGradio(app);
 * ```
 */
export interface MockApp {
  readonly endpoints: readonly MockEndpoint[];
  readonly protocol: MockProtocol;
  readonly maxQueueSize: number | null;
  readonly maxFileSize: number | null;
  readonly auth: readonly [string, string] | null;
  readonly title: string;
  readonly onUnload: ((sessionHash: string) => void) | null;
}

function isGeneratorFunction(fn: unknown): boolean {
  const tag = Object.prototype.toString.call(fn);
  return tag === "[object GeneratorFunction]" || tag === "[object AsyncGeneratorFunction]";
}

function isComponent(value: unknown): value is Component {
  return typeof value === "object" && value !== null && typeof (value as Component).type === "string";
}

function checkComponents(where: string, kind: string, list: unknown): readonly Component[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new MockDefinitionError(where, `${kind} must be an array of components`);
  for (const [i, item] of list.entries()) {
    if (!isComponent(item)) {
      throw new MockDefinitionError(
        where,
        `${kind}[${i}] is not a component (use number(), textbox(), file()… from @gradio-jobs/mock)`,
      );
    }
  }
  return list;
}

/**
 * One endpoint of a fake app, checked at once: its components, its function's arity against its parameters, and
 * generator vs plain function. The function gets the parameters' values in order and a {@link JobContext} last.
 *
 * @example
 * ```ts
 * import { endpoint, number, radio } from "@gradio-jobs/mock";
 * const predict = endpoint({
 *   parameters: [number("a", { value: 4 }), radio("op", ["add", "multiply"], { value: "add" }), number("b", { value: 5 })],
 *   outputs: [number("result")],
 *   fn: (a, op, b) => (op === "add" ? a + b : a * b),
 * });
 * const count = endpoint({
 *   parameters: [number("n", { value: 5 })],
 *   outputs: [number("count")],
 *   fn: async function* (n, job) {
 *     for (let i = 0; i < n; i++) {
 *       await job.sleep(0.2);
 *       yield i;
 *     }
 *   },
 * });
 * ```
 */
export function endpoint<
  const P extends readonly Component[] = [],
  const O extends readonly Component[] = [],
>(options: EndpointOptions<P, O>): MockEndpointDefinition {
  return checkEndpoint(
    "endpoint()",
    options as unknown as EndpointOptions<readonly Component[], readonly Component[]>,
  );
}

function checkEndpoint(
  where: string,
  options: EndpointOptions<readonly Component[], readonly Component[]>,
): MockEndpointDefinition {
  if (typeof options !== "object" || options === null) {
    throw new MockDefinitionError(where, "an endpoint needs an options object with `fn`");
  }
  const parameters = checkComponents(where, "parameters", options.parameters);
  const outputs = checkComponents(where, "outputs", options.outputs);
  const { fn } = options;
  if (typeof fn !== "function") throw new MockDefinitionError(where, "`fn` must be a function");
  const names = new Set<string>();
  for (const parameter of parameters) {
    if (!parameter.name) throw new MockDefinitionError(where, "every parameter needs a name");
    if (names.has(parameter.name)) {
      throw new MockDefinitionError(where, `two parameters are named "${parameter.name}"`);
    }
    names.add(parameter.name);
  }
  // fn.length counts the parameters before the first one with a default; the job context comes last.
  if (fn.length > parameters.length + 1) {
    throw new MockDefinitionError(
      where,
      `the function takes ${fn.length} arguments, but the endpoint has ${parameters.length} parameter(s) ` +
        `(${parameters.map((p) => p.name).join(", ") || "none"}) and then the job context`,
    );
  }
  const generatorFn = isGeneratorFunction(fn);
  if (options.generator === false && generatorFn) {
    throw new MockDefinitionError(where, "`generator: false`, but `fn` is a generator function");
  }
  const limit = options.concurrencyLimit === undefined ? 1 : options.concurrencyLimit;
  if (limit !== null && !(Number.isInteger(limit) && limit > 0)) {
    throw new MockDefinitionError(where, `concurrencyLimit must be a positive integer or null, not ${limit}`);
  }
  const visibility = options.visibility ?? "public";
  if (!["public", "undocumented", "private"].includes(visibility)) {
    throw new MockDefinitionError(where, `visibility must be "public", "undocumented" or "private"`);
  }
  return Object.freeze({
    parameters,
    outputs,
    fn: fn as (...args: never[]) => unknown,
    generator: options.generator ?? generatorFn,
    concurrencyLimit: limit,
    concurrencyId: options.concurrencyId ?? null,
    queue: options.queue ?? true,
    visibility,
    description: options.description ?? "",
  });
}

const API_NAME = /^[A-Za-z_][\w-]*$/;

/**
 * Defines a fake Gradio app and checks it: api names (valid, no duplicates once the leading `/` is dropped), each
 * endpoint (see {@link endpoint}) and the app options. A mistake throws {@link MockDefinitionError} here, not in
 * the middle of a test.
 *
 * @example
 * ```ts
 * import { defineApp, endpoint, GradioError, textbox } from "@gradio-jobs/mock";
 * export default defineApp({
 *   endpoints: {
 *     "/shout": endpoint({ parameters: [textbox("text")], outputs: [textbox("loud")], fn: (text) => text.toUpperCase() }),
 *     "/fail": endpoint({ fn: () => { throw new GradioError("bad input"); } }),
 *   },
 *   maxQueueSize: 10,
 * });
 * ```
 */
export function defineApp(options: AppOptions): MockApp {
  if (typeof options !== "object" || options === null || typeof options.endpoints !== "object") {
    throw new MockDefinitionError(null, 'defineApp needs `{ endpoints: { "/name": endpoint({...}) } }`');
  }
  const entries = Object.entries(options.endpoints);
  if (entries.length === 0) throw new MockDefinitionError(null, "the app has no endpoints");
  const seen = new Map<string, string>();
  const endpoints = entries.map(([key, definition], fnIndex): MockEndpoint => {
    const apiName = key.replace(/^\//, "");
    if (!API_NAME.test(apiName)) {
      throw new MockDefinitionError(
        key,
        "an api name is a Python identifier-like word (letters, digits, _ and -), e.g. /predict",
      );
    }
    const earlier = seen.get(apiName);
    if (earlier !== undefined) {
      throw new MockDefinitionError(
        key,
        `duplicate api name: "${earlier}" and "${key}" are both /${apiName}`,
      );
    }
    seen.set(apiName, key);
    const checked = checkEndpoint(`/${apiName}`, definition as never);
    return Object.freeze({ ...checked, apiName, fnIndex });
  });
  const groups = new Map<string, MockEndpoint>();
  for (const endpoint of endpoints) {
    if (endpoint.concurrencyId === null) continue;
    const first = groups.get(endpoint.concurrencyId);
    if (first && first.concurrencyLimit !== endpoint.concurrencyLimit) {
      throw new MockDefinitionError(
        `/${endpoint.apiName}`,
        `concurrencyId "${endpoint.concurrencyId}" has concurrencyLimit ${first.concurrencyLimit} on /${first.apiName} ` +
          `but ${endpoint.concurrencyLimit} here; endpoints of one group share one limit`,
      );
    }
    if (!first) groups.set(endpoint.concurrencyId, endpoint);
  }
  const protocol = options.protocol ?? "6.25";
  if (protocol !== "6.25" && protocol !== "5.x") {
    throw new MockDefinitionError(null, `protocol must be "6.25" or "5.x", not ${JSON.stringify(protocol)}`);
  }
  for (const key of ["maxQueueSize", "maxFileSize"] as const) {
    const value = options[key];
    if (value != null && !(Number.isInteger(value) && value >= 0)) {
      throw new MockDefinitionError(null, `${key} must be a whole number ≥ 0 or null, not ${value}`);
    }
  }
  const auth = options.auth ?? null;
  if (auth && !(auth.length === 2 && auth.every((part) => typeof part === "string" && part))) {
    throw new MockDefinitionError(null, "auth must be [username, password], two non-empty strings");
  }
  return Object.freeze({
    endpoints,
    protocol,
    maxQueueSize: options.maxQueueSize ?? null,
    maxFileSize: options.maxFileSize ?? null,
    auth,
    title: options.title ?? "Gradio",
    onUnload: options.onUnload ?? null,
  });
}
