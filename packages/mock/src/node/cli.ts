/**
 * The `gradio-mock` command: serves a fake app module over HTTP until stopped.
 *
 *   gradio-mock <app module> [--port 7860] [--host 127.0.0.1] [--protocol 6.25|5.x] [--time-scale 1]
 *
 * The module's default export (or its export named `app`) is a `defineApp(...)` result. TypeScript modules load
 * through `tsx` when it is installed (it is an optional peer dependency). Prints
 * `Mock Gradio app <title> on <url>` once it listens (what Playwright's `webServer.url` waits for).
 * @module
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { MockApp, MockProtocol } from "../definition/define-app.js";
import { type MockServer, startMockServer } from "./server.js";

function isMockApp(value: unknown): value is MockApp {
  return typeof value === "object" && value !== null && Array.isArray((value as MockApp).endpoints);
}

/**
 * Imports a module that exports a mock app (default export, or `app`); `.ts`/`.mts`/`.tsx` files go through
 * `tsx` (install it as a dev dependency).
 *
 * @example
 * ```ts
 * import { loadMockApp, startMockServer } from "@gradio-jobs/mock/node";
 * const server = await startMockServer(await loadMockApp("tests/mock-app.ts"));
 * ```
 */
export async function loadMockApp(path: string): Promise<MockApp> {
  const url = pathToFileURL(resolve(path)).href;
  if (/\.[mc]?tsx?$/.test(path)) {
    const tsx = await import("tsx/esm/api").catch(() => null);
    if (!tsx)
      throw new Error(`gradio-mock: ${path} is TypeScript; install tsx (npm i -D tsx) or pass a .js file`);
    const loaded = (await tsx.tsImport(url, import.meta.url)) as { default?: unknown; app?: unknown };
    return pick(loaded, path);
  }
  return pick((await import(url)) as { default?: unknown; app?: unknown }, path);
}

function pick(module: { default?: unknown; app?: unknown }, path: string): MockApp {
  const candidate = isMockApp(module.default)
    ? module.default
    : isMockApp((module.default as { default?: unknown } | undefined)?.default)
      ? (module.default as { default: MockApp }).default
      : module.app;
  if (!isMockApp(candidate)) {
    throw new Error(`gradio-mock: ${path} exports no app; write \`export default defineApp({...})\``);
  }
  return candidate;
}

const USAGE =
  "usage: gradio-mock <app module> [--port 7860] [--host 127.0.0.1] [--protocol 6.25|5.x] [--time-scale 1]";

/**
 * Runs the command with `argv` (without `node` and the script): starts the server and resolves with it.
 *
 * @example
 * ```ts
 * import { runMockCli } from "@gradio-jobs/mock/node";
 * const server = await runMockCli(["tests/mock-app.ts", "--port", "7860"]);
 * ```
 */
export async function runMockCli(argv: readonly string[]): Promise<MockServer> {
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg.startsWith("--")) {
      const [name, inline] = arg.slice(2).split("=", 2) as [string, string | undefined];
      const value = inline ?? argv[++i];
      if (value === undefined) throw new Error(`gradio-mock: --${name} needs a value\n${USAGE}`);
      flags.set(name, value);
    } else positional.push(arg);
  }
  const [modulePath] = positional;
  if (!modulePath) throw new Error(`gradio-mock: which app?\n${USAGE}`);
  const unknown = [...flags.keys()].filter(
    (name) => !["port", "host", "protocol", "time-scale"].includes(name),
  );
  if (unknown.length > 0) throw new Error(`gradio-mock: unknown option --${unknown[0]}\n${USAGE}`);
  const protocol = flags.get("protocol") as MockProtocol | undefined;
  if (protocol && protocol !== "6.25" && protocol !== "5.x")
    throw new Error(`gradio-mock: --protocol 6.25 or 5.x`);
  const app = await loadMockApp(modulePath);
  const server = await startMockServer(app, {
    port: Number(flags.get("port") ?? 7860),
    host: flags.get("host") ?? "127.0.0.1",
    timeScale: Number(flags.get("time-scale") ?? 1),
    ...(protocol ? { protocol } : {}),
  });
  console.log(`Mock Gradio app ${app.title} on ${server.url}`);
  return server;
}
