/**
 * The classic page's UI as a classic script (built to an IIFE, global `PlaygroundUI`): the same page code as the
 * vanilla page, without core. The page passes the `GradioJobs` global of core's IIFE build as the SDK.
 * @module
 */
export { mountPlayground } from "../dom/playground.js";
export { directBackend } from "../shared/backend.js";
