/**
 * The `gradio-mock` command: it serves an app module (TypeScript through tsx) and says plainly what is wrong with a
 * bad command line or module, exiting 1. Run as a process, from source, the way `npx gradio-mock` runs its build.
 */
import { execFile, spawn } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { runMockCli } from "./index.js";

const here = dirname(fileURLToPath(import.meta.url));
const bin = resolve(here, "bin.ts");
const storyApp = resolve(here, "../../examples/story-app.ts");

async function failing(...args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    await promisify(execFile)(process.execPath, ["--conditions", "source", "--import", "tsx", bin, ...args]);
  } catch (error) {
    const failed = error as { code: number; stderr: string };
    return { code: failed.code, stderr: failed.stderr };
  }
  throw new Error("the command succeeded");
}

describe("gradio-mock", () => {
  it("serves a TypeScript app module and prints where", async () => {
    const child = spawn(
      process.execPath,
      ["--conditions", "source", "--import", "tsx", bin, storyApp, "--port", "0", "--time-scale", "0.1"],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    try {
      const line = await new Promise<string>((resolve, reject) => {
        child.stdout.on("data", (chunk: Buffer) => resolve(chunk.toString()));
        child.on("exit", (code) => reject(new Error(`exited ${code}`)));
      });
      const url = /on (http:\/\/\S+)/.exec(line)?.[1];
      expect(line).toMatch(/^Mock Gradio app Gradio on http:\/\/127\.0\.0\.1:\d+/);
      const config = (await (await fetch(`${url}/config`)).json()) as {
        dependencies: { api_name: string }[];
      };
      expect(config.dependencies.map((d) => d.api_name)).toEqual(["generate"]);
    } finally {
      child.kill("SIGTERM");
    }
  });

  it("explains a missing module argument, an unknown option and a module without an app", async () => {
    expect(await failing()).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^gradio-mock: which app\?\nusage:/),
    });
    expect((await failing(storyApp, "--colour", "red")).stderr).toMatch(/unknown option --colour/);
    expect((await failing(resolve(here, "fixtures/no-app.ts"))).stderr).toMatch(
      /exports no app; write `export default defineApp\(\{\.\.\.\}\)`/,
    );
  });

  it("runs in-process too (runMockCli), with the protocol flag", async () => {
    const server = await runMockCli([storyApp, "--port", "0", "--protocol", "5.x"]);
    const config = (await (await fetch(`${server.url}/config`)).json()) as { version: string };
    expect(config.version).toBe("5.45.0");
    await server.close();
  });
});
