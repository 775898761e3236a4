/**
 * The build every published package shares (core, react, vue): ESM with `.d.ts`, neutral platform, ES2022, a clean
 * `dist/`. Each package's tsdown.config.ts adds only what is its own (core: the binding entry, chunking, the IIFE and
 * the CLI).
 */
import type { UserConfig } from "tsdown";

/** The shared ESM library build for `entry` (name → source file), with `extra` options on top. */
export function esmLibrary(entry: Record<string, string>, extra: UserConfig = {}): UserConfig {
  return { entry, format: "esm", dts: true, platform: "neutral", target: "es2022", clean: true, ...extra };
}
