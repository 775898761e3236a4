/**
 * Endpoints: what `/config` and `{P}/info` say about each callable function, resolved by api name or fn index, and
 * the rules that turn user arguments into the `data` array the server expects (protocol §3.3, §3.4).
 * @module
 */
import { EndpointNotFoundError, InputError } from "../errors.js";
import { isObject } from "./messages.js";

/** The parts of `GET /config` the SDK reads. Other fields are kept as they came. */
export interface GradioConfig {
  readonly version?: string;
  readonly protocol?: string;
  readonly api_prefix?: string;
  readonly root?: string;
  readonly app_id?: number | string;
  readonly max_file_size?: number | null;
  readonly connect_heartbeat?: boolean;
  readonly space_id?: string | null;
  readonly auth_required?: boolean;
  readonly components: readonly ConfigComponent[];
  readonly dependencies: readonly ConfigDependency[];
  readonly [key: string]: unknown;
}

/** A component entry of `/config`. */
export interface ConfigComponent {
  readonly id: number;
  readonly type: string;
  readonly props?: Record<string, unknown>;
  readonly skip_api?: boolean;
  readonly [key: string]: unknown;
}

/** A dependency (event listener) entry of `/config`. */
export interface ConfigDependency {
  readonly id?: number;
  readonly api_name?: string | false | null;
  readonly inputs: readonly number[];
  readonly outputs: readonly number[];
  readonly backend_fn?: boolean;
  readonly js?: string | null;
  readonly queue?: boolean | null;
  readonly types?: { readonly generator?: boolean; readonly cancel?: boolean };
  readonly show_api?: boolean;
  readonly api_visibility?: "public" | "undocumented" | "private";
  readonly collects_event_data?: boolean;
  readonly targets?: readonly (readonly [number, string])[];
  readonly api_description?: string | false | null;
  readonly time_limit?: number | null;
  /** `"stream"` for `.stream(…)` listeners (streaming inputs), else `"sse"`. */
  readonly connection?: string;
  /** Seconds between chunks of a streaming input (`stream_every`). */
  readonly stream_every?: number | null;
  /** `gr.render`: the `render_id` of the render that drew this event (it exists only in that session). */
  readonly rendered_in?: number | null;
  /** 6.x: set on a render function's own dependency. */
  readonly render_id?: number | null;
  readonly [key: string]: unknown;
}

/** One parameter of an endpoint, as `/info` describes it. */
export interface ParameterInfo {
  readonly label: string;
  readonly name: string;
  readonly hasDefault: boolean;
  readonly default: unknown;
  /** JSON schema of the value. */
  readonly type: unknown;
  readonly pythonType: string | null;
  readonly component: string;
}

/** One return value of an endpoint, as `/info` describes it. */
export interface ReturnInfo {
  readonly label: string;
  readonly type: unknown;
  readonly pythonType: string | null;
  readonly component: string;
}

/** Everything the SDK knows about one callable function of the app. */
export interface EndpointInfo {
  /** The `fn_index` sent to the server (the dependency id). */
  readonly fnIndex: number;
  /** `"/predict"` style name, or `null` for functions without one. */
  readonly apiName: string | null;
  /** API-visible parameters, in order (State and other skip-api inputs left out). */
  readonly parameters: readonly ParameterInfo[];
  /** API-visible outputs, in order. */
  readonly returns: readonly ReturnInfo[];
  /** For every input of the dependency: whether it is hidden from the API (`gr.State`…), sent as `null`. */
  readonly hiddenInputs: readonly boolean[];
  /** For every output of the dependency: whether it is hidden from the API and dropped from results. */
  readonly hiddenOutputs: readonly boolean[];
  /** Whether the function yields several outputs. */
  readonly generator: boolean;
  /**
   * Whether the function reads or writes the session's state: an input or output is a `gr.State`, or it draws or was
   * drawn by a `gr.render` (rendered events exist only in the session that ran the render). Its jobs always
   * run in the client's own session; other jobs may run in a session of their own so that cancelling them cannot
   * touch another job (see the core README, "Cancel").
   */
  readonly sessionBound: boolean;
  /** `false`: called directly through `{P}/run/…`, without queue, progress or cancel. */
  readonly queued: boolean;
  readonly visibility: "public" | "undocumented" | "private";
  readonly collectsEventData: boolean;
  readonly triggerId: number | null;
  /**
   * What the app says the endpoint does: `/info`'s `description` (the `api_description` given to the listener, else
   * the function's docstring; 5.x after 5.14, 6.x), else a string `api_description` from `/config`; `null` when empty.
   */
  readonly description: string | null;
  /** Seconds a streaming event (`.stream(…, time_limit=…)`) may run, from `/config`'s `time_limit`; `null`: no limit. */
  readonly timeLimit: number | null;
  /**
   * Whether the function takes a `gr.OAuthToken` (Gradio 6.21+, `/info`'s `oauth_token`): `"required"`, `"optional"`
   * (`gr.OAuthToken | None`), or `null`. Such functions get the client's `oauthToken`; see `ClientOptions`.
   */
  readonly oauthToken: "required" | "optional" | null;
  /**
   * For a streaming-input listener (`.stream(fn, stream_every=…)` on `gr.Audio`/`gr.Image(streaming=True)`,
   * `connection: "stream"`): the seconds between chunks the app asks for (`stream_every`). `null` for other
   * endpoints. Start such an event with `client.stream(…)`.
   */
  readonly streamEvery: number | null;
}

/** User arguments: positional (API-visible parameters in order) or by parameter name. */
export type EndpointArguments = readonly unknown[] | Readonly<Record<string, unknown>>;

interface InfoParameter {
  label?: string;
  parameter_name?: string | null;
  parameter_has_default?: boolean;
  parameter_default?: unknown;
  type?: unknown;
  python_type?: { type?: string };
  component?: string;
}

/** Builds the endpoint table from `/config` and `{P}/info` (the latter may be `null` when unavailable). */
export function describeEndpoints(config: GradioConfig, info: unknown): EndpointInfo[] {
  const components = new Map(config.components.map((component) => [component.id, component]));
  const named = isObject(info) && isObject(info.named_endpoints) ? info.named_endpoints : {};
  const hidden = (id: number) => {
    const component = components.get(id);
    return component ? component.skip_api === true || component.type === "state" : false;
  };
  return config.dependencies.flatMap((dependency, position): EndpointInfo[] => {
    if (dependency.backend_fn === false || dependency.types?.cancel) return [];
    const fnIndex = dependency.id ?? position;
    const name =
      typeof dependency.api_name === "string" ? `/${dependency.api_name.replace(/^\//, "")}` : null;
    const documented = name && isObject(named[name]) ? named[name] : null;
    const hiddenInputs = dependency.inputs.map(hidden);
    const hiddenOutputs = dependency.outputs.map(hidden);
    const isState = (id: number) => components.get(id)?.type === "state";
    const parameters = Array.isArray(documented?.parameters)
      ? (documented.parameters as InfoParameter[]).map((p, i) => parameterFromInfo(p, i))
      : dependency.inputs
          .filter((_, i) => !hiddenInputs[i])
          .map((id, i) => parameterFromInfo(fromComponent(components.get(id), `parameter_${id}`, i), i));
    const returns = Array.isArray(documented?.returns)
      ? (documented.returns as InfoParameter[]).map((p, i) => returnFromInfo(p, i))
      : dependency.outputs
          .filter((_, i) => !hiddenOutputs[i])
          .map((id, i) => returnFromInfo(fromComponent(components.get(id), `value_${id}`, i), i));
    return [
      {
        fnIndex,
        apiName: name,
        parameters,
        returns,
        hiddenInputs,
        hiddenOutputs,
        generator: dependency.types?.generator === true,
        sessionBound:
          dependency.inputs.some(isState) ||
          dependency.outputs.some(isState) ||
          dependency.rendered_in != null ||
          dependency.render_id != null,
        queued: dependency.queue !== false,
        visibility: visibilityOf(dependency),
        collectsEventData: dependency.collects_event_data === true,
        triggerId: dependency.targets?.[0]?.[0] ?? null,
        description: ((documented?.description ?? dependency.api_description) || null) as string | null,
        timeLimit: dependency.time_limit ?? null,
        oauthToken:
          documented?.oauth_token === "required" || documented?.oauth_token === "optional"
            ? documented.oauth_token
            : null,
        streamEvery: dependency.connection === "stream" ? (dependency.stream_every ?? 0.5) : null,
      },
    ];
  });
}

/**
 * Finds an endpoint by api name (`"/predict"` or `"predict"`) or fn index. Private functions are not callable by
 * name, like in the official clients.
 */
export function findEndpoint(endpoints: readonly EndpointInfo[], endpoint: string | number): EndpointInfo {
  const named = () =>
    endpoints.filter((e) => e.apiName && e.visibility !== "private").map((e) => e.apiName as string);
  if (typeof endpoint === "number") {
    const found = endpoints.find((e) => e.fnIndex === endpoint);
    if (found) return found;
    throw new EndpointNotFoundError(endpoint, named());
  }
  const name = `/${endpoint.replace(/^\//, "")}`;
  const found = endpoints.find((e) => e.apiName === name);
  if (found && found.visibility !== "private") return found;
  throw new EndpointNotFoundError(endpoint, named());
}

/**
 * Turns user arguments into the `data` array: one value per dependency input, `null` for hidden inputs, defaults
 * from `/info` for missing trailing or keyword parameters. Throws {@link InputError} when they do not fit.
 */
export function buildInputData(endpoint: EndpointInfo, args: EndpointArguments | undefined): unknown[] {
  const params = endpoint.parameters;
  const label = endpoint.apiName ?? `fn_index ${endpoint.fnIndex}`;
  let visible: unknown[];
  if (args === undefined) args = [];
  // Untyped JS callers pass a string or a number too: `Object.keys` would then name every character as a parameter.
  if (typeof args !== "object") {
    throw new InputError(`${label}: args must be an array or an object (by name), got ${typeof args}.`);
  }
  if (Array.isArray(args)) {
    if (args.length === endpoint.hiddenInputs.length && args.length !== params.length) return [...args];
    if (args.length > params.length) {
      throw new InputError(`${label} takes ${params.length} argument(s), got ${args.length}.`);
    }
    visible = params.map((param, i) => (i < args.length ? (args as unknown[])[i] : defaultOf(param, label)));
  } else {
    const given = args as Readonly<Record<string, unknown>>;
    const unknownKeys = Object.keys(given).filter((key) => !params.some((param) => param.name === key));
    if (unknownKeys.length > 0) {
      throw new InputError(
        `${label} has no parameter ${unknownKeys.map((k) => JSON.stringify(k)).join(", ")}; ` +
          `its parameters are ${params.map((p) => p.name).join(", ") || "(none)"}.`,
      );
    }
    visible = params.map((param) =>
      Object.hasOwn(given, param.name) ? given[param.name] : defaultOf(param, label),
    );
  }
  let next = 0;
  return endpoint.hiddenInputs.map((isHidden) => (isHidden ? null : visible[next++]));
}

/** Drops the hidden (State) positions from an output `data` array. */
export function visibleOutputs(endpoint: EndpointInfo, data: readonly unknown[]): unknown[] {
  if (data.length !== endpoint.hiddenOutputs.length) return [...data];
  return data.filter((_, i) => !endpoint.hiddenOutputs[i]);
}

function defaultOf(param: ParameterInfo, label: string): unknown {
  if (param.hasDefault) return param.default;
  throw new InputError(
    `${label} needs a value for parameter ${JSON.stringify(param.name)} (it has no default).`,
  );
}

function parameterFromInfo(p: InfoParameter, i: number): ParameterInfo {
  return {
    ...returnFromInfo(p, i),
    label: p.label ?? `parameter_${i}`,
    name: p.parameter_name ?? p.label ?? `param_${i}`,
    hasDefault: p.parameter_has_default === true,
    default: p.parameter_default ?? null,
  };
}

function returnFromInfo(p: InfoParameter, i: number): ReturnInfo {
  return {
    label: p.label ?? `value_${i}`,
    type: p.type ?? {},
    pythonType: p.python_type?.type ?? null,
    component: p.component ?? "Unknown",
  };
}

/** What `/info` would say of a component, from `/config` alone (apps whose `/info` lacks the endpoint). */
function fromComponent(
  component: ConfigComponent | undefined,
  fallbackLabel: string,
  i: number,
): InfoParameter {
  const props = component?.props;
  const hasValue = props !== undefined && "value" in props;
  return {
    label: typeof props?.label === "string" ? props.label : fallbackLabel,
    parameter_name: `param_${i}`,
    parameter_has_default: hasValue,
    parameter_default: hasValue ? props?.value : null,
    type: component?.api_info ?? {},
    component: component?.type ?? "Unknown",
  };
}

function visibilityOf(dependency: ConfigDependency): EndpointInfo["visibility"] {
  if (dependency.api_visibility) return dependency.api_visibility;
  if (dependency.api_name === false) return "private";
  return dependency.show_api === false ? "undocumented" : "public";
}
