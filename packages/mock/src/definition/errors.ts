/**
 * The two errors of the mock: {@link GradioError}, which an endpoint throws to fail a job the way `gr.Error` does, and
 * {@link MockDefinitionError}, which {@link defineApp} throws for a definition that cannot work.
 * @module
 */

/**
 * Options of {@link GradioError}, as `gr.Error(message, duration=10, visible=True, title="Error")`.
 * @example
 * ```ts
 * import { GradioError } from "@gradio-jobs/mock";
 * const error = new GradioError("Out of credits", { duration: null, title: "Billing" });
 * ```
 */
export interface GradioErrorOptions {
  /** Seconds the UI shows it; `null` keeps it until dismissed. Default 10. */
  readonly duration?: number | null;
  readonly visible?: boolean;
  readonly title?: string;
}

/**
 * Thrown by an endpoint function to fail its job like `raise gr.Error(...)`: the job ends with `process_completed`,
 * `success: false`, `output: {error, duration, visible, title}`. Any other thrown error ends it like an unexpected
 * Python exception (`output: {error: message}`, plus `visible: true` on 6.x).
 *
 * @example
 * ```ts
 * import { GradioError } from "@gradio-jobs/mock";
 * throw new GradioError("bad input", { title: "Invalid" });
 * ```
 */
export class GradioError extends Error {
  readonly duration: number | null;
  readonly visible: boolean;
  readonly title: string;

  constructor(message: string, options: GradioErrorOptions = {}) {
    super(message);
    this.name = "GradioError";
    this.duration = options.duration === undefined ? 10 : options.duration;
    this.visible = options.visible ?? true;
    this.title = options.title ?? "Error";
  }
}

/**
 * A fake app definition that cannot work: a duplicate api name, a function taking more arguments than the endpoint
 * has parameters, `generator: true` on a plain function… Thrown by `defineApp` and `endpoint`, at definition time,
 * so the mistake shows where the app is written rather than in the middle of a test. `endpoint` says which endpoint
 * (`null` for app-level mistakes).
 *
 * @example
 * ```ts
 * import { defineApp, endpoint, MockDefinitionError, number } from "@gradio-jobs/mock";
 * try {
 *   defineApp({ endpoints: { "/double": endpoint({ parameters: [number("x")], fn: (x: number, y: number, job: unknown) => x } ) } });
 * } catch (error) {
 *   if (error instanceof MockDefinitionError) console.log(error.endpoint, error.message);
 * }
 * ```
 */
export class MockDefinitionError extends Error {
  readonly code = "MOCK_DEFINITION";
  readonly endpoint: string | null;

  constructor(endpoint: string | null, problem: string) {
    super(endpoint ? `${endpoint}: ${problem}` : problem);
    this.name = "MockDefinitionError";
    this.endpoint = endpoint;
  }
}
