/**
 * Types of a fake app: endpoint functions receive their parameters' values in order and the job context last, and
 * must return (or yield) what their outputs hold.
 */
import { describe, expectTypeOf, it } from "vitest";
import { type FileContent, type FileData, file, json, number, radio, state, textbox } from "./components.js";
import { type EndpointResult, endpoint, type ParameterValues } from "./define-app.js";
import type { JobContext } from "./job-context.js";

describe("endpoint types", () => {
  it("types the function's arguments from the parameters, the job context last", () => {
    endpoint({
      parameters: [
        number("a"),
        radio("op", ["add", "divide"]),
        textbox("s"),
        file("f"),
        state("history", [] as string[]),
      ],
      outputs: [number("n")],
      fn: (a, op, s, f, history, job) => {
        expectTypeOf(a).toEqualTypeOf<number>();
        expectTypeOf(op).toEqualTypeOf<"add" | "divide">();
        expectTypeOf(s).toEqualTypeOf<string>();
        expectTypeOf(f).toEqualTypeOf<FileData>();
        expectTypeOf(history).toEqualTypeOf<string[]>();
        expectTypeOf(job).toEqualTypeOf<JobContext>();
        return 1;
      },
    });
  });

  it("maps outputs to the result: one value, a tuple, files as content", () => {
    type One = EndpointResult<[ReturnType<typeof number>]>;
    expectTypeOf<One>().toEqualTypeOf<number>();
    const outputs = [textbox("t"), json<{ ok: boolean }>("j"), file("f")] as const;
    expectTypeOf<EndpointResult<typeof outputs>>().toEqualTypeOf<
      [string, { ok: boolean }, FileContent | FileData]
    >();
    expectTypeOf<ParameterValues<[ReturnType<typeof checkboxLike>]>>().toEqualTypeOf<[boolean]>();
  });

  it("refuses a wrong result, a wrong yield and a wrong argument type", () => {
    endpoint({
      outputs: [number("n")],
      // @ts-expect-error a string is not a number output
      fn: () => "three",
    });
    endpoint({
      outputs: [textbox("t"), number("n")],
      // @ts-expect-error two outputs need a tuple
      fn: async () => "only one",
    });
    endpoint({
      outputs: [number("n")],
      // @ts-expect-error a generator of strings for a number output
      fn: function* () {
        yield "x";
      },
    });
    endpoint({
      parameters: [number("a")],
      // @ts-expect-error a is a number, not a string
      fn: (a: string) => a,
    });
  });
});

declare function checkboxLike(): import("./components.js").Component<boolean>;
