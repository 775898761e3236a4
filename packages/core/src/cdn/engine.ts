/**
 * `cdn/engine.js`: what the IIFE bundle loads on the first `GradioJobs.Client.connect` — the client's implementation
 * with nanostores and the SSE parser bundled, as an ES module with its own lazy parts next to it. It shares the IIFE's
 * error classes and `Client` (see `host.ts`). Not meant to be imported by anything else.
 * @module
 */
export { connect, duplicate } from "../client/connected-client.js";
