/** The contract scenarios, in the order they run (the end-to-end tests make one test of each, per environment). */
export const SCENARIO_NAMES = [
  "predict",
  "generator",
  "stream-diffs",
  "progress",
  "error-typed",
  "cancel",
  "queue-rank",
  "files",
] as const;

export type ScenarioName = (typeof SCENARIO_NAMES)[number];

/** Where the scenarios run: this page's main thread, or a module Web Worker. */
export const ENVIRONMENTS = ["page", "worker"] as const;

export type Environment = (typeof ENVIRONMENTS)[number];

/** The outcome of one scenario in one environment. */
export interface ScenarioResult {
  readonly name: string;
  readonly env: Environment;
  readonly status: "pass" | "fail";
  readonly ms: number;
  /** What the scenario saw (event ids, session hash…), or the failure message. */
  readonly details: Record<string, unknown>;
}
