/**
 * Entry of the IIFE bundle for classic `<script>` tags: everything in `@gradio-jobs/core`, nanostores included,
 * on the global `GradioJobs`.
 *
 * @example
 * ```html
 * <script src="https://cdn.jsdelivr.net/npm/@gradio-jobs/core/dist/gradio-jobs.iife.js"></script>
 * <script>
 *   GradioJobs.Client.connect("http://127.0.0.1:7860").then(async (client) => {
 *     const job = client.submit("/predict", [4, "add", 5]);
 *     job.$status.subscribe((s) => console.log(s.code));
 *     console.log(await job.result()); // [9]
 *   });
 * </script>
 * ```
 * @module
 */
export * from "./index.js";
