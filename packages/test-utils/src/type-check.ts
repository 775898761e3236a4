/**
 * Test helper: type-checks source text that exists only in memory (generated `.d.ts` files and code using them) with
 * the TypeScript compiler API and the repository's compiler options (tsconfig.base.json), as if the files sat in
 * `dir` (so `@gradio-jobs/core` resolves as it does for the code there).
 */
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/**
 * Diagnostics (`file(line,col): message`) of type-checking `files` (name → text) placed in `dir`; `[]` when they
 * compile. Only the given files are reported; the rest of the program is their dependencies. `built: true` drops the
 * `source` export condition, so workspace packages resolve to their built `dist/*.d.ts`, as installed ones do.
 * `compilerOptions` are laid over the repository's (e.g. `jsx` for README examples).
 */
export function typeCheck(
  files: Readonly<Record<string, string>>,
  dir: string,
  { built = false, compilerOptions = {} }: { built?: boolean; compilerOptions?: ts.CompilerOptions } = {},
): string[] {
  const base = ts.readConfigFile(join(repoRoot, "tsconfig.base.json"), ts.sys.readFile);
  const { options } = ts.convertCompilerOptionsFromJson(base.config.compilerOptions, repoRoot);
  options.noEmit = true;
  if (built) options.customConditions = [];
  Object.assign(options, compilerOptions);
  const virtual = new Map(Object.entries(files).map(([name, text]) => [resolve(dir, name), text]));
  const host = ts.createCompilerHost(options);
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (path) => virtual.has(resolve(path)) || fileExists.call(host, path);
  host.readFile = (path) => virtual.get(resolve(path)) ?? readFile.call(host, path);
  host.getSourceFile = (path, language, ...rest) => {
    const text = virtual.get(resolve(path));
    if (text !== undefined) return ts.createSourceFile(path, text, language, true);
    return getSourceFile.call(host, path, language, ...rest);
  };
  const program = ts.createProgram([...virtual.keys()], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((diagnostic) => diagnostic.file === undefined || virtual.has(resolve(diagnostic.file.fileName)))
    .map((diagnostic) => {
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
      if (!diagnostic.file || diagnostic.start === undefined) return message;
      const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
      return `${relative(dir, diagnostic.file.fileName)}(${line + 1},${character + 1}): ${message}`;
    });
}
