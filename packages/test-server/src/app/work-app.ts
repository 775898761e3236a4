import { endpoint, fn, gen, leaves, node, type TestApp } from "./app.js";
import { button, type ComponentSpec, form, json, number, state, textbox } from "./components.js";
import { RunLog } from "./run-log.js";
import { workFunctions } from "./work-functions.js";

/**
 * The work app (`startTestServer({ app: "work" })`), the twin of conformance/apps/work.py: the same endpoints in
 * the same order (fn_index), api names, parameter names and defaults, and the same component order.
 *
 * | fn | api_name | inputs | outputs | concurrency |
 * |---|---|---|---|---|
 * | 0 | /work | text | str | 1 |
 * | 1 | /work_stream | text, n = 20 | str (generator) | 1 |
 * | 2 | /stateful_work | text (+ gr.State(0)) | str (+ the State) | 1 |
 * | 3 | /runs | — | JSON | none |
 * | 4 | /reset_runs | — | JSON | none |
 * | 5 | /unloaded | — | JSON | none |
 * | 6 | `demo.unload` listener (api name "on_unload", not in /info) | — | — | — |
 */
export function buildWorkApp(): TestApp {
  const runLog = new RunLog();
  const work = workFunctions(runLog);
  const components: ComponentSpec[] = [
    textbox(1, "text"),
    number(2, "n", 20, 0),
    state(3, 0),
    textbox(4, "work output"),
    textbox(5, "work_stream output"),
    textbox(6, "stateful_work output"),
    json(7, "runs"),
    json(8, "reset"),
    json(9, "unloaded"),
    button(10, "work"),
    button(11, "work_stream"),
    button(12, "stateful_work"),
    button(13, "runs"),
    button(14, "reset_runs"),
    button(15, "unloaded"),
    // Gradio wraps consecutive form components in a Form when the Blocks context exits.
    form(16),
    form(17),
  ];
  const layout = node(
    0,
    node(16, ...leaves(1, 2)),
    node(3),
    node(17, ...leaves(4, 5, 6)),
    ...leaves(7, 8, 9, 10, 11, 12, 13, 14, 15),
  );
  const unlimited = { concurrencyLimit: null };
  const endpoints = [
    endpoint({
      id: 0,
      apiName: "work",
      trigger: 10,
      inputs: [1],
      outputs: [4],
      parameterNames: ["text"],
      run: fn(work.work),
    }),
    endpoint({
      id: 1,
      apiName: "work_stream",
      trigger: 11,
      inputs: [1, 2],
      outputs: [5],
      parameterNames: ["text", "n"],
      run: gen(work.workStream),
    }),
    endpoint({
      id: 2,
      apiName: "stateful_work",
      trigger: 12,
      inputs: [1, 3],
      outputs: [6, 3],
      parameterNames: ["text"],
      run: fn(work.statefulWork),
    }),
    endpoint({
      id: 3,
      apiName: "runs",
      trigger: 13,
      inputs: [],
      outputs: [7],
      parameterNames: [],
      run: fn(work.runs),
      ...unlimited,
    }),
    endpoint({
      id: 4,
      apiName: "reset_runs",
      trigger: 14,
      inputs: [],
      outputs: [8],
      parameterNames: [],
      run: fn(work.resetRuns),
      ...unlimited,
    }),
    endpoint({
      id: 5,
      apiName: "unloaded",
      trigger: 15,
      inputs: [],
      outputs: [9],
      parameterNames: [],
      run: fn(work.unloaded),
      ...unlimited,
    }),
    // demo.unload(on_unload): api_name from the function name, show_api=False, no target component.
    endpoint({
      id: 6,
      apiName: "on_unload",
      trigger: null,
      event: "unload",
      inputs: [],
      outputs: [],
      parameterNames: [],
      showApi: false,
      run: fn(work.onUnload),
      ...unlimited,
    }),
  ];
  return {
    name: "work",
    components: new Map(components.map((spec) => [spec.config.id, spec])),
    layout,
    endpoints,
    runLog,
  };
}
