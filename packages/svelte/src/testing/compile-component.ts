/**
 * Test helper: compiles a `.svelte` file with Svelte's own compiler (client or server output, TypeScript in
 * `<script lang="ts">` stripped by Svelte) and evaluates it with only the modules it may import at run time: Svelte's
 * runtime (`svelte/internal/*`, `svelte/store`…) `@gradio-jobs/core` and `@gradio-jobs/svelte` (this package's source). The workspace's Vitest config has no
 * Svelte plugin, so tests build components the way a user's bundler would, without one.
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Component } from "svelte";
import { compile } from "svelte/compiler";
import ts from "typescript";

/**
 * Compiles `file` (a path relative to packages/svelte/src) for the browser (`"client"`, the default) or for server
 * rendering (`"server"`).
 */
export async function compileComponent<
  Props extends Record<string, unknown>,
  Exports extends Record<string, unknown> = Record<string, never>,
>(file: string, generate: "client" | "server" = "client"): Promise<Component<Props, Exports>> {
  const path = resolve(dirname(fileURLToPath(import.meta.url)), "..", file);
  const { js, warnings } = compile(readFileSync(path, "utf8"), { filename: path, generate });
  if (warnings.length > 0) throw new Error(`${path}: ${warnings.map((w) => w.message).join("; ")}`);
  const { outputText } = ts.transpileModule(js.code, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  });
  // Only Svelte's own modules and this package; each loaded as the test's environment resolves it (client or server).
  const modules: Record<string, unknown> = {};
  for (const [, name] of outputText.matchAll(/require\("([^"]+)"\)/g)) {
    if (name === "@gradio-jobs/svelte") modules[name] = await import("../index.js");
    else if (name === "@gradio-jobs/core") modules[name] = await import("@gradio-jobs/core");
    else if (name?.startsWith("svelte/")) modules[name] = await import(/* @vite-ignore */ name);
  }
  const require = (name: string) => {
    if (modules[name] === undefined) throw new Error(`${path} imports ${name} at run time`);
    return modules[name];
  };
  const exports: { default?: Component<Props, Exports> } = {};
  new Function("require", "exports", outputText)(require, exports);
  if (!exports.default) throw new Error(`${path} has no default export`);
  return exports.default;
}
