/**
 * Docs that run (issue #16): every TypeScript block of the READMEs type-checks with the repository's compiler options
 * against the workspace packages (their `src/`, as the tests use them).
 *
 * - ```ts and ```tsx blocks are checked as they are. A block that uses names from the surrounding prose (a `client`
 *   made earlier, a `render` of your own) says so right before it in the README, in a comment the rendered page
 *   hides: `<!-- type-check preamble: declare const client: Client; -->`; the preamble is prepended to the block.
 * - ```vue blocks: their `<script setup lang="ts">` part is checked (with `defineProps` declared as Vue's compiler
 *   macro and `*.vue` imports as components); the template is not.
 * - A line ending in `// ✗ …` shows a mistake the compiler reports: it must fail to compile (checked with
 *   `@ts-expect-error`).
 * - A block is skipped only with `<!-- not checked: reason -->` right before it; the test lists them.
 * - A block whose text must equal an example file (one that a test runs) says `<!-- same as: path -->` (relative to
 *   the README).
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { typeCheck } from "./type-check.js";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const packages = resolve(repoRoot, "packages");

/** Each README with the folder its blocks are checked in (where their imports resolve, as a user's app would). */
const readmes: Record<string, string> = {
  "README.md": "packages/react/src",
  "packages/core/README.md": "packages/react/src",
  "packages/react/README.md": "packages/react/src",
  "packages/vue/README.md": "packages/vue/src",
  "packages/svelte/README.md": "packages/svelte/src",
  "packages/mock/README.md": "packages/mock/examples",
};

const compilerOptions: ts.CompilerOptions = {
  jsx: ts.JsxEmit.ReactJSX,
  // The adapters resolve to their source as `@gradio-jobs/core` does through the `source` condition.
  paths: {
    "@gradio-jobs/react": [resolve(packages, "react/src/index.ts")],
    "@gradio-jobs/vue": [resolve(packages, "vue/src/index.ts")],
    "@gradio-jobs/svelte": [resolve(packages, "svelte/src/index.ts")],
    "@gradio-jobs/mock": [resolve(packages, "mock/src/index.ts")],
    "@gradio-jobs/mock/node": [resolve(packages, "mock/src/node/index.ts")],
  },
};

interface Block {
  readme: string;
  /** 1-based line of the opening fence. */
  line: number;
  lang: string;
  text: string;
  /** The HTML comments right before the fence (`type-check preamble:`, `not checked:`, `same as:`). */
  notes: Record<string, string>;
}

function blocks(readme: string): Block[] {
  const lines = readFileSync(resolve(repoRoot, readme), "utf8").split("\n");
  const found: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i] ?? "");
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== "```"; i++) body.push(lines[i] ?? "");
    const notes: Record<string, string> = {};
    for (let j = start - 1; j >= 0; j--) {
      const note = /^<!-- ([\w -]+): ([\s\S]*) -->$/.exec(lines[j] ?? "");
      if (!note) break;
      notes[note[1] ?? ""] = note[2] ?? "";
    }
    found.push({ readme, line: start + 1, lang: open[1] ?? "", text: `${body.join("\n")}\n`, notes });
  }
  return found;
}

/** The TypeScript of a block, or null for blocks in other languages. */
function source(block: Block): { name: string; text: string } | null {
  let text: string;
  if (block.lang === "ts" || block.lang === "tsx") text = block.text;
  else if (block.lang === "vue") {
    const script = /<script setup lang="ts">\n([\s\S]*?)<\/script>/.exec(block.text);
    if (!script) return null;
    text = `${script[1]}\ndeclare function defineProps<T>(): Readonly<T>;\n`;
  } else return null;
  text = text.replace(/^(\s*)(.*\/\/ ✗.*)$/gm, "$1// @ts-expect-error\n$1$2");
  const preamble = block.notes["type-check preamble"];
  return {
    name: `readme-${block.readme.replaceAll("/", "-")}-${block.line}.${block.lang === "tsx" ? "tsx" : "ts"}`,
    text: `${preamble ? `${preamble}\n` : ""}${text}\nexport {};\n`,
  };
}

const all = Object.keys(readmes).flatMap(blocks);
const typescript = all.filter((block) => source(block) !== null);
const optedOut = typescript.filter((block) => block.notes["not checked"] !== undefined);
const checked = typescript.filter((block) => block.notes["not checked"] === undefined);

/** Files the blocks import by a relative path: the generated API of the core README, SFCs of the Vue README. */
function companions(readme: string, dir: string): Record<string, string> {
  const files: Record<string, string> = dir.endsWith("vue/src") ? { "vue-shims.d.ts": vueShim } : {};
  const generated = blocks(readme).find((block) =>
    block.text.startsWith("// Generated by `gradio-jobs types`"),
  );
  if (generated) files["gradio-api.ts"] = generated.text;
  return files;
}

const vueShim = `declare module "*.vue" {
  import type { DefineComponent } from "vue";
  const component: DefineComponent;
  export default component;
}
`;

describe("README TypeScript blocks", () => {
  it("are all found, and every opt-out gives its reason", () => {
    expect(checked.length).toBeGreaterThanOrEqual(10);
    for (const block of optedOut)
      expect(block.notes["not checked"]?.length, `${block.readme}:${block.line}`).toBeGreaterThan(8);
    // The list of blocks not checked, with why: keep it short.
    expect(
      optedOut.map((block) => `${block.readme}:${block.line}: ${block.notes["not checked"]}`),
    ).toMatchSnapshot();
  });

  it.each(checked.map((block) => [`${block.readme}:${block.line} (${block.lang})`, block] as const))(
    "%s type-checks",
    (_, block) => {
      const dir = resolve(repoRoot, readmes[block.readme] ?? "");
      const file = source(block);
      if (!file) throw new Error("not TypeScript");
      const diagnostics = typeCheck({ ...companions(block.readme, dir), [file.name]: file.text }, dir, {
        compilerOptions,
      });
      expect(diagnostics.filter((line) => line.startsWith(file.name))).toEqual([]);
    },
  );

  it.each(
    all
      .filter((block) => block.notes["same as"] !== undefined)
      .map((block) => [`${block.readme}:${block.line}`, block] as const),
  )("%s is its example file verbatim", (_, block) => {
    const path = resolve(repoRoot, dirname(block.readme), block.notes["same as"] ?? "");
    expect(block.text).toBe(readFileSync(path, "utf8"));
  });
});
