// Sums the results of every suite in a folder into one closing line "N passed, N failed" (exit 1 if any failed).
// Reads Vitest/Jest-style JSON (numPassedTests…), Playwright JSON (stats.expected…) and step files ({passed, failed},
// with the reason in `error` when a suite could not run at all). One line per file first, so that, e.g., the
// real-Gradio results show per version (real-gradio-5.14.0, real-gradio-5.45.0, real-gradio-6.25.0).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2];
let passed = 0;
let failed = 0;
const lines = [];
for (const name of readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .sort()) {
  let data;
  try {
    data = JSON.parse(readFileSync(join(dir, name), "utf8"));
  } catch {
    lines.push(`${name}: unreadable results (counted as 1 failed)`);
    failed += 1;
    continue;
  }
  let p = 0;
  let f = 0;
  if (typeof data.numPassedTests === "number") {
    p = data.numPassedTests;
    f = data.numFailedTests + (data.numRuntimeErrorTestSuites ?? 0);
    if (data.success === false && f === 0) f = 1;
  } else if (data.stats && typeof data.stats.expected === "number") {
    p = data.stats.expected;
    f = data.stats.unexpected + (data.stats.flaky ?? 0) + (data.errors?.length ?? 0);
  } else if (typeof data.passed === "number") {
    p = data.passed;
    f = data.failed;
  }
  passed += p;
  failed += f;
  const why = typeof data.error === "string" ? ` (${data.error.split("\n")[0].slice(0, 160)})` : "";
  lines.push(`${name.replace(/\.json$/, "")}: ${p} passed, ${f} failed${why}`);
}
console.log(lines.map((l) => `  ${l}`).join("\n"));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
