import { GradioError } from "../queue/job-context.js";
import { type Endpoint, endpoint, fn, type JoinRequest, leaves, node, type TestApp } from "./app.js";
import { button, type ComponentSpec, form, json, number, state, textbox } from "./components.js";
import { dependencyConfig } from "./config.js";
import { RunLog } from "./run-log.js";

/** `gr.Column()`: the block a `gr.render` draws into. */
function column(id: number): ComponentSpec {
  const props = { scale: 1, min_width: 320, variant: "default", visible: true, show_progress: true };
  return {
    config: {
      id,
      type: "column",
      props: { ...props, name: "column" },
      skip_api: true,
      component_class_id: "aa24d9b3224537e5d5696d31ed41dacb9ddde8200a5318a676246e536538183b",
      key: null,
    },
    pythonClass: "layouts.column.Column",
    fileLike: false,
  };
}

/** The render's id (`render_id`): the app has one `gr.render`. */
const RENDER_ID = 0;
/** The first fn index a session's first render run gives its events (after the six static listeners). */
const FIRST_RENDERED_FN = 6;
/** The first component id of what the render draws (three per box: input, output, button). */
const FIRST_RENDERED_COMPONENT = 18;

/**
 * The render app (`startTestServer({ app: "render" })`), the twin of conformance/apps/render.py:
 *
 * | fn | api_name | inputs | outputs | |
 * |---|---|---|---|---|
 * | 0 | /set_count | n | (gr.State) + count | stores n in the session's State |
 * | 1 | /static_echo | text | echoed | `"echo:" + text` |
 * | 2 | /request_info | — | JSON | `{query, probe_cookie}`: `gr.Request`'s query parameters and cookie `probe` |
 * | 3 | /token_info | token text (+ `gr.OAuthToken \| None`) | token out | `text + ":" + (token or "none")` |
 * | 4 | /needs_token | token text (+ `gr.OAuthToken`) | token out | `text + ":" + token` |
 * | 5 | /apply (show_api=False) | (the State) | (the column) | the `gr.render`: draws State boxes |
 * | 6 + i | /shout_i (drawn, per session) | box i | out i | `text.upper() + "!" * (i + 1)` |
 *
 * Like Gradio, a render run draws its events in the session that ran it only: their fn indexes (6, 7, …) are
 * unknown to other sessions (a join answers 500), and its completion carries them in `output.render_config`
 * (components with `props.rendered_in`, dependencies with `rendered_in`, as on 5.x). A new run replaces them with
 * events of new fn indexes. Gradio 5.45+ also renames every other run's events (`/shout_0_1`: the name was still
 * taken by the last run's); this model keeps the names, as 5.14 does.
 */
export function buildRenderApp(): TestApp {
  const components: ComponentSpec[] = [
    state(1, 0),
    number(2, "n", 0, 0),
    number(3, "count"),
    button(4, "set"),
    textbox(5, "text"),
    textbox(6, "echoed"),
    button(7, "echo"),
    json(8, "request"),
    button(9, "request"),
    textbox(10, "token text"),
    textbox(11, "token out"),
    button(12, "token"),
    button(13, "needs token"),
    column(14),
    form(15),
    form(16),
    form(17),
  ];
  const byId = new Map(components.map((spec) => [spec.config.id, spec]));
  const drawn = new Map<string, { endpoints: Endpoint[]; specs: ComponentSpec[]; nextFn: number }>();
  const joins = new Map<string, JoinRequest>();

  const draw = (sessionHash: string, count: number) => {
    // Like Gradio, each run numbers its events after the last run's: fn indexes grow in the session.
    let nextFn = drawn.get(sessionHash)?.nextFn ?? FIRST_RENDERED_FN;
    const specs: ComponentSpec[] = [];
    const endpoints: Endpoint[] = [];
    for (let i = 0; i < count; i++) {
      const [boxId, outId, buttonId] = [0, 1, 2].map((k) => FIRST_RENDERED_COMPONENT + 3 * i + k) as [
        number,
        number,
        number,
      ];
      const drawnSpecs = [
        textbox(boxId, `box ${i}`),
        textbox(outId, `out ${i}`),
        button(buttonId, `shout ${i}`),
      ];
      for (const spec of drawnSpecs) {
        spec.config.props = { ...spec.config.props, rendered_in: RENDER_ID };
        // The runner reads input specs from the app; the same ids mean the same components in every session.
        byId.set(spec.config.id, spec);
      }
      specs.push(...drawnSpecs);
      endpoints.push(
        endpoint({
          id: nextFn++,
          apiName: `shout_${i}`,
          pythonName: "shout",
          trigger: buttonId,
          inputs: [boxId],
          outputs: [outId],
          parameterNames: ["value"],
          concurrencyLimit: null,
          run: fn(async ([value]) => [`${String(value).toUpperCase()}${"!".repeat(i + 1)}`]),
        }),
      );
    }
    drawn.set(sessionHash, { endpoints, specs, nextFn });
  };

  const renderConfig = (sessionHash: string) => {
    const current = drawn.get(sessionHash) ?? { endpoints: [], specs: [] };
    return {
      layout: node(14, ...leaves(...current.specs.map((spec) => spec.config.id))),
      components: [byId.get(14)?.config, ...current.specs.map((spec) => spec.config)],
      dependencies: current.endpoints.map((drawnEndpoint) => ({
        ...dependencyConfig(drawnEndpoint),
        rendered_in: RENDER_ID,
      })),
      render_id: RENDER_ID,
    };
  };

  const endpoints = [
    endpoint({
      id: 0,
      apiName: "set_count",
      trigger: 4,
      inputs: [2],
      outputs: [1, 3],
      parameterNames: ["n"],
      run: fn(async ([n]) => [Math.trunc(Number(n)), Math.trunc(Number(n))]),
    }),
    endpoint({
      id: 1,
      apiName: "static_echo",
      trigger: 7,
      inputs: [5],
      outputs: [6],
      parameterNames: ["text"],
      run: fn(async ([text]) => [`echo:${String(text)}`]),
    }),
    endpoint({
      id: 2,
      apiName: "request_info",
      trigger: 9,
      inputs: [],
      outputs: [8],
      parameterNames: [],
      run: fn(async (_, context) => {
        const request = joins.get(context.sessionHash);
        return [{ query: request?.query ?? {}, probe_cookie: request?.cookies.probe ?? null }];
      }),
    }),
    endpoint({
      id: 3,
      apiName: "token_info",
      trigger: 12,
      inputs: [10],
      outputs: [11],
      parameterNames: ["text"],
      oauthToken: "optional",
      run: fn(async ([text], context) => [
        `${String(text)}:${joins.get(context.sessionHash)?.oauthToken ?? "none"}`,
      ]),
    }),
    endpoint({
      id: 4,
      apiName: "needs_token",
      trigger: 13,
      inputs: [10],
      outputs: [11],
      parameterNames: ["text"],
      oauthToken: "required",
      run: fn(async ([text], context) => {
        const token = joins.get(context.sessionHash)?.oauthToken;
        // Gradio's words when a required gr.OAuthToken is missing (6.25).
        if (!token) throw new GradioError("This action requires a logged in user. Please sign in and retry.");
        return [`${String(text)}:${token}`];
      }),
    }),
    // @gr.render(inputs=[count], triggers=[count.change]): Gradio names its listener after the wrapper, "apply".
    endpoint({
      id: 5,
      apiName: "apply",
      trigger: 1,
      event: "change",
      inputs: [1],
      outputs: [14],
      parameterNames: ["k"],
      showApi: false,
      run: fn(async ([k], context) => {
        draw(context.sessionHash, Number(k));
        return [null];
      }),
      renderConfig,
    }),
  ];
  return {
    name: "render",
    components: byId,
    layout: node(
      0,
      node(15, ...leaves(2, 3)),
      node(1),
      node(16, ...leaves(5, 6)),
      ...leaves(4, 7, 8, 9),
      node(17, ...leaves(10, 11)),
      ...leaves(12, 13, 14),
    ),
    endpoints,
    runLog: new RunLog(),
    sessionEndpoints: (sessionHash) => drawn.get(sessionHash)?.endpoints ?? [],
    noteJoin: (sessionHash, request) => void joins.set(sessionHash, request),
  };
}
