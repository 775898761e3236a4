/**
 * The `@gradio-jobs/core/node` entry as built: it works in Node, and nothing a browser loads reaches it. Every
 * module reachable from dist/index.js (static imports and `import()` of its parts), and from the IIFE's engine, is
 * read and must not import a `node:` built-in.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { useTestServer } from "@gradio-jobs/test-utils/server";
import { describe, expect, it } from "vitest";

const dist = (name: string) => fileURLToPath(new URL(`../dist/${name}`, import.meta.url));
const server = useTestServer();

function requireBuilt(name: string): string {
  const path = dist(name);
  if (!existsSync(path)) {
    throw new Error(
      `${path} is missing: build first with \`corepack pnpm --filter @gradio-jobs/core build\`.`,
    );
  }
  return path;
}

/** Every file reachable from `entry` through relative static imports and `import()`, and what else they import. */
function reachable(entry: string): { files: string[]; external: Set<string> } {
  const files: string[] = [];
  const external = new Set<string>();
  const visit = (file: string) => {
    if (files.includes(file)) return;
    files.push(file);
    const code = readFileSync(file, "utf8");
    // Static imports start a line in the built code (JSDoc examples inside comments do not); `import()` may be
    // anywhere, and one written in a comment names no file that exists.
    const specifiers = [
      ...code.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s*["']([^"']+)["']/gm),
      ...code.matchAll(/^import\s*["']([^"']+)["']/gm),
      ...code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
    ].map((match) => match[1] as string);
    for (const specifier of specifiers) {
      const target = resolve(dirname(file), specifier);
      if (!specifier.startsWith(".")) external.add(specifier);
      else if (existsSync(target)) visit(target);
    }
  };
  visit(entry);
  return { files, external };
}

describe("@gradio-jobs/core/node, built", () => {
  it("is out of everything a browser loads: no node: import from index.js, its parts or the IIFE's engine", () => {
    const browser = reachable(requireBuilt("index.js"));
    expect(browser.files.some((file) => /[\\/]upload-[\w-]+\.js$/.test(file))).toBe(true);
    expect(browser.files.some((file) => /[\\/]download-[\w-]+\.js$/.test(file))).toBe(true);
    expect(browser.files.some((file) => file.endsWith("node.js"))).toBe(false);
    expect([...browser.external].filter((specifier) => specifier.startsWith("node:"))).toEqual([]);
    const engine = reachable(requireBuilt("cdn/engine.js"));
    expect([...engine.external].filter((specifier) => specifier.startsWith("node:"))).toEqual([]);
    // The node entry is where they are.
    expect([...reachable(requireBuilt("node.js")).external]).toContain("node:fs");
  });

  it("uploads a file by path from dist/, and names a missing one with its own LocalFileError", async () => {
    const core = (await import(/* @vite-ignore */ requireBuilt("index.js"))) as typeof import("./index.js");
    const node = (await import(/* @vite-ignore */ requireBuilt("node.js"))) as typeof import("./node.js");
    const folder = mkdtempSync(join(tmpdir(), "gradio-jobs-node-dist-"));
    try {
      writeFileSync(join(folder, "dist.txt"), "built");
      const client = await core.Client.connect(server().url);
      const [output] = await client.predict("/flip_file", [await node.handleFile(join(folder, "dist.txt"))]);
      expect(await (await client.download(output as import("./index.js").FileData)).text()).toBe("tliub");
      const missing = await node.handleFile(join(folder, "nope.txt")).catch((e: unknown) => e);
      expect(missing).toBeInstanceOf(node.LocalFileError);
      expect(missing).toBeInstanceOf(core.GradioJobsError);
      client.close();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
