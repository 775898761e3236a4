#!/usr/bin/env node
/**
 * Where the bytes of `import { Client } from "@gradio-jobs/core"` go, and what would cut them (issue #7, benchmark 1).
 *
 *   node bench/size-profile.mjs            # per-module table + measured savings of each experiment
 *   node bench/size-profile.mjs --json     # the same as JSON
 *
 * The bundle is built from core's `src/` (export condition `source`) with the benchmark's esbuild settings, so the
 * metafile attributes every byte to a module. Each experiment rebuilds it with one change applied on the fly (an
 * esbuild plugin that rewrites or stubs modules; nothing in packages/ is touched) and reports the gzip saving.
 * Only what `import { Client }` loads at start is measured: the parts core loads with `import()` on first use (Space
 * ids, login, uploads, queue=False calls, the Gradio 4.0–4.8 protocol; moved out after this profile found them) are
 * external. Experiments that stub a feature measure what moving it out would save; they do not keep it working.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { bundle, externalDynamicImports, repoDir } from "./lib/size.mjs";

const benchDir = dirname(fileURLToPath(import.meta.url));
const coreSrc = join(repoDir, "packages/core/src");
const require = createRequire(join(repoDir, "package.json"));
const ts = require("typescript");
const ENTRY = 'export { Client } from "@gradio-jobs/core";';
const fromSource = { conditions: ["source"] };
/** Parts core loads with `import()` on first use (Space ids, login, uploads, queue=False, Gradio 4.0–4.8) are left out. */
const atStart = [externalDynamicImports];

const shortName = (path) =>
  path
    .replace(/^.*node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, "")
    .replace(`${relative(benchDir, coreSrc)}/`, "core/src/")
    .replace(/^.*packages\/core\/src\//, "core/src/");

// ---------- source rewriting helpers (TypeScript AST) ----------

function transformSource(path, visitorFactory) {
  const text = readFileSync(path, "utf8");
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const result = ts.transform(source, [(context) => (root) => ts.visitNode(root, visitorFactory(context))]);
  return ts.createPrinter().printFile(result.transformed[0]);
}

/** esbuild plugin: for core src files matching `filter`, use `rewrite(path)` as the contents. */
function rewritePlugin(name, filter, rewrite) {
  return {
    name,
    setup(build) {
      build.onLoad({ filter }, (args) => {
        if (!args.path.startsWith(coreSrc)) return undefined;
        const contents = rewrite(args.path);
        return contents === undefined ? undefined : { contents, loader: "ts" };
      });
    },
  };
}

const isStringish = (node) =>
  ts.isStringLiteral(node) ||
  ts.isNoSubstitutionTemplateLiteral(node) ||
  ts.isTemplateExpression(node) ||
  (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken);

/** Every string argument of `new SomethingError(...)` and `super("CODE", message)` in error classes → "". */
const shortMessages = rewritePlugin("short-messages", /\.ts$/, (path) =>
  transformSource(path, (context) => {
    const visit = (node) => {
      if (
        ts.isNewExpression(node) &&
        ts.isIdentifier(node.expression) &&
        /Error$|^DiffMismatch$/.test(node.expression.text) &&
        node.arguments
      ) {
        const args = node.arguments.map((a) =>
          isStringish(a) ? ts.factory.createStringLiteral("") : ts.visitNode(a, visit),
        );
        return ts.factory.updateNewExpression(node, node.expression, node.typeArguments, args);
      }
      if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.SuperKeyword) {
        const args = node.arguments.map((a, i) =>
          i === 1 && (isStringish(a) || ts.isConditionalExpression(a))
            ? ts.factory.createStringLiteral("")
            : a,
        );
        return ts.factory.updateCallExpression(node, node.expression, node.typeArguments, args);
      }
      // `bad("…")` helpers and `reason ?? "…"` defaults in error paths.
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "bad") {
        return ts.factory.updateCallExpression(node, node.expression, undefined, [
          ts.factory.createStringLiteral(""),
        ]);
      }
      return ts.visitEachChild(node, visit, context);
    };
    return visit;
  }),
);

/** decodeMessage without shape checks: JSON.parse and field renames only. */
const leanDecode = rewritePlugin("lean-decode", /messages\.ts$/, (path) => {
  if (path !== join(coreSrc, "protocol/messages.ts")) return undefined;
  const text = readFileSync(path, "utf8");
  const start = text.indexOf("export function decodeMessage");
  const end = text.indexOf("/** Whether a value is a plain JSON object");
  if (start < 0 || end < 0) return undefined;
  const lean = `export function decodeMessage(text: string): ServerMessage {
  const m = JSON.parse(text);
  return { ...m, eventId: m.event_id ?? null, queueSize: m.queue_size, eta: m.rank_eta ?? m.eta ?? null,
    progress: m.progress_data, log: m.msg === "log" ? { message: m.log, level: m.level ?? "info", title: m.title ?? null,
    duration: m.duration ?? null, visible: m.visible !== false } : undefined, title: m.title ?? null,
    sessionNotFound: !!m.session_not_found } as ServerMessage;
}
`;
  return text.slice(0, start) + lean + text.slice(end);
});

/** nanostores replaced by a ~15-line atom with onMount (the Job API would no longer be nanostores-compatible). */
const tinyStores = {
  name: "tiny-stores",
  setup(build) {
    build.onResolve({ filter: /^nanostores$/ }, () => ({ path: "tiny-stores", namespace: "tiny" }));
    build.onLoad({ filter: /.*/, namespace: "tiny" }, () => ({
      loader: "js",
      contents: `export const atom = (value) => {
        const listeners = new Set(); let mount = null; let unmount = null;
        const store = {
          get: () => value,
          set(next) { if (next !== value) { value = next; for (const l of [...listeners]) l(value); } },
          listen(l) { if (!listeners.size && mount) unmount = mount(); listeners.add(l);
            return () => { listeners.delete(l); if (!listeners.size && unmount) { unmount(); unmount = null; } }; },
          subscribe(l) { const off = store.listen(l); l(value); return off; },
          m(f) { mount = f; },
        };
        return store;
      };
      export const onMount = (store, f) => store.m(f);`,
    }));
  },
};

const EXPERIMENTS = [
  {
    name: "Error/diagnostic messages → short strings (stable `code` kept; full text in a dev build or docs)",
    plugins: [shortMessages],
  },
  {
    name: "Lean stream-message decoding (field renames only, no shape validation)",
    plugins: [leanDecode],
  },
  {
    name: "nanostores → a ~15-line internal atom (breaks nanostores compatibility of `$status`)",
    plugins: [tinyStores],
  },
  {
    name: "dist/ vs the same code from src/ (≈ 0 when dist/ keeps tree-shaking intact)",
    dist: true,
  },
];

// ---------- run ----------

const base = await bundle(ENTRY, { ...fromSource, plugins: atStart });
const dist = await bundle(ENTRY, { plugins: atStart });
const output = Object.values(base.metafile.outputs)[0];
const modules = Object.entries(output.inputs)
  .map(([path, info]) => ({ module: shortName(path), bytes: info.bytesInOutput }))
  .filter((m) => m.bytes > 0)
  .sort((a, b) => b.bytes - a.bytes);
const gzPerByte = base.gzip / base.min;

const experiments = [];
for (const experiment of EXPERIMENTS) {
  if (experiment.dist) {
    experiments.push({ name: experiment.name, min: dist.min - base.min, gzip: dist.gzip - base.gzip });
    continue;
  }
  const variant = await bundle(ENTRY, {
    ...fromSource,
    plugins: [...(experiment.plugins ?? []), ...atStart],
    ...(experiment.extra?.() ?? {}),
  });
  experiments.push({ name: experiment.name, min: base.min - variant.min, gzip: base.gzip - variant.gzip });
}
// The message rewrite is a transform of every file, so it runs last (stubs replace whole files first).
const stubs = EXPERIMENTS.filter((e) => e.plugins && !e.plugins.includes(shortMessages)).flatMap(
  (e) => e.plugins,
);
const everything = await bundle(ENTRY, {
  ...fromSource,
  plugins: [...stubs, shortMessages, ...atStart],
});

if (process.argv.includes("--json")) {
  console.log(
    JSON.stringify(
      {
        base: { min: base.min, gzip: base.gzip },
        dist: { min: dist.min, gzip: dist.gzip },
        modules,
        experiments,
        combined: { min: everything.min, gzip: everything.gzip },
      },
      null,
      2,
    ),
  );
} else {
  const int = (n) => Math.round(n).toLocaleString("en-US");
  console.log(
    `import { Client } from core src/: ${int(base.min)} B min, ${int(base.gzip)} B gz (from dist/: ${int(dist.min)} B min, ${int(dist.gzip)} B gz)\n`,
  );
  console.log("| module | min bytes | share | ≈ gz bytes (pro rata) |");
  console.log("|---|---:|---:|---:|");
  for (const m of modules) {
    console.log(
      `| ${m.module} | ${int(m.bytes)} | ${((m.bytes / base.min) * 100).toFixed(1)}% | ${int(m.bytes * gzPerByte)} |`,
    );
  }
  console.log("\n| experiment (one change each, measured) | min saved | gz saved |");
  console.log("|---|---:|---:|");
  for (const e of [...experiments].sort((a, b) => b.gzip - a.gzip)) {
    console.log(`| ${e.name} | ${int(e.min)} B | ${int(e.gzip)} B |`);
  }
  const rest = Object.entries(Object.values(everything.metafile.outputs)[0].inputs)
    .map(([path, info]) => ({ module: shortName(path), bytes: info.bytesInOutput }))
    .filter((m) => m.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes);
  const restGzPerByte = everything.gzip / everything.min;
  console.log("\nWhat remains with every experiment applied (pro rata gz):");
  console.log(
    rest
      .slice(0, 12)
      .map((m) => `${m.module} ${int(m.bytes * restGzPerByte)}`)
      .join(" · "),
  );
  console.log(
    `\nAll source experiments together: ${int(everything.min)} B min, ${int(everything.gzip)} B gz ` +
      `(saves ${int(base.gzip - everything.gzip)} B gz from src/, ${int(dist.gzip - everything.gzip)} B from today's dist/); target 5,500 B.`,
  );
}
