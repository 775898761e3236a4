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
  // Problems in the .svelte files; svelte-check also reports the .ts files they import, which the workspace's tsc
  // checks already.
  const problems = output.split("\n").filter((line) => /^\d+ (ERROR|WARNING) "[^"]+\.svelte"/.test(line));
  return { completed: /COMPLETED (\d+) FILES/.exec(output)?.[1], problems, output };
}

describe("svelte-check", () => {
  it("finds no error and no warning in the package's .svelte files", { timeout: 120_000 }, () => {
    const { completed, problems, output } = check("./tsconfig.svelte.json");
    expect(completed, output).toBeDefined();
    expect(problems).toEqual([]);
  });

  it("finds no error and no warning in the playground's Svelte page", { timeout: 120_000 }, () => {
    const { completed, problems, output } = check("./tsconfig.playground.json");
    expect(completed, output).toBeDefined();
    expect(problems).toEqual([]);
  });
});
