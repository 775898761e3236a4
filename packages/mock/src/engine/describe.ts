/**
 * What a Gradio server would serve for a mock app at `GET /config` and `GET {P}/info` (protocol §3.1, §3.2, §16.2):
 * one component per parameter and output (a `gr.State` name is one component app-wide), one button per endpoint as
 * its trigger, one dependency per endpoint with `id` = `fn_index`.
 * @module
 */
import type { Component } from "../definition/components.js";
import type { MockApp, MockEndpoint } from "../definition/define-app.js";

export const API_PREFIX = "/gradio_api";

/** The component ids of one endpoint. */
export interface EndpointLayout {
  readonly inputs: readonly number[];
  readonly outputs: readonly number[];
  readonly trigger: number;
}

/** Component ids for the whole app, computed once. */
export class AppLayout {
  readonly components: { id: number; component: Component | null; endpoint: MockEndpoint }[] = [];
  readonly byEndpoint: EndpointLayout[] = [];
  readonly stateIds = new Map<string, number>();

  constructor(app: MockApp) {
    let next = 1;
    const place = (component: Component, endpoint: MockEndpoint): number => {
      if (component.state) {
        const known = this.stateIds.get(component.name);
        if (known !== undefined) return known;
        this.stateIds.set(component.name, next);
      }
      this.components.push({ id: next, component, endpoint });
      return next++;
    };
    for (const endpoint of app.endpoints) {
      const inputs = endpoint.parameters.map((c) => place(c, endpoint));
      const outputs = endpoint.outputs.map((c) => place(c, endpoint));
      this.components.push({ id: next, component: null, endpoint });
      this.byEndpoint.push({ inputs, outputs, trigger: next++ });
    }
  }
}

export function versionOf(app: MockApp): string {
  return app.protocol === "6.25" ? "6.25.0" : "5.45.0";
}

function componentConfig(id: number, component: Component | null, endpoint: MockEndpoint) {
  if (!component) {
    return {
      id,
      type: "button",
      props: { value: endpoint.apiName, variant: "secondary", visible: true, interactive: true },
      skip_api: true,
      component_class_id: "button",
      key: null,
    };
  }
  const props: Record<string, unknown> = { label: component.label, show_label: true, visible: true };
  if (component.hasValue) props.value = component.value;
  Object.assign(props, component.props);
  if (component.state) {
    return { id, type: "state", props, skip_api: true, component_class_id: "state", key: null };
  }
  return {
    id,
    type: component.type,
    props,
    skip_api: false,
    component_class_id: component.type,
    key: null,
    api_info: component.schema,
    api_info_as_input: component.schema,
    api_info_as_output: component.schema,
    example_inputs: component.hasValue ? component.value : null,
  };
}

function dependencyConfig(app: MockApp, endpoint: MockEndpoint, layout: EndpointLayout) {
  const modern = app.protocol === "6.25";
  const visibility = modern
    ? { api_visibility: endpoint.visibility, component_prop_inputs: [] }
    : { show_api: endpoint.visibility === "public", like_user_message: false };
  return {
    id: endpoint.fnIndex,
    targets: [[layout.trigger, "click"]],
    inputs: layout.inputs,
    outputs: layout.outputs,
    backend_fn: true,
    js: null,
    queue: endpoint.queue,
    api_name: !modern && endpoint.visibility === "private" ? false : endpoint.apiName,
    api_description: endpoint.description || null,
    scroll_to_output: false,
    show_progress: "full",
    batch: false,
    max_batch_size: 4,
    cancels: [],
    types: { generator: endpoint.generator, cancel: false },
    collects_event_data: false,
    trigger_after: null,
    trigger_only_on_success: false,
    trigger_only_on_failure: false,
    trigger_mode: "once",
    ...visibility,
    rendered_in: null,
    render_id: null,
    connection: "sse",
    time_limit: null,
    stream_every: 0.5,
    event_specific_args: null,
    js_implementation: null,
  };
}

/** `GET /config` for `root` (the base URL the request reached, no trailing slash). */
export function buildConfig(
  app: MockApp,
  layout: AppLayout,
  appId: number,
  root: string,
): Record<string, unknown> {
  const modern = app.protocol === "6.25";
  const componentIds = layout.components.map(({ id }) => id);
  const tree = { id: 0, children: componentIds.map((id) => ({ id })) };
  return {
    version: versionOf(app),
    api_prefix: API_PREFIX,
    mode: "blocks",
    app_id: appId,
    dev_mode: false,
    analytics_enabled: false,
    components: layout.components.map(({ id, component, endpoint }) =>
      componentConfig(id, component, endpoint),
    ),
    css: modern ? null : "",
    connect_heartbeat: layout.stateIds.size > 0 || app.onUnload !== null,
    js: modern ? null : "",
    head: modern ? null : "",
    title: app.title,
    space_id: null,
    enable_queue: true,
    show_error: true,
    ...(modern
      ? { footer_links: ["api", "gradio", "settings", "runs"], run_history: true }
      : { show_api: true }),
    is_colab: false,
    max_file_size: app.maxFileSize,
    stylesheets: [],
    theme: "default",
    protocol: "sse_v3",
    fill_height: false,
    fill_width: false,
    pwa: false,
    pages: modern ? [["", "Home", true]] : [["", "Home"]],
    page: {
      "": { layout: tree, components: componentIds, dependencies: app.endpoints.map((e) => e.fnIndex) },
    },
    mcp_server: false,
    dependencies: app.endpoints.map((endpoint) =>
      dependencyConfig(app, endpoint, layout.byEndpoint[endpoint.fnIndex]!),
    ),
    layout: tree,
    username: null,
    root,
  };
}

function endpointInfo(app: MockApp, endpoint: MockEndpoint) {
  const parameters = endpoint.parameters
    .filter((c) => !c.state)
    .map((c) => ({
      label: c.label,
      parameter_name: c.name,
      parameter_has_default: c.hasValue,
      parameter_default: c.hasValue ? c.value : null,
      type: c.schema,
      python_type: { type: c.pythonType, description: "" },
      component: c.className,
      example_input: c.hasValue ? c.value : null,
    }));
  const returns = endpoint.outputs
    .filter((c) => !c.state)
    .map((c) => ({
      label: c.label,
      type: c.schema,
      python_type: { type: c.pythonType, description: "" },
      component: c.className,
    }));
  const listing =
    app.protocol === "6.25"
      ? { api_visibility: endpoint.visibility }
      : { show_api: endpoint.visibility === "public" };
  return { parameters, returns, ...listing, description: endpoint.description };
}

/**
 * `GET {P}/info`: public endpoints; with `?all_endpoints=` (any non-empty value, as in Gradio) undocumented ones
 * too. Private ones never.
 */
export function buildInfo(app: MockApp, allEndpoints: boolean): Record<string, unknown> {
  const named: Record<string, unknown> = {};
  for (const endpoint of app.endpoints) {
    const listed =
      endpoint.visibility === "public" || (allEndpoints && endpoint.visibility === "undocumented");
    if (listed) named[`/${endpoint.apiName}`] = endpointInfo(app, endpoint);
  }
  return { named_endpoints: named, unnamed_endpoints: {} };
}
