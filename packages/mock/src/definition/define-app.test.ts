/**
 * A fake app with a mistake fails where it is defined, with a MockDefinitionError that names the endpoint and the
 * problem.
 */
import { describe, expect, it } from "vitest";
import { defineApp, endpoint, MockDefinitionError, number, state, textbox } from "../index.js";

function definitionError(define: () => unknown): MockDefinitionError {
  try {
    define();
  } catch (error) {
    expect(error).toBeInstanceOf(MockDefinitionError);
    return error as MockDefinitionError;
  }
  throw new Error("the definition was accepted");
}

const ok = endpoint({ parameters: [number("x")], outputs: [number("y")], fn: (x) => x });

describe("defineApp", () => {
  it("numbers endpoints in order and keeps their names without the slash", () => {
    const app = defineApp({ endpoints: { "/a": ok, b: ok } });
    expect(app.endpoints.map((e) => [e.apiName, e.fnIndex])).toEqual([
      ["a", 0],
      ["b", 1],
    ]);
    expect(app.protocol).toBe("6.25");
  });

  it("refuses duplicate api names once the slash is dropped", () => {
    const error = definitionError(() => defineApp({ endpoints: { "/predict": ok, predict: ok } }));
    expect(error.endpoint).toBe("predict");
    expect(error.message).toBe('predict: duplicate api name: "/predict" and "predict" are both /predict');
  });

  it("refuses names Gradio could not have, an empty app and bad options", () => {
    expect(definitionError(() => defineApp({ endpoints: { "/two words": ok } })).message).toMatch(
      /identifier-like/,
    );
    expect(definitionError(() => defineApp({ endpoints: {} })).message).toBe("the app has no endpoints");
    expect(
      definitionError(() => defineApp({ endpoints: { "/a": ok }, protocol: "4.x" as "5.x" })).message,
    ).toMatch(/protocol must be "6.25" or "5.x"/);
    expect(definitionError(() => defineApp({ endpoints: { "/a": ok }, maxQueueSize: -1 })).message).toMatch(
      /maxQueueSize must be a whole number/,
    );
    expect(
      definitionError(() => defineApp({ endpoints: { "/a": ok }, auth: ["user", ""] as const })).message,
    ).toMatch(/auth must be \[username, password\]/);
  });
});

describe("endpoint", () => {
  it("refuses a function taking more arguments than the parameters and the job context", () => {
    const error = definitionError(() =>
      endpoint({
        parameters: [number("a")],
        // a, b and the job context: one too many.
        fn: ((a: number, b: number, _job: unknown) => a + b) as never,
      }),
    );
    expect(error.message).toBe(
      "endpoint(): the function takes 3 arguments, but the endpoint has 1 parameter(s) (a) and then the job context",
    );
  });

  it("names the endpoint when the mistake is found by defineApp", () => {
    const error = definitionError(() =>
      defineApp({
        endpoints: { "/sum": { ...ok, fn: (a: number, b: number, c: number) => a + b + c } as never },
      }),
    );
    expect(error.endpoint).toBe("/sum");
  });

  it("refuses generator: false on a generator function", () => {
    const error = definitionError(() =>
      endpoint({
        outputs: [number("n")],
        generator: false,
        fn: function* () {
          yield 1;
        },
      }),
    );
    expect(error.message).toMatch(/`generator: false`, but `fn` is a generator function/);
  });

  it("infers generators, sync and async", () => {
    expect(endpoint({ outputs: [number("n")], fn: function* () {} }).generator).toBe(true);
    expect(endpoint({ outputs: [number("n")], fn: async function* () {} }).generator).toBe(true);
    expect(endpoint({ outputs: [number("n")], fn: async () => 1 }).generator).toBe(false);
  });

  it("refuses duplicate parameter names, things that are not components, a bad concurrency limit", () => {
    expect(
      definitionError(() => endpoint({ parameters: [textbox("x"), number("x")], fn: () => undefined }))
        .message,
    ).toMatch(/two parameters are named "x"/);
    expect(
      definitionError(() => endpoint({ parameters: ["x"] as never, fn: () => undefined })).message,
    ).toMatch(/parameters\[0\] is not a component/);
    expect(definitionError(() => endpoint({ fn: "nope" as never })).message).toMatch(
      /`fn` must be a function/,
    );
    expect(definitionError(() => endpoint({ fn: () => 1, concurrencyLimit: 0 })).message).toMatch(
      /concurrencyLimit must be a positive integer or null/,
    );
  });

  it("accepts State parameters, which count as arguments", () => {
    const counter = endpoint({
      parameters: [state("count", 0)],
      outputs: [state("count", 0), number("count")],
      fn: (count) => [count + 1, count + 1],
    });
    expect(counter.parameters[0]?.state).toBe(true);
  });
});
