/**
 * 100 job scenarios against one mock server, through `@gradio-jobs/core` over HTTP: calls, generators, app errors,
 * cancels, State, files, progress and logs. The target is the whole suite in ≤ 5 s on the 2-core machine;
 * the time is printed (not asserted: numbers are measured, not tested).
 */
import { AppError, CancelledError, Client, type FileData, isFileData } from "@gradio-jobs/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defineApp, endpoint, file, GradioError, json, number, radio, state, textbox } from "./index.js";
import { type MockServer, startMockServer } from "./node/index.js";

const app = defineApp({
  endpoints: {
    "/predict": endpoint({
      parameters: [
        number("a", { value: 4 }),
        radio("op", ["add", "subtract", "multiply"], { value: "add" }),
        number("b", { value: 5 }),
      ],
      outputs: [number("result")],
      fn: (a, op, b) => (op === "add" ? a + b : op === "subtract" ? a - b : a * b),
    }),
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
    "/validate": endpoint({
      parameters: [textbox("text")],
      outputs: [textbox("ok")],
      fn: (text) => {
        if (text.length < 3) throw new GradioError(`"${text}" is too short`, { title: "Invalid" });
        return text;
      },
    }),
    "/tick": endpoint({
      outputs: [textbox("tick")],
      concurrencyLimit: null,
      fn: async function* (job) {
        for (let i = 0; ; i++) {
          yield `tick ${i}`;
          await job.sleep(0.05);
        }
      },
    }),
    "/remember": endpoint({
      parameters: [textbox("word"), state("words", [] as string[])],
      outputs: [state("words", [] as string[]), json<string[]>("all")],
      fn: (word, words) => [
        [...words, word],
        [...words, word],
      ],
    }),
    "/upper": endpoint({
      parameters: [file("doc")],
      outputs: [file("upper")],
      concurrencyLimit: 4,
      fn: (doc, job) => ({
        name: `upper_${doc.orig_name}`,
        data: new TextDecoder().decode(job.readFile(doc)).toUpperCase(),
      }),
    }),
    "/steps": endpoint({
      parameters: [number("steps", { value: 3 })],
      outputs: [textbox("done")],
      fn: async (steps, job) => {
        for (let i = 0; i < steps; i++) {
          job.progress([i, steps], "Working");
          await job.sleep(0.01);
        }
        job.warning("almost done");
        return `done ${steps}`;
      },
    }),
  },
});

let server: MockServer;
let client: Client;
let started = 0;
beforeAll(async () => {
  started = performance.now();
  server = await startMockServer(app, { timeScale: 0.2 });
  client = await Client.connect(server.url);
});
afterAll(async () => {
  client.close();
  await server.close();
  console.log(
    `100 job scenarios against the mock: ${Math.round(performance.now() - started)} ms (target ≤ 5,000 ms)`,
  );
});

const calculations = Array.from({ length: 30 }, (_, i) => {
  const op = (["add", "subtract", "multiply"] as const)[i % 3] as "add" | "subtract" | "multiply";
  const expected = op === "add" ? i + 2 : op === "subtract" ? i - 2 : i * 2;
  return { a: i, op, b: 2, expected };
});

describe("100 job scenarios", () => {
  it.each(calculations)("predicts $a $op $b", async ({ a, op, b, expected }) => {
    expect(await client.predict("/predict", { a, op, b })).toEqual([expected]);
  });

  it.each(Array.from({ length: 20 }, (_, i) => i + 1))(
    "streams %i generator values, each once",
    async (n) => {
      const job = client.submit("/count", [n]);
      const seen: unknown[] = [];
      for await (const [value] of job) seen.push(value);
      expect(seen).toEqual(Array.from({ length: n }, (_, i) => i));
      expect(await job.result()).toEqual([n - 1]);
    },
  );

  it.each(["", "a", "ab", "x", "yz", "no", "-", "12", "..", "?"])(
    "fails %j with the app's error",
    async (text) => {
      const error = await client.predict("/validate", [text]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ title: "Invalid", serverMessage: `"${text}" is too short` });
    },
  );

  it.each(Array.from({ length: 10 }, (_, i) => i + 1))(
    "cancels a generator after %i value(s); the server's worker is free",
    async (after) => {
      const job = client.submit("/tick", []);
      const seen: unknown[] = [];
      for await (const [value] of job) {
        seen.push(value);
        if (seen.length === after) break;
      }
      expect(job.status().stage).toBe("cancelled");
      await expect(job.result()).rejects.toBeInstanceOf(CancelledError);
      expect(seen).toHaveLength(after);
    },
  );

  const words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa"];
  it.each(words.map((word, i) => ({ word, i })))(
    "remembers $word in the session's State",
    async ({ word, i }) => {
      expect(await client.predict("/remember", [word])).toEqual([words.slice(0, i + 1)]);
    },
  );

  it.each(Array.from({ length: 10 }, (_, i) => `file ${i}`))(
    "uploads %j and downloads the output",
    async (text) => {
      const [output] = await client.predict("/upper", [new File([text], "note.txt", { type: "text/plain" })]);
      expect(isFileData(output)).toBe(true);
      const result = output as FileData;
      expect(result.orig_name).toBe("upper_note.txt");
      expect(await (await fetch(result.url as string)).text()).toBe(text.toUpperCase());
    },
  );

  it.each(Array.from({ length: 10 }, (_, i) => i + 1))(
    "reports progress over %i step(s) and a warning",
    async (steps) => {
      const job = client.submit("/steps", [steps]);
      const units: unknown[] = [];
      const logs: unknown[] = [];
      job.$status.subscribe((status) => {
        if (status.code === "PROGRESS") units.push(status.progress);
        if (status.code === "LOG") logs.push(status.log?.message);
      });
      expect(await job.result()).toEqual([`done ${steps}`]);
      expect(units.length).toBeGreaterThan(0);
      expect(logs).toEqual(["almost done"]);
    },
  );
});
