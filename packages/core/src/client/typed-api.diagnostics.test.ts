/**
 * What the compiler says about a typed-endpoint mistake, on TypeScript 6 (the workspace's) and TypeScript 7 (what
 * `npm create vite` installs now; core's `typescript7` alias): the FIRST diagnostic must name the real problem (the
 * unknown name with the known ones, the parameter's type, the extra argument, the unknown keyword), not why another
 * overload or a fn index did not match. The cases are in testing/typed-diagnostics.mjs; scripts/check-packed.mjs runs
 * them against the packed package too. And the repository's type tests (`*.test-d.ts`, which Vitest runs on TS 6)
 * compile on TS 7 too.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  ADAPTER_DIAGNOSTIC_CASES,
  DIAGNOSTIC_CASES,
  runDiagnosticCases,
} from "@gradio-jobs/test-utils/typed-diagnostics";
import { afterAll, describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const tscOf = (name: string) => join(dirname(require.resolve(`${name}/package.json`)), "bin", "tsc");
const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

const work = mkdtempSync(join(tmpdir(), "gradio-jobs-diagnostics-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const header = [
  'import type { Client } from "@gradio-jobs/core";',
  `import type { GradioApi } from ${JSON.stringify(source("../../../test-utils/src/demo-api.js"))};`,
  "declare const client: Client<GradioApi>;",
].join("\n");

const compilerOptions = {
  target: "ES2022",
  lib: ["ES2023", "DOM", "DOM.Iterable"],
  module: "ESNext",
  moduleResolution: "Bundler",
  // The repository's settings: core's source itself is checked here (scripts/check-packed.mjs checks the built
  // .d.ts with exactOptionalPropertyTypes and skipLibCheck: false).
  strict: true,
  skipLibCheck: true,
  types: [],
  // Core's source, as an app resolves the package (the source condition spares a build).
  customConditions: ["source"],
  paths: { "@gradio-jobs/core": [source("../index.ts")] },
};

// The adapters' sources too, for their cases (React's and Vue's own types resolve from their packages).
const adapterOptions = {
  ...compilerOptions,
  paths: {
    ...compilerOptions.paths,
    "@gradio-jobs/react": [source("../../../react/src/index.ts")],
    "@gradio-jobs/vue": [source("../../../vue/src/index.ts")],
  },
};

describe.each([
  ["TypeScript 6", "typescript", "core", DIAGNOSTIC_CASES, compilerOptions],
  ["TypeScript 7", "typescript7", "core", DIAGNOSTIC_CASES, compilerOptions],
  ["TypeScript 6", "typescript", "adapters", ADAPTER_DIAGNOSTIC_CASES, adapterOptions],
  ["TypeScript 7", "typescript7", "adapters", ADAPTER_DIAGNOSTIC_CASES, adapterOptions],
])(
  "%s (%s): the first diagnostic of a typed-endpoint mistake names it",
  (_version, pkg, what, cases, options) => {
    // One compiler run per version for all cases (each case is a file of its own).
    let run: ReturnType<typeof runDiagnosticCases> | undefined;
    const result = () => {
      run ??= runDiagnosticCases({
        tsc: tscOf(pkg),
        dir: join(work, pkg, what),
        header,
        compilerOptions: options,
        cases,
      });
      return run;
    };

    it("reports nothing outside the cases", () => {
      expect(result().stray).toEqual([]);
    }, 60_000);

    it.each(cases.map((testCase, i) => [testCase.name, i] as const))(
      "%s",
      (_name, i) => {
        const found = result().results[i];
        expect(found?.first, `${found?.code}\n${result().output}`).toMatch(found?.expected ?? /.^/);
        expect(found?.first).not.toMatch(/No overload matches this call/);
      },
      60_000,
    );
  },
);

describe("TypeScript 7", () => {
  it("compiles the type tests (*.test-d.ts): every expectTypeOf and @ts-expect-error holds there too", () => {
    const repo = (path: string) => fileURLToPath(new URL(`../../../../${path}`, import.meta.url));
    const config = join(work, "tsconfig.type-tests.json");
    writeFileSync(
      config,
      JSON.stringify({
        extends: repo("tsconfig.json"),
        // `types: ["node"]` is looked up from the config's directory, a temp one here.
        compilerOptions: { typeRoots: [repo("node_modules/@types")] },
        include: [repo("packages/*/src/**/*.test-d.ts"), repo("packages/*/src/**/*.test-d.tsx")],
      }),
    );
    const run = spawnSync(process.execPath, [tscOf("typescript7"), "-p", config, "--pretty", "false"], {
      encoding: "utf8",
    });
    expect(`${run.stdout}${run.stderr}`).toBe("");
    expect(run.status).toBe(0);
  }, 60_000);
});
