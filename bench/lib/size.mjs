/**
 * Benchmark 1: bundle sizes. Every bundle is made by esbuild with the same settings (browser, ESM, minified,
 * tree-shaken) from the packages as published (`dist/`, the official client through its `browser` export), then
 * gzipped at level 9 like size-limit's `gzip: true`; brotli (quality 11) is shown for reference.
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { build } from "esbuild";
import { snapshotDir, snapshotPlugin } from "./snapshot.mjs";

const benchDir = join(dirname(fileURLToPath(import.meta.url)), "..");
export const repoDir = join(benchDir, "..");

/** The settings both clients are bundled with. */
export const BUNDLE_SETTINGS = {
  bundle: true,
  minify: true,
  treeShaking: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  legalComments: "none",
  write: false,
  metafile: true,
  logLevel: "silent",
};

import {
  externalDynamicImports,
  externalDynamicImportsExcept,
} from "../../scripts/lib/external-dynamic-imports.mjs";

export { externalDynamicImports };

/** Packages an adapter is measured without: its peers, which the app has anyway. */
const ADAPTER_PEERS = ["@gradio-jobs/core", "nanostores", "@nanostores/*", "react", "react-dom", "vue"];

export function gzipSize(bytes) {
  return gzipSync(bytes, { level: 9 }).length;
}

export function brotliSize(bytes) {
  return brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
}

/**
 * Bundles `contents` (an ES module importing packages) and returns its sizes and esbuild's metafile. `snapshot`:
 * resolve `@gradio-jobs/*` to the run's snapshot of dist/ (see snapshot.mjs) instead of the live packages.
 */
export async function bundle(contents, { snapshot = false, plugins = [], ...extra } = {}) {
  const result = await build({
    ...BUNDLE_SETTINGS,
    stdin: { contents, resolveDir: benchDir, loader: "js", sourcefile: "entry.js" },
    ...extra,
    plugins: [...plugins, ...(snapshot ? [snapshotPlugin] : [])],
  });
  const code = result.outputFiles[0].contents;
  return {
    code,
    min: code.length,
    gzip: gzipSize(code),
    brotli: brotliSize(code),
    metafile: result.metafile,
  };
}

function fileSizes(path) {
  const code = readFileSync(path);
  return { min: code.length, gzip: gzipSize(code), brotli: brotliSize(code) };
}

function versionOf(name) {
  const require = createRequire(join(benchDir, "package.json"));
  if (name.startsWith("@gradio-jobs/")) {
    return JSON.parse(readFileSync(join(snapshotDir, name.split("/")[1], "package.json"), "utf8")).version;
  }
  return JSON.parse(readFileSync(require.resolve(`${name}/package.json`), "utf8")).version;
}

/** Every size row of the report: `{ name, ours, official, target }` (sizes in bytes; `official` may be null). */
export async function measureSizes() {
  const ours = { snapshot: true };
  const atStart = { plugins: [externalDynamicImports] };
  const oursClient = await bundle('export { Client } from "@gradio-jobs/core";', { ...ours, ...atStart });
  const officialClient = await bundle('export { Client } from "@gradio/client";', atStart);
  const oursConnected = await bundle('export { Client } from "@gradio-jobs/core";', {
    ...ours,
    plugins: [externalDynamicImportsExcept(/connected-client/)],
  });
  const oursClientAll = await bundle('export { Client } from "@gradio-jobs/core";', ours);
  const officialClientAll = await bundle('export { Client } from "@gradio/client";');
  const oursAll = await bundle('export * from "@gradio-jobs/core";', ours);
  const officialAll = await bundle('export * from "@gradio/client";');
  const react = await bundle('export * from "@gradio-jobs/react";', { ...ours, external: ADAPTER_PEERS });
  const vue = await bundle('export * from "@gradio-jobs/vue";', { ...ours, external: ADAPTER_PEERS });
  const iife = fileSizes(join(snapshotDir, "core/gradio-jobs.iife.js"));
  const cdnDir = join(snapshotDir, "core/cdn");
  const iifeEngine = ["engine.js", ...readdirSync(cdnDir).filter((name) => name.startsWith("engine-core-"))]
    .map((name) => fileSizes(join(cdnDir, name)))
    .reduce((sum, size) => ({
      min: sum.min + size.min,
      gzip: sum.gzip + size.gzip,
      brotli: sum.brotli + size.brotli,
    }));
  return {
    versions: {
      "@gradio-jobs/core": versionOf("@gradio-jobs/core"),
      "@gradio/client": versionOf("@gradio/client"),
      esbuild: versionOf("esbuild"),
      nanostores: versionOf("nanostores"),
    },
    rows: [
      {
        name: "`import { Client }` + deps, loaded at start",
        ours: oursClient,
        official: officialClient,
        // Issue #14: at most 0.6× the official client's, measured in the same run.
        target: Math.floor(0.6 * officialClient.gzip),
      },
      {
        name: "`import { Client }` + what `Client.connect` loads (the client's implementation): all a first job needs",
        ours: oursConnected,
        official: officialClient,
        target: null,
      },
      {
        name: "`import { Client }` + deps + parts loaded on first use (`import()` inlined)",
        ours: oursClientAll,
        official: officialClientAll,
        target: null,
      },
      { name: "`import *` + deps (whole package)", ours: oursAll, official: officialAll, target: null },
      { name: "@gradio-jobs/react alone (peers external)", ours: react, official: null, target: 800 },
      { name: "@gradio-jobs/vue alone (peers external)", ours: vue, official: null, target: 800 },
      {
        name: "IIFE `dist/gradio-jobs.iife.js` (file as shipped)",
        ours: iife,
        official: null,
        target: 10000,
      },
      {
        name: "IIFE + what its first connect loads (`dist/cdn/engine.js` and its chunk; each file gzipped)",
        ours: {
          min: iife.min + iifeEngine.min,
          gzip: iife.gzip + iifeEngine.gzip,
          brotli: iife.brotli + iifeEngine.brotli,
        },
        official: null,
        target: null,
      },
    ],
  };
}
