// Generated from the test server's demo app by api-types.test.ts (`gradio-jobs types`).
import type { GradioApi } from "@gradio-jobs/test-utils/demo-api";
import { describe, expectTypeOf, it } from "vitest";
import {
  Client,
  type EndpointArgs,
  type EndpointName,
  type EndpointReturns,
  type FileArg,
  type FileData,
  type Job,
  type Outputs,
} from "../index.js";
import type { TooManyArguments } from "./typed-api.js";

declare const client: Client<GradioApi>;
declare const untyped: Client;
declare const uploaded: FileData;

describe("Client.connect<Api>", () => {
  it("returns a client typed by the generated description", () => {
    expectTypeOf(Client.connect<GradioApi>("http://127.0.0.1:7860")).resolves.toEqualTypeOf<
      Client<GradioApi>
    >();
    expectTypeOf(Client.connect("http://127.0.0.1:7860")).resolves.toEqualTypeOf<Client>();
    // A typed client goes wherever a plain one is expected (framework bindings, helpers).
    expectTypeOf(client).toExtend<Client>();
    // @ts-expect-error a description must give args, kwargs and returns for every endpoint
    void Client.connect<{ "/predict": { args: [] } }>("x");
  });
});

describe("typed submit and predict", () => {
  it("types the job, its stores and its result from the endpoint's returns", () => {
    const job = client.submit("/predict", { a: 1, op: "multiply", b: 3 });
    expectTypeOf(job).toEqualTypeOf<Job<[result: number]>>();
    expectTypeOf(job).toExtend<Job<[number]>>();
    expectTypeOf(job.result()).resolves.toEqualTypeOf<[result: number]>();
    expectTypeOf(job.$outputs.get()).toEqualTypeOf<readonly [result: number][]>();
    expectTypeOf(client.predict("/multi", ["x"])).resolves.toEqualTypeOf<
      [text: string, length: number, json: unknown]
    >();
    expectTypeOf(client.predict("/flip_file", { path: new Blob(["x"]) })).resolves.toEqualTypeOf<
      [file_out: FileData]
    >();
    client.submit("/count", [3], {
      onOutput: (output) => expectTypeOf(output).toEqualTypeOf<[count: number]>(),
    });
  });

  it("accepts positional or named arguments, readonly tuples, defaults left out, and files in many forms", () => {
    client.submit("/predict");
    client.submit("/predict", []);
    client.submit("/predict", [1, "add"]);
    client.submit("/predict", [1, "add", 2] as const);
    client.submit("/predict", { op: "divide" });
    client.submit("/increment");
    client.submit("/increment", []);
    client.submit("/increment", {});
    const file = new File(["x"], "x.txt");
    client.submit("/flip_file", [file]);
    client.submit("/flip_file", [new Uint8Array([1])]);
    client.submit("/flip_file", { path: new URL("https://example.com/x.txt") });
    client.submit("/flip", { img: uploaded });
    expectTypeOf<EndpointArgs<GradioApi, "/flip_file">>().toEqualTypeOf<
      readonly [path: FileArg, tooMany?: TooManyArguments] | { path: FileArg }
    >();
  });

  it("refuses unknown endpoints, wrong argument types and missing required arguments", () => {
    // @ts-expect-error no such endpoint
    client.submit("/predcit", [1, "add", 2]);
    // @ts-expect-error no such endpoint
    void client.predict("/nope");
    // @ts-expect-error `a` is a number
    client.submit("/predict", { a: "1" });
    // @ts-expect-error `op` is one of the Radio's choices
    client.submit("/predict", [1, "modulo", 2]);
    // @ts-expect-error unknown parameter
    client.submit("/predict", { a: 1, c: 2 });
    // @ts-expect-error too many positional arguments
    client.submit("/predict", [1, "add", 2, 3]);
    // @ts-expect-error `/flip_file` has a required parameter: its arguments cannot be left out
    client.submit("/flip_file");
    // @ts-expect-error missing required parameter `path`
    client.submit("/flip_file", {});
    // @ts-expect-error missing required positional argument
    client.submit("/flip_file", []);
    // @ts-expect-error a string is not a file
    client.submit("/flip_file", ["x.txt"]);
    // @ts-expect-error `/increment` takes no arguments
    client.submit("/increment", { counter: 1 });
    // @ts-expect-error the options' callbacks are typed too
    client.submit("/predict", [], { onOutput: (output: [string]) => output });
  });

  it("keeps fn indexes unchecked, with an explicit outputs type", () => {
    expectTypeOf(client.submit(0, [1, "add", 2])).toEqualTypeOf<Job<Outputs>>();
    expectTypeOf(client.submit<[number]>(0, [])).toEqualTypeOf<Job<[number]>>();
    expectTypeOf(client.predict<[number]>(0, { a: 1 })).resolves.toEqualTypeOf<[number]>();
    // @ts-expect-error on a typed client, names are checked: an outputs type does not bypass that
    client.submit<[number]>("/predict", { a: 1 });
  });

  it("exposes the description's names and types", () => {
    expectTypeOf<EndpointName<GradioApi>>().toExtend<string>();
    expectTypeOf<"/predict" | "/count" | "/flip_file">().toExtend<EndpointName<GradioApi>>();
    expectTypeOf<EndpointReturns<GradioApi, "/increment">>().toEqualTypeOf<[counter: number]>();
  });
});

describe("untyped clients are unchanged", () => {
  it("accept any name, fn index and arguments, with unknown or explicit outputs", () => {
    expectTypeOf(untyped.submit("/anything", [1, "x"])).toEqualTypeOf<Job<Outputs>>();
    expectTypeOf(untyped.submit("anything")).toEqualTypeOf<Job<Outputs>>();
    expectTypeOf(untyped.submit(3)).toEqualTypeOf<Job<Outputs>>();
    expectTypeOf(untyped.submit<[number]>("/predict", { a: 1 })).toEqualTypeOf<Job<[number]>>();
    expectTypeOf(untyped.predict<[string, number]>("/multi")).resolves.toEqualTypeOf<[string, number]>();
    expectTypeOf(untyped.predict("/multi", { name: 1 })).resolves.toEqualTypeOf<Outputs>();
    // @ts-expect-error arguments are still an array or an object
    untyped.submit("/predict", 5);
  });
});
