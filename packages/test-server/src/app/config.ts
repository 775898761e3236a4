import type { ResolvedOptions } from "../options.js";
import { type Endpoint, needsHeartbeat, type TestApp } from "./app.js";

/** Values of one server process that appear in its config. */
export interface ConfigContext {
  options: ResolvedOptions;
  appId: number;
  /** Base URL as the server sees it for this request, no trailing slash. */
  root: string;
}

/** One entry of `config.dependencies` (also of a `render_config`, see app/render-app.ts). */
export function dependencyConfig(endpoint: Endpoint) {
  return {
    id: endpoint.id,
    targets: [[endpoint.trigger, endpoint.event]],
    inputs: endpoint.inputs,
    outputs: endpoint.outputs,
    backend_fn: true,
    js: null,
    queue: endpoint.queue,
    api_name: endpoint.apiName,
    api_description: null,
    scroll_to_output: false,
    show_progress: "full",
    show_progress_on: null,
    batch: false,
    max_batch_size: 4,
    cancels: [],
    types: { generator: endpoint.run.kind === "generator", cancel: false },
    collects_event_data: false,
    trigger_after: null,
    trigger_only_on_success: false,
    trigger_only_on_failure: false,
    trigger_mode: "once",
    show_api: endpoint.showApi,
    rendered_in: null,
    render_id: null,
    connection: endpoint.stream ? "stream" : "sse",
    time_limit: endpoint.stream?.timeLimit ?? null,
    stream_every: endpoint.stream?.every ?? 0.5,
    like_user_message: false,
    event_specific_args: null,
    js_implementation: null,
  };
}

/** `GET /config`: the full app config, in the key order of a real 5.x server (config.txt). */
export function buildConfig(app: TestApp, { options, appId, root }: ConfigContext): Record<string, unknown> {
  const componentIds = [...app.components.keys()];
  const dependencyIds = app.endpoints.map((endpoint) => endpoint.id);
  const config: Record<string, unknown> = {
    version: options.version,
    api_prefix: options.apiPrefix,
    mode: "blocks",
    app_id: appId,
    dev_mode: false,
    vibe_mode: false,
    analytics_enabled: false,
    components: [...app.components.values()].map((spec) => spec.config),
    css: "",
    connect_heartbeat:
      options.hasHeartbeatRoute && needsHeartbeat(app, options.features.heartbeatForAnyDependency),
    js: "",
    head: "",
    title: "Gradio test server",
    space_id: null,
    enable_queue: true,
    show_error: true,
    show_api: true,
    is_colab: false,
    max_file_size: options.maxFileSize,
    stylesheets: [],
    theme: "default",
    protocol: options.dialect.protocol,
    body_css: {
      body_background_fill: "white",
      body_text_color: "#27272a",
      body_background_fill_dark: "#0f0f11",
      body_text_color_dark: "#f4f4f5",
    },
    fill_height: false,
    fill_width: false,
    theme_hash: "2fa39f6df94156f7ef9d84370dbb2657d672827c75f082ac995879c32290c5ca",
    pwa: false,
    pages: [["", "Home"]],
    page: { "": { layout: app.layout, components: componentIds, dependencies: dependencyIds } },
    mcp_server: false,
    i18n_translations: null,
    dependencies: app.endpoints.map(dependencyConfig),
    layout: app.layout,
    username: null,
    root,
  };
  // 4.x had no api_prefix: every route sat at the root.
  if (!options.apiPrefix) delete config.api_prefix;
  return config;
}

/** The minimal config embedded in `GET /` when auth is on and the request is not logged in (auth.txt). */
export function buildLoggedOutConfig(root: string): Record<string, unknown> {
  return {
    auth_required: true,
    auth_message: null,
    space_id: null,
    root,
    page: { "": { layout: {} } },
    pages: [""],
    components: [],
    dependencies: [],
    current_page: "",
  };
}

function endpointInfo(app: TestApp, endpoint: Endpoint, oauthTokenField: boolean) {
  const apiInputs = endpoint.inputs.map((id) => app.components.get(id)!).filter((spec) => spec.api);
  const parameters = apiInputs.map((spec, position) => {
    const props = spec.config.props;
    const hasValue = "value" in props;
    return {
      label: (props.label as string | undefined) ?? `parameter_${spec.config.id}`,
      parameter_name: endpoint.parameterNames[position] ?? `param_${position}`,
      parameter_has_default: hasValue,
      parameter_default: hasValue ? props.value : null,
      type: spec.config.api_info,
      python_type: spec.api!.pythonTypeAsInput,
      component: spec.api!.component,
      example_input: spec.config.example_inputs,
    };
  });
  const returns = endpoint.outputs
    .map((id) => app.components.get(id)!)
    .filter((spec) => spec.api)
    .map((spec) => ({
      label: (spec.config.props.label as string | undefined) ?? `value_${spec.config.id}`,
      type: spec.config.api_info,
      python_type: spec.api!.pythonTypeAsOutput,
      component: spec.api!.component,
    }));
  const info: Record<string, unknown> = { parameters, returns, show_api: endpoint.showApi, description: "" };
  if (oauthTokenField && endpoint.oauthToken) info.oauth_token = endpoint.oauthToken;
  return info;
}

/**
 * `GET {P}/info`. `allEndpoints` (`?all_endpoints=`, which real Gradio turns on for any non-empty value, even
 * "false") also lists the endpoints with `show_api=False` (here: `demo.unload` listeners); every demo endpoint
 * is public, so for the demo app both lists are the same.
 */
export function buildApiInfo(
  app: TestApp,
  allEndpoints = false,
  oauthTokenField = false,
): Record<string, unknown> {
  const named: Record<string, unknown> = {};
  for (const endpoint of app.endpoints) {
    if (endpoint.showApi || allEndpoints)
      named[`/${endpoint.apiName}`] = endpointInfo(app, endpoint, oauthTokenField);
  }
  return { named_endpoints: named, unnamed_endpoints: {} };
}

function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
}

/** `GET /`: an HTML page that embeds `window.gradio_config` and `window.gradio_api_info`. */
export function buildHtmlPage(config: unknown, apiInfo: unknown): string {
  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8" />',
    "<title>Gradio test server</title>",
    `<script>window.gradio_config = ${scriptJson(config)};</script>` +
      `<script>window.gradio_api_info = ${scriptJson(apiInfo)};</script>`,
    "</head>",
    "<body>",
    "<p>Gradio-protocol test server (@gradio-jobs/test-server). No browser UI.</p>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
