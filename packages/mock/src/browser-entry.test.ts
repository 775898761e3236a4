/**
 * The browser entry (`@gradio-jobs/mock`, what MSW and service workers load) reaches nothing Node-only: no module it
 * imports, directly or not, imports a `node:` builtin or the `./node/` folder (the HTTP server and CLI).
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const src = dirname(fileURLToPath(import.meta.url));

function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/^(?:import|export)[^;]*?from\s+"([^"]+)"/gms)].map((match) => match[1] as string);
}

it("src/index.ts and everything it imports stay free of node: builtins and ./node/", () => {
  const seen = new Set<string>();
  const offending: string[] = [];
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of importsOf(file)) {
      if (specifier.startsWith("node:") || /(^|\/)node\//.test(specifier))
        offending.push(`${file}: ${specifier}`);
      if (specifier.startsWith(".")) visit(resolve(dirname(file), specifier.replace(/\.js$/, ".ts")));
    }
  };
  visit(resolve(src, "index.ts"));
  expect(seen.size).toBeGreaterThan(5);
  expect(offending).toEqual([]);
});
