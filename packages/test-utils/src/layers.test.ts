/**
 * The layer check of the test command (`corepack pnpm check:layers`: dependency-cruiser with
 * .dependency-cruiser.cjs) can fail: on a fixture tree whose wire/ imports session/, it reports exactly that.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../..", import.meta.url));

function cruise(dir: string): { status: number | null; output: string } {
  const result = spawnSync(
    process.execPath,
    [
      `${root}/node_modules/dependency-cruiser/bin/dependency-cruise.mjs`,
      dir,
      "--config",
      ".dependency-cruiser.cjs",
    ],
    { cwd: root, encoding: "utf8" },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("the layer check", () => {
  it("fails on an upward import, naming the rule and both modules", () => {
    const { status, output } = cruise("packages/test-utils/fixtures/layers/src");
    expect(status).not.toBe(0);
    expect(output).toContain("wire-imports-only-lower-layers");
    expect(output).toMatch(/src\/wire\/decode\.ts → \S*src\/session\/stream\.ts/);
  });

  it("passes on @gradio-jobs/core", () => {
    const { status, output } = cruise("packages/core/src");
    expect(output).toContain("no dependency violations found");
    expect(status).toBe(0);
  });
});
