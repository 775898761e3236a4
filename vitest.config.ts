import { defineConfig } from "vitest/config";

/**
 * One Vitest run for every package: tests are colocated as `*.test.ts(x)` and type tests as `*.test-d.ts`.
 * The `source` export condition makes workspace packages resolve to their `src/` without a build.
 */
export default defineConfig({
  // jsdom tests resolve as a browser bundler does ("browser": Svelte's client runtime, inlined below); Node tests do not.
  resolve: { conditions: ["source", "browser"] },
  ssr: { resolve: { conditions: ["source"] } },
  test: {
    include: [
      "packages/*/src/**/*.test.{ts,tsx}",
      "packages/mock/examples/*.test.{ts,tsx}",
      "conformance/test-server.test.ts",
    ],
    exclude: ["**/node_modules/**", "**/dist/**"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: "forks",
    // Svelte ships its client and server runtimes under one name: processed by Vite, the condition above picks one.
    server: { deps: { inline: [/\/node_modules\/svelte\//] } },
    typecheck: {
      enabled: true,
      include: ["packages/*/src/**/*.test-d.{ts,tsx}"],
      tsconfig: "./tsconfig.json",
    },
  },
});
