import { defineConfig } from "vitest/config";

/**
 * One Vitest run for every package: tests are colocated as `*.test.ts(x)` and type tests as `*.test-d.ts`.
 * The `source` export condition makes workspace packages resolve to their `src/` without a build.
 */
export default defineConfig({
  resolve: { conditions: ["source"] },
  ssr: { resolve: { conditions: ["source"] } },
  test: {
    include: ["packages/*/src/**/*.test.{ts,tsx}", "conformance/test-server.test.ts"],
    exclude: ["**/node_modules/**", "**/dist/**"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: "forks",
    typecheck: {
      enabled: true,
      include: ["packages/*/src/**/*.test-d.{ts,tsx}"],
      tsconfig: "./tsconfig.json",
    },
  },
});
