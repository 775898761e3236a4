/**
 * `@gradio-jobs/mock/node`: the mock as an HTTP server on Node (`startMockServer`) and the `gradio-mock` command's
 * parts. Node-only (it imports `node:http`); the browser entry `@gradio-jobs/mock` never imports this.
 *
 * @example
 * ```ts
 * import { defineApp, endpoint, number } from "@gradio-jobs/mock";
 * import { startMockServer } from "@gradio-jobs/mock/node";
 * const server = await startMockServer(
 *   defineApp({ endpoints: { "/one": endpoint({ outputs: [number("one")], fn: () => 1 }) } }),
 *   { port: 0 },
 * );
 * console.log(server.url);
 * await server.close();
 * ```
 * @module
 */
export { loadMockApp, runMockCli } from "./cli.js";
export { type MockServer, type MockServerOptions, startMockServer } from "./server.js";
