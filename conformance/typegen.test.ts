/**
 * Typed endpoints (`gradio-jobs types`) against real Gradio: the description generated from
 * `conformance/apps/main.py` type-checks together with code that uses it, says what the app really returns, and is
 * the one the test server's demo app gives (so the type tests, which use the latter, hold for real Gradio). Part of
 * the real-Gradio run (`conformance/run-real-gradio.sh`); needs GRADIO_MAIN_URL and GRADIO_AUTH_URL.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Client, isFileData } from "@gradio-jobs/core";
import { startTestServer } from "@gradio-jobs/test-server";
import { describe, expect, it } from "vitest";
import { generateApiTypes } from "../packages/core/src/codegen/api-types.js";
import type { GradioApi } from "../packages/test-utils/src/demo-api.js";
import { typeCheck } from "../packages/test-utils/src/type-check.js";
import { gradioVersion, requiredUrl } from "./real-gradio-env.js";

const mainUrl = requiredUrl("GRADIO_MAIN_URL", "main.py");
const authUrl = requiredUrl("GRADIO_AUTH_URL", "auth.py");
const version = await gradioVersion(mainUrl);
const credentials = process.env.GRADIO_AUTH ?? "user:pass";
const here = fileURLToPath(new URL(".", import.meta.url));
const repoRoot = fileURLToPath(new URL("..", import.meta.url));

/** Code written against the generated description: it must compile, and the `@ts-expect-error`s must hold. */
const usage = `
  import { Client, type FileData } from "@gradio-jobs/core";
  import type { GradioApi } from "./gradio-api.js";

  export async function use(url: string, file: Blob): Promise<[number, string, FileData]> {
    const client = await Client.connect<GradioApi>(url);
    const [sum] = await client.predict("/predict", { a: 2, op: "multiply", b: 3 });
    const [text, length, json] = await client.predict("/multi", ["gradio"]);
    const [flipped] = await client.predict("/flip_file", [file]);
    for await (const [n] of client.submit("/count", { n: 3 })) n.toFixed();
    const [counter] = await client.predict("/increment");
    // @ts-expect-error no such endpoint
    client.submit("/predcit");
    // @ts-expect-error op is one of the Radio's choices
    client.submit("/predict", [1, "power", 2]);
    // @ts-expect-error /flip_file needs its file
    client.submit("/flip_file", {});
    void json; void counter;
    return [sum + length, text, flipped];
  }
`;

describe(`typed endpoints from real Gradio ${version} (${mainUrl})`, () => {
  it("generates a description that type-checks with code using it", async () => {
    const client = await Client.connect(mainUrl);
    const text = generateApiTypes(client.endpoints, { source: mainUrl, config: client.config });
    expect(text).toContain("export interface GradioApi {");
    expect(typeCheck({ "gradio-api.d.ts": text, "use-gradio-api.ts": usage }, here)).toEqual([]);
  });

  it("is the description the test server's demo app gives, endpoint for endpoint", async () => {
    const real = await Client.connect(mainUrl);
    const server = await startTestServer();
    try {
      const model = await Client.connect(server.url);
      const names = new Set(real.endpoints.map((endpoint) => endpoint.apiName));
      const options = { source: "the main app" };
      expect(generateApiTypes(real.endpoints, { ...options, config: real.config })).toBe(
        generateApiTypes(
          model.endpoints.filter((endpoint) => names.has(endpoint.apiName)),
          { ...options, config: model.config },
        ),
      );
    } finally {
      await server.close();
    }
  });

  it("describes what the app returns: calls typed by the committed description get values of those types", async () => {
    // packages/test-utils/src/demo-api.d.ts: the test server's description, which the type tests (and the test
    // above, for these endpoints) hold to be the real app's.
    const client = await Client.connect<GradioApi>(mainUrl);
    const [sum] = await client.predict("/predict", { a: 2, op: "multiply", b: 3 });
    expect(sum).toBe(6);
    const [text, length, json] = await client.predict("/multi", ["gradio"]);
    expect([typeof text, typeof length, typeof json]).toEqual(["string", "number", "object"]);
    const counts: number[] = [];
    for await (const [n] of client.submit("/count", { n: 3 })) counts.push(n);
    expect(counts).toEqual([0, 1, 2]);
    const [flipped] = await client.predict("/flip_file", [new File(["hello"], "hello.txt")]);
    expect(isFileData(flipped)).toBe(true);
    expect(typeof flipped.url).toBe("string");
    client.close();
  });

  it("runs as a command: gradio-jobs types <url> --auth user:password", async () => {
    const cli = fileURLToPath(new URL("../packages/core/src/codegen/cli.ts", import.meta.url));
    const { code, stdout, stderr } = await new Promise<{
      code: number | null;
      stdout: string;
      stderr: string;
    }>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ["--import", "tsx", cli, "types", authUrl, "--auth", credentials],
        {
          cwd: repoRoot,
        },
      );
      let out = "";
      let err = "";
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
        out += chunk;
      });
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
        err += chunk;
      });
      child.on("error", reject);
      child.on("close", (exitCode) => resolve({ code: exitCode, stdout: out, stderr: err }));
    });
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    // The header names the server's version, whichever it is ("… from <url> (Gradio 6.25.0).").
    expect(stdout).toContain(`from ${authUrl} (Gradio ${version}).`);
    expect(stdout).toContain('"/predict": {');
  });
});
