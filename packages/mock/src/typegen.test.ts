/**
 * `npx gradio-jobs types` works on a mock app: the generator reads the mock's `/config` and `{P}/info` as it reads a
 * real Gradio app's, and describes names, parameters with defaults, generator-ness and outputs. The command runs as
 * a process from core's source (what the `gradio-jobs` bin runs once built).
 */
import { execFile } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { defineApp, endpoint, json, number, radio, state, textbox } from "./index.js";
import { type MockServer, startMockServer } from "./node/index.js";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const cli = resolve(repo, "packages/core/src/codegen/cli.ts");

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer(
    defineApp({
      endpoints: {
        "/predict": endpoint({
          parameters: [
            number("a", { value: 4 }),
            radio("op", ["add", "divide"], { value: "add" }),
            number("b"),
          ],
          outputs: [number("result")],
          fn: (a, op, b) => (op === "add" ? a + b : a / b),
        }),
        "/chat": endpoint({
          parameters: [textbox("message"), state("history", [] as string[])],
          outputs: [json<string[]>("history"), state("history", [] as string[])],
          fn: async function* (message, history) {
            yield [
              [...history, message],
              [...history, message],
            ];
          },
        }),
      },
    }),
  );
});
afterAll(() => server.close());

it("generates the typed description of a mock app", async () => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--conditions", "source", "--import", "tsx", cli, "types", server.url],
    { cwd: repo },
  );
  expect(stdout).toContain(`from ${server.url} (Gradio 6.25.0)`);
  // Defaults from /info: optional by name; positionally only after the last required parameter.
  expect(stdout).toContain('args: [a: number, op: "add" | "divide", b: number];');
  expect(stdout).toContain('kwargs: { a?: number; op?: "add" | "divide"; b: number };');
  expect(stdout).toContain("returns: [result: number];");
  // State is hidden: /chat takes only the message and returns only the visible history.
  expect(stdout).toMatch(/"\/chat": \{\n\s+args: \[message: string\];/);
  expect(stdout).toContain("fn_index 1, generator");
});
