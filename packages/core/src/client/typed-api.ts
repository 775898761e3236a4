/**
 * Typed endpoints: the shape of the API description that `gradio-jobs types` generates, and the type functions that
 * turn it into checked `submit`/`predict` arguments and typed outputs. Types only; nothing here runs.
 * @module
 */

import type { FileData, FileInput } from "../http/files.js";
import type { Outputs } from "../job/job.js";
import type { EndpointArguments } from "../wire/endpoints.js";
import type { SubmitOptions } from "./client.js";

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
 * The rest of a `submit`/`predict` call that no description checks, after the endpoint: `[args?, options?]`, with `O`
 * as the outputs type. (With a mistyped name on a typed client, the call falls back to this; `args` being optional
 * keeps the compiler's first complaint on the name, not on a missing argument.)
 */
export type UncheckedArguments<O extends Outputs> = [args?: EndpointArguments, options?: SubmitOptions<O>];

/**
 * A `submit`/`predict` call that no description checks: `[endpoint, args?, options?]` with any api name or fn index
 * on an untyped client, only fn indexes on a typed one.
 */
export type UncheckedCall<Api, O extends Outputs> = [
  endpoint: UncheckedEndpoint<Api>,
  ...call: UncheckedArguments<O>,
];

/**
 * What `submit`/`predict` take as the endpoint, as `SubmitEndpoint<Api>["endpoint"]`: the description's api names or
 * a fn index on a typed client, any api name or fn index on an untyped one.
 *
 * An interface property rather than a type alias, and the names as a mapped type rather than `keyof Api`: the compiler
 * then reports a mistyped name against the list of names (`Argument of type '"/predcit"' is not assignable to
 * parameter of type 'number | "/predict" | "/count" | …'`), not against `SubmitEndpoint<GradioApi>` or
 * `keyof GradioApi`.
 */
export interface SubmitEndpoint<Api> {
  readonly endpoint: { [Name in EndpointName<Api>]-?: Name }[EndpointName<Api>] | UncheckedEndpoint<Api>;
}

/**
 * The rest of a `submit`/`predict` call after the endpoint `Name`: checked against the description for one of its
 * api names ({@link EndpointCall}), unchecked for a fn index or on an untyped client ({@link UncheckedArguments},
 * with `O` as the outputs type).
 */
export type SubmitArguments<Api, Name, O extends Outputs> =
  // `[Name] extends […]`, not a distributive `Name extends …`: with it, the compiler sees that this signature fits
  // the implementation's `(endpoint, args?, options?)`.
  [Name] extends [EndpointName<Api>] ? EndpointCall<Api, Name & EndpointName<Api>> : UncheckedArguments<O>;

/** The outputs of a `submit`/`predict` call to `Name`: the description's for one of its api names, else `O`. */
export type SubmitReturns<Api, Name, O extends Outputs> = [Name] extends [EndpointName<Api>]
  ? EndpointReturns<Api, Name & EndpointName<Api>>
  : O;

/**
 * The type a positional argument past an endpoint's last parameter is checked against. No value has it, so an extra
 * argument is reported where it is written, as "Type 'number' is not assignable to type 'TooManyArguments'" (with a
 * plain tuple the compiler says "… to type 'undefined'" there).
 */
export interface TooManyArguments {
  /** Never present: nothing is a `TooManyArguments`. */
  readonly tooManyArguments: never;
}

/**
 * Named arguments of an endpoint without parameters: only `{}`. Any property is reported by name ("'counter' does not
 * exist in type 'NoNamedArguments | …'"). A type, not an interface: it must fit `Record<string, unknown>`.
 */
export type NoNamedArguments = {
  /** Never present. */
  readonly tooManyArguments?: never;
};

/**
 * Named arguments of a typed endpoint: its `kwargs`, or {@link NoNamedArguments} when it has no parameters. A lookup
 * by parameter count rather than a conditional type: nested in `submit`'s arguments, a conditional type would keep
 * the compiler from seeing that `submit`'s signature fits its implementation.
 */
export type NamedArguments<Endpoint extends EndpointTypes> = [
  NoNamedArguments,
  ...Endpoint["kwargs"][],
][Required<Endpoint["args"]>["length"]];

/**
 * Positional arguments of a typed endpoint: its parameters in order, readonly accepted, plus the slot that reports
 * one argument too many ({@link TooManyArguments}).
 */
export type PositionalArguments<Args extends readonly unknown[]> = readonly [
  ...Args,
  tooMany?: TooManyArguments,
];

/**
 * The arguments of a typed endpoint: positional (a tuple, readonly accepted) or by parameter name.
 *
 * @example
 * ```ts
 * const args: EndpointArgs<GradioApi, "/predict"> = { a: 1, op: "add" };
 * ```
 */
export type EndpointArgs<Api, Name extends keyof Api> = Api[Name] extends EndpointTypes
  ? PositionalArguments<Api[Name]["args"]> | NamedArguments<Api[Name]>
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
