/**
 * The `.svelte` files type-check: `svelte-check` (Svelte's own checker, TypeScript 6) on the README's complete
 * component (examples/), the test components (src/testing/) and the playground's Svelte page, with no error and no
 * warning. (The workspace's `tsc` does not read `.svelte` files.)
 */
import { spawnSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const svelteCheck = resolve(packageDir, "node_modules/svelte-check/bin/svelte-check");

function check(tsconfig: string) {
  const run = spawnSync(
    process.execPath,
    [svelteCheck, "--tsconfig", tsconfig, "--output", "machine", "--fail-on-warnings"],
    { cwd: packageDir, encoding: "utf8", timeout: 120_000 },
  );
  const output = `${run.stdout}${run.stderr}`;
  return { status: run.status, output, summary: /COMPLETED .*/.exec(output)?.[0] ?? output };
}

describe("svelte-check", () => {
  it("finds no error and no warning in the package's .svelte files", { timeout: 120_000 }, () => {
    const { status, output, summary } = check("./tsconfig.svelte.json");
    expect(summary, output).toMatch(/COMPLETED \d+ FILES 0 ERRORS 0 WARNINGS/);
    expect(status, output).toBe(0);
  });
});
