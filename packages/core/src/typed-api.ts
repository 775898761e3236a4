/**
 * Typed endpoints: the shape of the API description that `gradio-jobs types` generates, and the type functions that
 * turn it into checked `submit`/`predict` arguments and typed outputs. Types only; nothing here runs.
 * @module
 */
import type { SubmitOptions } from "./client.js";
import type { EndpointArguments } from "./endpoints.js";
import type { FileData, FileInput } from "./files.js";
import type { Outputs } from "./job.js";

/**
 * A file argument: a `Blob`/`File`/`Uint8Array` (uploaded by the SDK), a `URL` (downloaded by the server) or the
 * FileData of a file already uploaded (`client.upload()`, or an output of another job).
 *
 * @example
 * ```ts
 * const file: FileArg = new File(["hello"], "hello.txt");
 * const [reversed] = await client.predict("/flip_file", { path: file }); // reversed: FileData
 * ```
 */
export type FileArg = FileInput | FileData;

/**
 * What the generated description says about one endpoint.
 *
 * @example
 * ```ts
 * type Predict = {
 *   args: [a?: number, op?: "add" | "subtract", b?: number];
 *   kwargs: { a?: number; op?: "add" | "subtract"; b?: number };
 *   returns: [result: number];
 * };
 * ```
 */
export interface EndpointTypes {
  /** The API-visible parameters in order; optional where they and every later one have a default. */
  readonly args: readonly unknown[];
  /** The same parameters by name; optional where they have a default. */
  readonly kwargs: object;
  /** One value per API-visible output. */
  readonly returns: Outputs;
}

/**
 * The typed endpoints of an app, keyed by api name (`"/predict"`): what `npx gradio-jobs types <app>` writes. `Api`
 * is the description itself (an interface or a type), checked against this shape.
 *
 * @example
 * ```ts
 * import type { GradioApi } from "./gradio-api";
 * const client = await Client.connect<GradioApi>("http://127.0.0.1:7860");
 * ```
 */
export type ApiDescription<Api> = { readonly [Name in keyof Api]: EndpointTypes };

/**
 * The API of a client connected without a description: every endpoint name and fn index, any arguments, and
 * `unknown` outputs (or the outputs type you pass, `client.submit<[number]>(…)`).
 */
export type UntypedApi = Record<never, never>;

/**
 * The api names of a typed client (`"/predict" | "/count" | …`); `never` for an untyped one.
 *
 * @example
 * ```ts
 * type Name = EndpointName<GradioApi>; // "/predict" | "/count" | …
 * ```
 */
export type EndpointName<Api> = Extract<keyof Api, string>;

/**
 * What a client takes as an endpoint without checking it against a description: any api name or fn index on an
 * untyped client, only fn indexes on a typed one (its names are checked).
 */
export type UncheckedEndpoint<Api> = [EndpointName<Api>] extends [never] ? string | number : number;

/**
 * A `submit`/`predict` call that no description checks: `[endpoint, args?, options?]` with any api name or fn index
 * on an untyped client. On a typed client names are checked, so only fn indexes go unchecked, and `args` must be
 * given (`[]` for none): a typed call with missing arguments then reports them instead of this overload's mismatch.
 */
export type UncheckedCall<Api, O extends Outputs> = [EndpointName<Api>] extends [never]
  ? [endpoint: UncheckedEndpoint<Api>, args?: EndpointArguments, options?: SubmitOptions<O>]
  : [endpoint: UncheckedEndpoint<Api>, args: EndpointArguments, options?: SubmitOptions<O>];

/**
 * The arguments of a typed endpoint: positional (a tuple, readonly accepted) or by parameter name.
 *
 * @example
 * ```ts
 * const args: EndpointArgs<GradioApi, "/predict"> = { a: 1, op: "add" };
 * ```
 */
export type EndpointArgs<Api, Name extends keyof Api> = Api[Name] extends EndpointTypes
  ? Readonly<Api[Name]["args"]> | Api[Name]["kwargs"]
  : EndpointArguments;

/**
 * The outputs of a typed endpoint: one value per API-visible output, in order.
 *
 * @example
 * ```ts
 * type Sum = EndpointReturns<GradioApi, "/predict">; // [result: number]
 * ```
 */
export type EndpointReturns<Api, Name extends keyof Api> = Api[Name] extends {
  readonly returns: infer Returns extends Outputs;
}
  ? Returns
  : Outputs;

/**
 * The rest of a typed `submit`/`predict` call after the endpoint: `[args, options?]`, where `args` may be left out
 * only when every parameter has a default.
 */
export type EndpointCall<Api, Name extends keyof Api> = Api[Name] extends EndpointTypes
  ? [] extends Api[Name]["args"]
    ? [args?: EndpointArgs<Api, Name>, options?: SubmitOptions<EndpointReturns<Api, Name>>]
    : [args: EndpointArgs<Api, Name>, options?: SubmitOptions<EndpointReturns<Api, Name>>]
  : [args?: EndpointArguments, options?: SubmitOptions<EndpointReturns<Api, Name>>];
