/**
 * A private copy of the built packages for one bench run. Other work rebuilds `packages/*\/dist` at any time (tsdown
 * empties it first), so a run that imported the live dist/ could measure half of one build and half of another, or
 * find no file at all. The copy lives in bench/node_modules/ (ignored by git and Biome) and is what every size
 * bundle and every child process of the run uses.
 */
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const benchDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const repoDir = join(benchDir, "..");
export const snapshotDir = join(benchDir, "node_modules", ".bench-snapshot");
const PACKAGES = ["core", "react", "vue"];

/** Copies packages/{core,react,vue}/dist (+ package.json) into the snapshot directory. */
export function takeSnapshot() {
  rmSync(snapshotDir, { recursive: true, force: true });
  for (const name of PACKAGES) {
    const from = join(repoDir, "packages", name);
    cpSync(join(from, "dist"), join(snapshotDir, name), { recursive: true });
    cpSync(join(from, "package.json"), join(snapshotDir, name, "package.json"));
    if (name !== "core") {
      // A runtime copy whose core imports (the main entry, and the `bindings` subpath where core has one) point at
      // the snapshot's core (the original keeps the bare specifiers, so size bundles can mark them external).
      const text = readFileSync(join(snapshotDir, name, "index.js"), "utf8");
      writeFileSync(
        join(snapshotDir, name, "runtime.js"),
        text
          .replaceAll('from "@gradio-jobs/core/bindings"', 'from "../core/bindings.js"')
          .replaceAll('from "@gradio-jobs/core"', 'from "../core/index.js"'),
      );
    }
  }
}

export function hasSnapshot() {
  return existsSync(join(snapshotDir, "core", "index.js"));
}

/** esbuild plugin: `@gradio-jobs/{core,react,vue}` → the snapshot (unless marked external). */
export const snapshotPlugin = {
  name: "bench-snapshot",
  setup(build) {
    build.onResolve({ filter: /^@gradio-jobs\/(core|react|vue)$/ }, (args) => {
      if (build.initialOptions.external?.includes(args.path)) return { path: args.path, external: true };
      return { path: join(snapshotDir, args.path.split("/")[1], "index.js") };
    });
  },
};

/** What a child process imports for one of our packages (or `core/bindings`): the snapshot when the parent made one. */
export function ourModule(name) {
  const dir = process.env.BENCH_SNAPSHOT;
  if (!dir) return `@gradio-jobs/${name}`;
  if (name === "core/bindings") return pathToFileURL(join(dir, "core", "bindings.js")).href;
  return pathToFileURL(join(dir, name, name === "core" ? "index.js" : "runtime.js")).href;
}
