/**
 * The typed-endpoint mistakes a user makes most, each with what the compiler's FIRST diagnostic must say about it, and
 * a runner that type-checks them with a given `tsc` (TypeScript 6 or 7). Shared by typed-api.diagnostics.test.ts
 * (against core's source) and scripts/check-packed.mjs (against the packed package in a fresh app).
 *
 * Each case is one file: `header` (which declares `client: Client<GradioApi>`) and one call. Plain JavaScript so that
 * the pack check can import it without a TypeScript loader; types in typed-diagnostics.d.mts.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Each case's call against the test server's demo app (packages/test-utils/src/demo-api.d.ts). */
export const DIAGNOSTIC_CASES = [
  {
    name: "wrong endpoint name: the known names are listed",
    code: 'client.submit("/predcit", [1, "add", 2]);',
    first:
      /^Argument of type '"\/predcit"' is not assignable to parameter of type 'number \| (".+" \| )*"\/predict"/,
  },
  {
    name: "wrong endpoint name in predict",
    code: 'void client.predict("/nope");',
    first: /^Argument of type '"\/nope"' is not assignable to parameter of type 'number \| .*"\/count"/,
  },
  {
    name: "wrong argument type (positional): the parameter's type is named",
    code: 'client.submit("/predict", [1, "modulo", 2]);',
    first: /^Type '"modulo"' is not assignable to type '.*"add".*'/,
  },
  {
    name: "wrong argument type (by name): the property is named",
    code: 'client.submit("/predict", { a: "1" });',
    first: /Types of property 'a' are incompatible\.\s+Type 'string' is not assignable to type 'number'/,
  },
  {
    name: "extra positional argument",
    code: 'client.submit("/predict", [1, "add", 2, 3]);',
    first: /^Type 'number' is not assignable to type 'TooManyArguments'/,
  },
  {
    name: "extra positional argument to an endpoint without parameters",
    code: 'client.submit("/increment", [1]);',
    first: /^Type 'number' is not assignable to type 'TooManyArguments'/,
  },
  {
    name: "unknown keyword",
    code: 'client.submit("/predict", { a: 1, c: 2 });',
    first: /^Object literal may only specify known properties, and 'c' does not exist in type/,
  },
  {
    name: "unknown keyword to an endpoint without parameters",
    code: 'client.submit("/increment", { counter: 1 });',
    first:
      /^Object literal may only specify known properties, and 'counter' does not exist in type 'NoNamedArguments/,
  },
  {
    name: "missing required keyword",
    code: 'client.submit("/flip_file", {});',
    first: /Property 'path' is missing in type '\{\}' but required in type '\{ path: FileArg; \}'/,
  },
];

/**
 * The same mistakes through the adapters' `useSubmit(client, endpoint)` (whose result's `submit` takes the call's
 * arguments): each case imports its adapter, so the compiler must resolve `@gradio-jobs/react` and `@gradio-jobs/vue`.
 */
export const ADAPTER_DIAGNOSTIC_CASES = ["react", "vue"].flatMap((adapter) => {
  const use = `import { useSubmit } from "@gradio-jobs/${adapter}";\n`;
  return [
    {
      name: `${adapter} useSubmit: wrong endpoint name, the known names are listed`,
      code: `${use}useSubmit(client, "/nope");`,
      first:
        /^Argument of type '"\/nope"' is not assignable to parameter of type '.*number \| (".+" \| )*"\/count"/,
    },
    {
      name: `${adapter} useSubmit: wrong argument type to submit`,
      code: `${use}useSubmit(client, "/predict").submit([1, "modulo", 2]);`,
      first: /^Type '"modulo"' is not assignable to type '.*"add".*'/,
    },
    {
      name: `${adapter} useSubmit: extra argument to submit`,
      code: `${use}useSubmit(client, "/predict").submit([1, "add", 2, 3]);`,
      first: /^Type 'number' is not assignable to type 'TooManyArguments'/,
    },
  ];
});

/**
 * Type-checks every case in `dir/typed-diagnostics/` with `tsc` and returns each case's first diagnostic (its whole
 * message, continuation lines included) and whether it matches. The directory is recreated each time.
 */
export function runDiagnosticCases({ tsc, dir, header, compilerOptions, cases = DIAGNOSTIC_CASES }) {
  const caseDir = join(dir, "typed-diagnostics");
  rmSync(caseDir, { recursive: true, force: true });
  mkdirSync(caseDir, { recursive: true });
  const files = cases.map((testCase, i) => {
    const file = `case-${i}.ts`;
    writeFileSync(join(caseDir, file), `${header}\n${testCase.code}\n`);
    return file;
  });
  writeFileSync(
    join(caseDir, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { ...compilerOptions, noEmit: true }, files }, null, 2),
  );
  const run = spawnSync(process.execPath, [tsc, "-p", join(caseDir, "tsconfig.json"), "--pretty", "false"], {
    encoding: "utf8",
  });
  const output = `${run.stdout}${run.stderr}`;
  const firstByFile = firstDiagnostics(output);
  const results = cases.map((testCase, i) => {
    const first = firstByFile.get(files[i]) ?? null;
    return {
      name: testCase.name,
      code: testCase.code,
      expected: testCase.first,
      first,
      ok: !!first && testCase.first.test(first),
    };
  });
  // Diagnostics outside the case files (the header, the package's own types) are failures too.
  const stray = [...firstByFile.keys()].filter((file) => !files.includes(file));
  return { results, stray: stray.map((file) => `${file}: ${firstByFile.get(file)}`), output };
}

/** `file → first diagnostic` from `tsc --pretty false` output (a diagnostic's continuation lines are indented). */
function firstDiagnostics(output) {
  const first = new Map();
  let current = null;
  for (const line of output.split("\n")) {
    const match = /^(.+?)\(\d+,\d+\): error TS\d+: (.*)$/.exec(line);
    if (match) {
      const file = match[1].split(/[\\/]/).pop();
      current = first.has(file) ? null : file;
      if (current) first.set(file, match[2]);
    } else if (current && /^\s+\S/.test(line)) {
      first.set(current, `${first.get(current)}\n${line.trim()}`);
    } else {
      current = null;
    }
  }
  return first;
}
