import type { Environment, ScenarioName, ScenarioResult } from "./names.js";
import { type ScenarioContext, scenarios } from "./scenarios.js";

/** Runs one scenario and reports how it went (never throws). */
export async function runScenario(
  name: ScenarioName,
  env: Environment,
  context: ScenarioContext,
): Promise<ScenarioResult> {
  const start = performance.now();
  try {
    const details = await scenarios[name](context);
    return { name, env, status: "pass", ms: Math.round(performance.now() - start), details };
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return {
      name,
      env,
      status: "fail",
      ms: Math.round(performance.now() - start),
      details: { error: message },
    };
  }
}
