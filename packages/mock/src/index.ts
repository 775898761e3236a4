/**
 * `@gradio-jobs/mock`: a fake Gradio app defined in TypeScript, for testing your own UI without Python or a GPU.
 * This entry runs anywhere (browsers, workers, Node): define the app, then answer `Request`s with
 * `createMockGradio(app).fetch`, e.g. from MSW. The Node HTTP server and CLI are in `@gradio-jobs/mock/node`.
 *
 * @example
 * ```ts
 * import { createMockGradio, defineApp, endpoint, number } from "@gradio-jobs/mock";
 * const app = defineApp({
 *   endpoints: {
 *     "/double": endpoint({ parameters: [number("x", { value: 2 })], outputs: [number("y")], fn: (x) => x * 2 }),
 *   },
 * });
 * const mock = createMockGradio(app, { timeScale: 0.01 });
 * const config = await (await mock.fetch(new Request("http://mock.test/config"))).json();
 * console.log(config.dependencies[0].api_name); // "double"
 * ```
 * @module
 */
export {
  type Component,
  type ComponentOptions,
  checkbox,
  type FileContent,
  type FileData,
  file,
  image,
  json,
  number,
  radio,
  state,
  textbox,
} from "./definition/components.js";
export {
  type AppOptions,
  defineApp,
  type EndpointFunction,
  type EndpointOptions,
  type EndpointResult,
  endpoint,
  type MockApp,
  type MockEndpoint,
  type MockEndpointDefinition,
  type MockProtocol,
  type ParameterValues,
} from "./definition/define-app.js";
export { GradioError, type GradioErrorOptions, MockDefinitionError } from "./definition/errors.js";
export type { JobContext, LogOptions } from "./definition/job-context.js";
export type { MockFault, MockFaultRoute, MockFaults } from "./engine/faults.js";
export {
  createMockGradio,
  type MockGradio,
  type MockGradioOptions,
  type MockStats,
} from "./engine/mock-gradio.js";
