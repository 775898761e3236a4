#!/usr/bin/env node
/**
 * The pack test (issue #16): what a user installs from npm, checked the way a user would use it.
 *
 *  1. `corepack pnpm pack` of @gradio-jobs/core, /react, /vue and /svelte (prepack builds; `workspace:` ranges rewritten;
 *     publishConfig.exports applied);
 *  2. each tarball's file list against scripts/check-packed.snapshot.json, no test code in it (no src/, *.test.*,
 *     testing/, reliability/, harness, scripted server, no import of vitest or the test server), and a package.json
 *     without `workspace:` ranges or the workspace-only `source` condition;
 *  3. a fresh Vite React + TS app, a Vite Vue + TS app and a Vite Svelte 5 + TS app in a temp dir outside the
 *     workspace, the tarballs installed with plain `npm` (one install per app, npm's cache reused between runs);
 *  4. each app type-checked with strict, exactOptionalPropertyTypes and skipLibCheck: false on TypeScript 6 and
 *     TypeScript 7 (vue-tsc on TS 6 for the .vue files, svelte-check on TS 6 for the .svelte files), then built with
 *     `vite build`;
 *  5. Node typings: a project with lib es2022 + @types/node and no DOM lib compiles against core's .d.ts (TS 6, 7);
 *  6. the typed-endpoint mistakes of packages/test-utils/src/typed-diagnostics.mjs, against the installed package:
 *     the first diagnostic names the real problem on TS 6 and TS 7.
 *
 *   node scripts/check-packed.mjs                     # everything; exit 1 when something fails
 *   node scripts/check-packed.mjs --update-snapshot   # rewrite the file-list snapshot from today's tarballs
 *   node scripts/check-packed.mjs --keep              # keep the temp dir (its path is printed)
 *
 * GRADIO_JOBS_NPM_CACHE sets npm's cache directory (default: <tmpdir>/gradio-jobs-npm-cache, kept between runs).
 * The apps' tool versions are pinned below (../shared/TOOLCHAIN.md); TypeScript 7 is the npm alias `typescript7`.
 */
import { spawn, spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { DIAGNOSTIC_CASES, runDiagnosticCases } from "../packages/test-utils/src/typed-diagnostics.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const argv = process.argv.slice(2);
const updateSnapshot = argv.includes("--update-snapshot");
const keep = argv.includes("--keep");
const snapshotPath = join(root, "scripts", "check-packed.snapshot.json");

/** What the apps install besides the tarballs: the versions ../shared/TOOLCHAIN.md found working here. */
const PINNED = {
  react: "19.3.1",
  "react-dom": "19.3.1",
  "@types/react": "19.3.0",
  "@types/react-dom": "19.3.0",
  "@vitejs/plugin-react": "6.3.0",
  vue: "3.5.45",
  "@vitejs/plugin-vue": "6.0.11",
  "vue-tsc": "3.3.14",
  svelte: "5.60.1",
  "@sveltejs/vite-plugin-svelte": "7.3.3",
  "svelte-check": "4.7.9",
  vite: "8.3.8",
  nanostores: "1.5.5",
  "@types/node": "20.19.43",
  typescript: "6.0.3",
  typescript7: "npm:typescript@7.0.2",
};
const pick = (...names) => Object.fromEntries(names.map((name) => [name, PINNED[name]]));

const PACKAGES = [
  { name: "@gradio-jobs/core", dir: "packages/core" },
  { name: "@gradio-jobs/react", dir: "packages/react" },
  { name: "@gradio-jobs/vue", dir: "packages/vue" },
  { name: "@gradio-jobs/svelte", dir: "packages/svelte" },
  { name: "@gradio-jobs/mock", dir: "packages/mock" },
];

/** Paths no tarball may contain: sources and everything test-only. */
const TEST_CODE = [
  /(^|\/)src\//,
  /\.test(-d)?\.[cm]?[jt]sx?$/,
  /(^|\/)testing\//,
  /(^|\/)reliability\//,
  /harness/,
  /scripted-server/,
  /\.tsbuildinfo$/,
];
/** Text no shipped file may contain: imports of test tools or the private test server. */
const TEST_IMPORTS = [/from\s*["']vitest["']/, /@gradio-jobs\/test-server/, /from\s*["']fast-check["']/];

const results = [];
const started = Date.now();
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function record(name, ok, ms, detail = "") {
  results.push({ name, ok, ms });
  console.log(`${ok ? "PASS" : "FAIL"}  ${name}${ms === null ? "" : ` (${seconds(ms)})`}`);
  if (!ok && detail) console.log(detail.trimEnd().replace(/^/gm, "      "));
}

/** Runs a command; resolves with its exit code and combined output (never rejects). */
function run(command, args, cwd, env = cleanEnv()) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    child.on("error", (error) => resolve({ code: -1, output: `${output}${error.message}` }));
    child.on("close", (code) => resolve({ code, output }));
  });
}

/** The environment without what pnpm/npm scripts add (npm_config_*, …): the apps are a user's, not the workspace's. */
function cleanEnv() {
  const env = { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" };
  for (const key of Object.keys(env)) if (/^(npm|pnpm)_/i.test(key)) delete env[key];
  return env;
}

/** A step: runs the command, records PASS/FAIL with its time and, on failure, the end of its output. */
async function check(name, command, args, cwd) {
  const t = Date.now();
  const { code, output } = await run(command, args, cwd);
  const ok = code === 0;
  record(
    name,
    ok,
    Date.now() - t,
    ok ? "" : `$ ${[command, ...args].join(" ")}  (in ${cwd})\n${tail(output)}`,
  );
  return ok;
}

const tail = (text, lines = 40) => text.trimEnd().split("\n").slice(-lines).join("\n");

const work = mkdtempSync(join(tmpdir(), "gradio-jobs-packed-"));
const npmCache = process.env.GRADIO_JOBS_NPM_CACHE ?? join(tmpdir(), "gradio-jobs-npm-cache");

/** `corepack pnpm pack` of the packages, one after the other; their tarballs, or null when one failed. */
async function packAll() {
  const destination = join(work, "tarballs");
  mkdirSync(destination);
  const t = Date.now();
  const packed = [];
  for (const pkg of PACKAGES) {
    const { code, output } = await run(
      "corepack",
      ["pnpm", "pack", "--pack-destination", destination],
      join(root, pkg.dir),
      { ...process.env, COREPACK_ENABLE_DOWNLOAD_PROMPT: "0" },
    );
    const { version } = JSON.parse(readFileSync(join(root, pkg.dir, "package.json"), "utf8"));
    const file = join(destination, `${pkg.name.slice(1).replace("/", "-")}-${version}.tgz`);
    packed.push({ ...pkg, version, file, ok: code === 0 && existsSync(file), output });
  }
  const bad = packed.filter((p) => !p.ok);
  record(
    "pack @gradio-jobs/core, /react, /vue, /svelte with corepack pnpm pack (prepack builds)",
    bad.length === 0,
    Date.now() - t,
    bad.map((p) => `${p.name}:\n${tail(p.output)}`).join("\n"),
  );
  return bad.length === 0 ? packed : null;
}

/** File lists against the snapshot, no test code, and a publishable package.json, per tarball. */
function checkTarballs(tarballs) {
  const snapshot = existsSync(snapshotPath) ? JSON.parse(readFileSync(snapshotPath, "utf8")) : {};
  const lists = {};
  for (const pkg of tarballs) {
    const dir = join(work, "unpacked", pkg.dir.split("/").pop());
    mkdirSync(dir, { recursive: true });
    const untar = spawnTar(["-xzf", pkg.file, "-C", dir]);
    const files = untar.ok ? listFiles(join(dir, "package")) : [];
    // Code-split chunks (`dist/upload-Bc7scVGT.js`, shared type chunks) come and go with core's lazy parts and carry a
    // content hash: they count as one entry each kind, `dist/*-[hash].js` and `dist/*-[hash].d.ts` (their names are
    // still checked for test code below). CHANGELOG.md appears with the first `changeset version`.
    const normalized = [
      ...new Set(
        files.map((f) => f.replace(/^dist\/(cdn\/)?[^/]+-[\w-]{8}\.(js|d\.ts)$/, "dist/$1*-[hash].$2")),
      ),
    ]
      .filter((f) => f !== "CHANGELOG.md")
      .sort();
    lists[pkg.name] = normalized;

    const testFiles = files.filter((f) => TEST_CODE.some((pattern) => pattern.test(f)));
    const testImports = files.filter((f) => {
      if (!/\.(m?js|d\.ts)$/.test(f)) return false;
      const text = readFileSync(join(dir, "package", f), "utf8");
      return TEST_IMPORTS.some((pattern) => pattern.test(text));
    });
    record(
      `${pkg.name}: no test code in the tarball`,
      untar.ok && testFiles.length === 0 && testImports.length === 0,
      null,
      untar.ok
        ? [
            ...testFiles.map((f) => `test file: ${f}`),
            ...testImports.map((f) => `imports test code: ${f}`),
          ].join("\n")
        : untar.output,
    );

    const manifest = untar.ok ? readFileSync(join(dir, "package", "package.json"), "utf8") : "{}";
    const problems = [];
    if (manifest.includes("workspace:")) problems.push("a dependency range still says workspace:");
    if (/"source"\s*:/.test(JSON.stringify(JSON.parse(manifest).exports ?? {})))
      problems.push(
        "exports still has the workspace-only `source` condition (publishConfig.exports not applied)",
      );
    for (const required of ["LICENSE", "README.md", "package.json"])
      if (!files.includes(required)) problems.push(`${required} is missing`);
    record(
      `${pkg.name}: package.json and files ready for npm`,
      problems.length === 0,
      null,
      problems.join("\n"),
    );

    if (!updateSnapshot) {
      const expected = snapshot[pkg.name] ?? [];
      const missing = expected.filter((f) => !normalized.includes(f));
      const extra = normalized.filter((f) => !expected.includes(f));
      record(
        `${pkg.name}: file list matches scripts/check-packed.snapshot.json`,
        missing.length === 0 && extra.length === 0,
        null,
        [
          ...missing.map((f) => `- ${f} (in the snapshot, not in the tarball)`),
          ...extra.map((f) => `+ ${f} (in the tarball, not in the snapshot)`),
          "If the change is intended: node scripts/check-packed.mjs --update-snapshot",
        ].join("\n"),
      );
    }
  }
  if (updateSnapshot) {
    writeFileSync(snapshotPath, `${JSON.stringify(lists, null, 2)}\n`);
    // In the repository's JSON style, so that `biome check .` stays green.
    spawnSync("corepack", ["pnpm", "exec", "biome", "format", "--write", snapshotPath], { cwd: root });
    console.log(`wrote ${relative(root, snapshotPath)}`);
  }
}

function spawnTar(args) {
  const result = spawnSync("tar", args, { encoding: "utf8" });
  return { ok: result.status === 0, output: `${result.stdout ?? ""}${result.stderr ?? ""}` };
}

function listFiles(dir, prefix = "") {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(join(dir, entry.name), path));
    else out.push(path);
  }
  return out;
}

/**
 * The apps, in parallel: install, type-check on TS 6 and TS 7, build; the React one also runs the Node-typings
 * project and the typed-endpoint diagnostics.
 */
async function checkApps(tarballs) {
  const tarball = Object.fromEntries(tarballs.map((p) => [p.name, `file:${p.file}`]));
  const reactApp = join(work, "react-app");
  const vueApp = join(work, "vue-app");
  writeReactApp(reactApp, tarball);
  writeVueApp(vueApp, tarball);
  const svelteApp = join(work, "svelte-app");
  writeSvelteApp(svelteApp, tarball);
  const mockProject = join(work, "mock-project");
  writeMockProject(mockProject, tarball);
  await Promise.all([reactLane(reactApp), vueLane(vueApp), svelteLane(svelteApp), mockLane(mockProject)]);
}

/**
 * @gradio-jobs/mock as a user's tests use it (issue #17): its two entries type-check on TypeScript 6 and 7 against
 * the installed .d.ts, and a Node script starts the installed mock, connects the installed core to it over HTTP and
 * gets a streamed result.
 */
function writeMockProject(dir, tarball) {
  write(dir, {
    "package.json": {
      name: "packed-mock-project",
      private: true,
      version: "0.0.0",
      type: "module",
      devDependencies: {
        "@gradio-jobs/core": tarball["@gradio-jobs/core"],
        "@gradio-jobs/mock": tarball["@gradio-jobs/mock"],
        ...pick("nanostores", "@types/node", "typescript", "typescript7"),
      },
    },
    "tsconfig.json": { compilerOptions: { ...APP_COMPILER_OPTIONS, types: ["node"] }, include: ["smoke.ts"] },
    "smoke.ts": `import { Client } from "@gradio-jobs/core";
import { defineApp, endpoint, number } from "@gradio-jobs/mock";
import { startMockServer } from "@gradio-jobs/mock/node";

const app = defineApp({
  endpoints: {
    "/count": endpoint({
      parameters: [number("n", { value: 3 })],
      outputs: [number("i")],
      fn: async function* (n, job) {
        for (let i = 0; i < n; i++) {
          await job.sleep(0.01);
          yield i;
        }
      },
    }),
  },
});
const server = await startMockServer(app);
const client = await Client.connect(server.url);
const seen: unknown[] = [];
for await (const [i] of client.submit("/count", [4])) seen.push(i);
client.close();
await server.close();
if (JSON.stringify(seen) !== "[0,1,2,3]") throw new Error(\`unexpected yields \${JSON.stringify(seen)}\`);
console.log("yields", seen.join(" "));
`,
  });
}

async function mockLane(dir) {
  if (!(await npmInstall("Mock project", dir))) return;
  const node = process.execPath;
  await check(
    "Mock project: tsc on TypeScript 6 (strict, skipLibCheck: false)",
    node,
    [tsc6(dir), "-p", "."],
    dir,
  );
  await check("Mock project: tsc on TypeScript 7", node, [tsc7(dir), "-p", "."], dir);
  await check(
    "Mock project: compile smoke.ts",
    node,
    [tsc6(dir), "-p", ".", "--noEmit", "false", "--outDir", "out"],
    dir,
  );
  await check(
    "Mock project: the installed mock serves the installed core over HTTP (node out/smoke.js)",
    node,
    [join(dir, "out", "smoke.js")],
    dir,
  );
}

function npmInstall(name, dir) {
  return check(
    `${name}: npm install (tarballs + pinned react/vue/vite/typescript 6 and 7)`,
    "npm",
    [
      "install",
      "--no-audit",
      "--no-fund",
      "--no-update-notifier",
      "--prefer-offline",
      "--loglevel=error",
      "--cache",
      npmCache,
    ],
    dir,
  );
}

const tsc6 = (dir) => join(dir, "node_modules", "typescript", "bin", "tsc");
const tsc7 = (dir) => join(dir, "node_modules", "typescript7", "bin", "tsc");

async function reactLane(dir) {
  if (!(await npmInstall("React app", dir))) return;
  const node = process.execPath;
  await check(
    "React app: tsc on TypeScript 6 (strict, exactOptionalPropertyTypes, skipLibCheck: false)",
    node,
    [tsc6(dir), "-p", "tsconfig.json"],
    dir,
  );
  await check("React app: tsc on TypeScript 7", node, [tsc7(dir), "-p", "tsconfig.json"], dir);
  await check(
    "Node typings (lib es2022 + @types/node, no DOM) on TypeScript 6",
    node,
    [tsc6(dir), "-p", "node-check/tsconfig.json"],
    dir,
  );
  await check("Node typings on TypeScript 7", node, [tsc7(dir), "-p", "node-check/tsconfig.json"], dir);
  for (const [version, tsc] of [
    ["TypeScript 6", tsc6(dir)],
    ["TypeScript 7", tsc7(dir)],
  ]) {
    const t = Date.now();
    const {
      results: cases,
      stray,
      output,
    } = runDiagnosticCases({
      tsc,
      dir,
      header: [
        'import type { Client } from "@gradio-jobs/core";',
        'import type { GradioApi } from "../src/gradio-api.js";',
        "declare const client: Client<GradioApi>;",
      ].join("\n"),
      compilerOptions: { ...APP_COMPILER_OPTIONS, types: [] },
    });
    const wrong = cases.filter((c) => !c.ok);
    record(
      `typed-endpoint mistakes (${DIAGNOSTIC_CASES.length}): first diagnostic names the problem on ${version}`,
      wrong.length === 0 && stray.length === 0,
      Date.now() - t,
      [
        ...wrong.map(
          (c) => `${c.name}\n  ${c.code}\n  expected ${c.expected}\n  got: ${c.first ?? "(no error)"}`,
        ),
        ...stray.map((s) => `outside the cases: ${s}`),
        wrong.length + stray.length > 0 ? tail(output, 20) : "",
      ].join("\n"),
    );
  }
  await check(
    "React app: vite build",
    node,
    [join(dir, "node_modules", "vite", "bin", "vite.js"), "build", "--logLevel", "warn"],
    dir,
  );
}

async function vueLane(dir) {
  if (!(await npmInstall("Vue app", dir))) return;
  const node = process.execPath;
  await check(
    "Vue app: vue-tsc on TypeScript 6 (.vue and .ts; strict, exactOptionalPropertyTypes, skipLibCheck: false)",
    node,
    [join(dir, "node_modules", "vue-tsc", "bin", "vue-tsc.js"), "-p", "tsconfig.json"],
    dir,
  );
  await check(
    "Vue app: tsc on TypeScript 7 (.ts files; TS 7 has no vue-tsc)",
    node,
    [tsc7(dir), "-p", "tsconfig.ts7.json"],
    dir,
  );
  await check(
    "Vue app: vite build",
    node,
    [join(dir, "node_modules", "vite", "bin", "vite.js"), "build", "--logLevel", "warn"],
    dir,
  );
}

async function svelteLane(dir) {
  if (!(await npmInstall("Svelte app", dir))) return;
  const node = process.execPath;
  await check(
    "Svelte app: svelte-check on TypeScript 6 (.svelte and .ts; strict, exactOptionalPropertyTypes, skipLibCheck: false)",
    node,
    [
      join(dir, "node_modules", "svelte-check", "bin", "svelte-check"),
      "--tsconfig",
      "./tsconfig.json",
      "--fail-on-warnings",
    ],
    dir,
  );
  await check(
    "Svelte app: tsc on TypeScript 7 (.ts files; svelte-check 4.7 takes TypeScript 5 and 6 only)",
    node,
    [tsc7(dir), "-p", "tsconfig.ts7.json"],
    dir,
  );
  await check(
    "Svelte app: vite build",
    node,
    [join(dir, "node_modules", "vite", "bin", "vite.js"), "build", "--logLevel", "warn"],
    dir,
  );
}

/** What the apps compile with: what `npm create vite` sets, plus the strictness the issue asks for. */
const APP_COMPILER_OPTIONS = {
  target: "ES2022",
  lib: ["ES2022", "DOM", "DOM.Iterable"],
  module: "ESNext",
  moduleResolution: "bundler",
  moduleDetection: "force",
  isolatedModules: true,
  verbatimModuleSyntax: true,
  noEmit: true,
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  skipLibCheck: false,
};

function write(dir, files) {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), typeof text === "string" ? text : `${JSON.stringify(text, null, 2)}\n`);
  }
}

const html = (entry) => `<!doctype html>
<html lang="en">
  <head><meta charset="UTF-8" /><title>gradio-jobs</title></head>
  <body><div id="app"></div><script type="module" src="${entry}"></script></body>
</html>
`;

/** A Vite React + TS app as `npm create vite -- --template react-ts` makes it, using the public API. */
function writeReactApp(dir, tarball) {
  write(dir, {
    "package.json": {
      name: "packed-react-app",
      private: true,
      version: "0.0.0",
      type: "module",
      dependencies: {
        "@gradio-jobs/core": tarball["@gradio-jobs/core"],
        "@gradio-jobs/react": tarball["@gradio-jobs/react"],
        ...pick("nanostores", "react", "react-dom"),
      },
      devDependencies: pick(
        "@types/node",
        "@types/react",
        "@types/react-dom",
        "@vitejs/plugin-react",
        "typescript",
        "typescript7",
        "vite",
      ),
    },
    "index.html": html("/src/main.tsx"),
    "vite.config.ts": `import react from "@vitejs/plugin-react";\nimport { defineConfig } from "vite";\n\nexport default defineConfig({ plugins: [react()] });\n`,
    "tsconfig.json": {
      compilerOptions: { ...APP_COMPILER_OPTIONS, jsx: "react-jsx", types: ["vite/client"] },
      include: ["src"],
    },
    // What `npx gradio-jobs types http://127.0.0.1:7860` writes for the test server's demo app.
    "src/gradio-api.d.ts": readFileSync(join(root, "packages/test-utils/src/demo-api.d.ts"), "utf8"),
    "src/main.tsx": `import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";

createRoot(document.getElementById("app")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
`,
    "src/errors.ts": ERRORS_TS,
    "src/App.tsx": `import { Client } from "@gradio-jobs/core";
import { useJob, useSubmit } from "@gradio-jobs/react";
import { useEffect, useState } from "react";
import { describeError } from "./errors";
import type { GradioApi } from "./gradio-api";

/** A job written in the render: one job per distinct arguments, typed from the description. */
function Sum({ client, a, b }: { client: Client<GradioApi>; a: number; b: number }) {
  const { stage, rank, eta, result, error } = useJob(client.submit("/predict", { a, op: "add", b }));
  const sum: number | undefined = result?.[0];
  if (error) return <p role="alert">{describeError(error)}</p>;
  return (
    <p>
      {stage === "queued" ? \`#\${(rank ?? 0) + 1} in the queue, about \${Math.round(eta ?? 0)} s\` : stage}: {sum}
    </p>
  );
}

/** Event-driven: a button submits, a generator streams, Stop cancels. */
function Counter({ client }: { client: Client<GradioApi> }) {
  const { submit, latest, active, progress, error, cancel } = useSubmit(client, "/count");
  const count: number | undefined = latest?.[0];
  return (
    <div>
      <button type="button" onClick={() => submit([10])}>Count</button>
      {active && <button type="button" onClick={cancel}>Stop</button>}
      <output>{count}</output>
      {progress?.map((unit, i) => <progress key={i} value={unit.index ?? 0} max={unit.length ?? 1} />)}
      {error && <p role="alert">{describeError(error)}</p>}
    </div>
  );
}

/** An untyped client: any endpoint, outputs typed by hand. */
function Untyped({ client }: { client: Client }) {
  const { latest } = useJob(client.submit<[string]>("/slow", ["hello"]));
  return <p>{latest?.[0].toUpperCase()}</p>;
}

export function App() {
  const [client, setClient] = useState<Client<GradioApi> | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    let stopped = false;
    let connected: Client<GradioApi> | null = null;
    Client.connect<GradioApi>("http://127.0.0.1:7860", { credentials: "omit" }).then(
      (c) => {
        if (stopped) return c.close();
        connected = c;
        setClient(c);
      },
      (error: unknown) => setFailure(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      stopped = true;
      connected?.close();
    };
  }, []);
  if (failure) return <p role="alert">{failure}</p>;
  if (!client) return <p>Connecting…</p>;
  return (
    <main>
      <Sum client={client} a={4} b={5} />
      <Counter client={client} />
      <Untyped client={client} />
    </main>
  );
}
`,
    // Node typings: no DOM lib, only what @types/node declares (fetch, Blob, AbortSignal, URL…).
    "node-check/tsconfig.json": {
      compilerOptions: {
        target: "ES2022",
        lib: ["ES2022"],
        module: "NodeNext",
        moduleResolution: "NodeNext",
        types: ["node"],
        strict: true,
        exactOptionalPropertyTypes: true,
        skipLibCheck: false,
        noEmit: true,
      },
      files: ["index.ts"],
    },
    "node-check/package.json": { type: "module" },
    "node-check/index.ts": `import { AppError, Client, ConnectionError } from "@gradio-jobs/core";

const client = await Client.connect(process.argv[2] ?? "http://127.0.0.1:7860", {
  credentials: "same-origin",
  headers: { "x-app": "node-check" },
});
const job = client.submit<[number]>("/predict", [1, "add", 2], { signal: AbortSignal.timeout(10_000) });
const stop = job.$status.subscribe(({ stage, rank }) => console.log(stage, rank));
try {
  const [sum] = await job.result();
  console.log(sum.toFixed(0));
  const [uploaded] = await client.upload([new Blob(["x"])]);
  console.log(uploaded?.path);
} catch (error) {
  if (error instanceof AppError) console.error(error.serverMessage);
  else if (error instanceof ConnectionError) console.error("offline:", error.message);
  else throw error;
} finally {
  stop();
  client.close();
}
`,
  });
}

/** A Vite Vue + TS app as `npm create vite -- --template vue-ts` makes it, using the public API. */
function writeVueApp(dir, tarball) {
  write(dir, {
    "package.json": {
      name: "packed-vue-app",
      private: true,
      version: "0.0.0",
      type: "module",
      dependencies: {
        "@gradio-jobs/core": tarball["@gradio-jobs/core"],
        "@gradio-jobs/vue": tarball["@gradio-jobs/vue"],
        ...pick("nanostores", "vue"),
      },
      devDependencies: pick("@vitejs/plugin-vue", "typescript", "typescript7", "vite", "vue-tsc"),
    },
    "index.html": html("/src/main.ts"),
    "vite.config.ts": `import vue from "@vitejs/plugin-vue";\nimport { defineConfig } from "vite";\n\nexport default defineConfig({ plugins: [vue()] });\n`,
    "tsconfig.json": {
      compilerOptions: { ...APP_COMPILER_OPTIONS, jsx: "preserve", types: ["vite/client"] },
      include: ["src/**/*.ts", "src/**/*.vue"],
      exclude: ["src/vue-shim.d.ts"],
    },
    // TypeScript 7 has no vue-tsc yet: it checks the .ts files, .vue imports typed by a shim.
    "tsconfig.ts7.json": {
      compilerOptions: { ...APP_COMPILER_OPTIONS, types: ["vite/client"] },
      include: ["src/**/*.ts"],
    },
    "src/vue-shim.d.ts": `declare module "*.vue" {\n  import type { DefineComponent } from "vue";\n  const component: DefineComponent;\n  export default component;\n}\n`,
    "src/gradio-api.d.ts": readFileSync(join(root, "packages/test-utils/src/demo-api.d.ts"), "utf8"),
    "src/errors.ts": ERRORS_TS,
    "src/main.ts": `import { createApp } from "vue";\nimport App from "./App.vue";\n\ncreateApp(App).mount("#app");\n`,
    "src/use-demo.ts": `import { Client } from "@gradio-jobs/core";
import { useJob, useSubmit } from "@gradio-jobs/vue";
import { computed, onScopeDispose, type Ref, shallowRef } from "vue";
import { describeError } from "./errors";
import type { GradioApi } from "./gradio-api";

/** The client as a ref: null while connecting. */
export function useClient(url: string): { client: Ref<Client<GradioApi> | null>; failure: Ref<string | null> } {
  const client = shallowRef<Client<GradioApi> | null>(null);
  const failure = shallowRef<string | null>(null);
  let stopped = false;
  Client.connect<GradioApi>(url).then(
    (c) => {
      if (stopped) c.close();
      else client.value = c;
    },
    (error: unknown) => {
      failure.value = error instanceof Error ? error.message : String(error);
    },
  );
  onScopeDispose(() => {
    stopped = true;
    client.value?.close();
  });
  return { client, failure };
}

/** A sum that follows its inputs: one job per distinct arguments, typed from the description. */
export function useSum(client: Ref<Client<GradioApi> | null>, a: Ref<number>, b: Ref<number>) {
  const { stage, result, error, rank } = useJob(() => client.value?.submit("/predict", [a.value, "add", b.value]));
  const sum = computed<number | undefined>(() => result.value?.[0]);
  const message = computed(() => (error.value ? describeError(error.value) : null));
  return { stage, sum, message, rank };
}

/** Event-driven: submit on click, stream a generator, cancel. */
export function useCounter(client: Ref<Client<GradioApi> | null>) {
  const { submit, latest, active, cancel, error } = useSubmit(client, "/count");
  const count = computed<number | undefined>(() => latest.value?.[0]);
  return { start: () => submit([10]), count, active, cancel, error };
}
`,
    "src/App.vue": `<script setup lang="ts">
import { ref } from "vue";
import { describeError } from "./errors";
import { useClient, useCounter, useSum } from "./use-demo";

const { client, failure } = useClient("http://127.0.0.1:7860");
const a = ref(4);
const b = ref(5);
const { stage, sum, message, rank } = useSum(client, a, b);
const { start, count, active, cancel, error } = useCounter(client);
</script>

<template>
  <p v-if="failure" role="alert">{{ failure }}</p>
  <main v-else>
    <input v-model.number="a" type="number" /> + <input v-model.number="b" type="number" />
    <p>{{ stage }} {{ rank ?? "" }}: {{ sum?.toFixed(0) }}</p>
    <p v-if="message" role="alert">{{ message }}</p>
    <button type="button" @click="start">Count</button>
    <button v-if="active" type="button" @click="cancel">Stop</button>
    <output>{{ count }}</output>
    <p v-if="error" role="alert">{{ describeError(error) }}</p>
  </main>
</template>
`,
  });
}

/** A Vite Svelte 5 + TS app as `npm create vite -- --template svelte-ts` makes it, using the public API with runes. */
function writeSvelteApp(dir, tarball) {
  write(dir, {
    "package.json": {
      name: "packed-svelte-app",
      private: true,
      version: "0.0.0",
      type: "module",
      dependencies: {
        "@gradio-jobs/core": tarball["@gradio-jobs/core"],
        "@gradio-jobs/svelte": tarball["@gradio-jobs/svelte"],
        ...pick("nanostores", "svelte"),
      },
      devDependencies: pick(
        "@sveltejs/vite-plugin-svelte",
        "svelte-check",
        "typescript",
        "typescript7",
        "vite",
      ),
    },
    "index.html": html("/src/main.ts"),
    "vite.config.ts": `import { svelte } from "@sveltejs/vite-plugin-svelte";\nimport { defineConfig } from "vite";\n\nexport default defineConfig({ plugins: [svelte()] });\n`,
    "tsconfig.json": {
      compilerOptions: { ...APP_COMPILER_OPTIONS, types: ["vite/client"] },
      include: ["src/**/*.ts", "src/**/*.svelte"],
    },
    // TypeScript 7 has no svelte-check: it checks the .ts files (Svelte's types declare `*.svelte` modules).
    "tsconfig.ts7.json": {
      compilerOptions: { ...APP_COMPILER_OPTIONS, types: ["vite/client"] },
      include: ["src/**/*.ts"],
    },
    "src/gradio-api.d.ts": readFileSync(join(root, "packages/test-utils/src/demo-api.d.ts"), "utf8"),
    "src/errors.ts": ERRORS_TS,
    "src/main.ts": `import { mount } from "svelte";\nimport App from "./App.svelte";\n\nmount(App, { target: document.getElementById("app")! });\n`,
    "src/counter.ts": `import type { Client } from "@gradio-jobs/core";
import { useSubmit } from "@gradio-jobs/svelte";
import { fromStore } from "svelte/store";
import type { GradioApi } from "./gradio-api";

/** A counter outside components: the store read as \`.current\` (reactive in runes code), typed from the endpoint. */
export function counter(client: () => Client<GradioApi> | null) {
  const store = useSubmit(client, "/count");
  const state = fromStore(store);
  return {
    start: () => store.submit([10]),
    get count(): number | undefined {
      return state.current.latest?.[0];
    },
    get active(): boolean {
      return state.current.active;
    },
    stop: () => state.current.cancel(),
  };
}
`,
    "src/App.svelte": `<script lang="ts">
  import { Client } from "@gradio-jobs/core";
  import { useJob, useSubmit } from "@gradio-jobs/svelte";
  import { onMount } from "svelte";
  import { counter } from "./counter";
  import { describeError } from "./errors";
  import type { GradioApi } from "./gradio-api";

  let client = $state.raw<Client<GradioApi> | null>(null);
  let failure = $state<string | null>(null);
  let a = $state(4);
  let b = $state(5);
  onMount(() => {
    let stopped = false;
    Client.connect<GradioApi>("http://127.0.0.1:7860").then(
      (connected) => {
        if (stopped) connected.close();
        else client = connected;
      },
      (error: unknown) => {
        failure = error instanceof Error ? error.message : String(error);
      },
    );
    return () => {
      stopped = true;
      client?.close();
    };
  });

  // One job per distinct (a, b), typed from the description; the previous one is cancelled.
  const sum = useJob(() => client?.submit("/predict", [a, "add", b]));
  const total: number | undefined = $derived($sum.result?.[0]);
  const count = useSubmit(() => client, "/count");
  const last: number | undefined = $derived($count.latest?.[0]);
  const shared = counter(() => client);
</script>

{#if failure}
  <p role="alert">{failure}</p>
{:else}
  <main>
    <input type="number" bind:value={a} /> + <input type="number" bind:value={b} />
    <p>{$sum.stage} {$sum.rank ?? ""}: {total?.toFixed(0)}</p>
    {#if $sum.error}<p role="alert">{describeError($sum.error)}</p>{/if}
    <button type="button" onclick={() => count.submit([10])}>Count</button>
    {#if $count.active}<button type="button" onclick={$count.cancel}>Stop</button>{/if}
    <output>{last}</output>
    <button type="button" onclick={shared.start}>Count (module)</button>
    <output>{shared.count}</output>
  </main>
{/if}
`,
  });
}

/** The typed errors, as a user branches on them. */
const ERRORS_TS = `import {
  AppError,
  CancelledError,
  ConnectionError,
  type GradioJobsError,
  QueueFullError,
  TimeoutError,
} from "@gradio-jobs/core";

/** What a user should read when a job ends without a result. */
export function describeError(error: GradioJobsError): string {
  if (error instanceof CancelledError) return "Stopped.";
  if (error instanceof QueueFullError) return "The queue is full; try again in a moment.";
  if (error instanceof TimeoutError) return "The app took too long.";
  if (error instanceof ConnectionError) return "Cannot reach the app.";
  if (error instanceof AppError) return error.serverMessage ?? error.title ?? "The app failed.";
  return \`\${error.code}: \${error.message}\`;
}
`;

async function main() {
  if (relative(root, work).split(/[\\/]/)[0] !== "..") throw new Error(`${work} is inside the workspace`);
  console.log(`pack test in ${work} (npm cache ${npmCache})`);

  try {
    const tarballs = await packAll();
    if (tarballs) {
      checkTarballs(tarballs);
      if (!updateSnapshot) await checkApps(tarballs);
    }
  } finally {
    if (!keep) rmSync(work, { recursive: true, force: true });
  }

  const failed = results.filter((r) => !r.ok);
  console.log(
    `\n${results.length - failed.length} passed, ${failed.length} failed in ${seconds(Date.now() - started)}`,
  );
  if (keep) console.log(`kept: ${work}`);
  process.exit(failed.length > 0 ? 1 : 0);
}

await main();
