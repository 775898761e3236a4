/**
 * Components: what an endpoint's parameters and outputs are, as Gradio describes them in `/config` and `/info`
 * (type, label, initial value, JSON schema, Python type). Each factory returns a {@link Component} whose type
 * parameters say what the endpoint function receives (`In`) and may return (`Out`).
 * @module
 */

/**
 * A file as Gradio sends it in `data` (protocol §8): what a `file`/`image` parameter receives.
 * @example
 * ```ts
 * import { endpoint, file, number } from "@gradio-jobs/mock";
 * const size = endpoint({ parameters: [file("doc")], outputs: [number("bytes")], fn: (doc, job) => job.readFile(doc).length });
 * ```
 */
export interface FileData {
  readonly path: string;
  readonly url: string | null;
  readonly size: number | null;
  readonly orig_name: string | null;
  readonly mime_type: string | null;
  readonly is_stream: boolean;
  readonly meta: { readonly _type: "gradio.FileData" };
}

/**
 * A file an endpoint returns: the mock stores it and sends a {@link FileData} with a URL served by `{P}/file=`.
 * @example
 * ```ts
 * import { endpoint, file } from "@gradio-jobs/mock";
 * const report = endpoint({ outputs: [file("report")], fn: () => ({ name: "report.txt", data: "all good" }) });
 * ```
 */
export interface FileContent {
  readonly name: string;
  readonly data: string | Uint8Array;
  readonly mimeType?: string;
}

/**
 * One parameter or output of an endpoint. Create it with a factory such as {@link number} or {@link textbox}.
 * @example
 * ```ts
 * import { type Component, number } from "@gradio-jobs/mock";
 * const a: Component<number> = number("a", { value: 4 });
 * console.log(a.type, a.label, a.value); // "number" "a" 4
 * ```
 */
export interface Component<In = unknown, Out = In> {
  /** Gradio's lowercase component type: `"number"`, `"textbox"`, `"state"`… */
  readonly type: string;
  /** The Python parameter name for a parameter; the label for an output. */
  readonly name: string;
  readonly label: string;
  /** Whether the component has an initial value (then `/info` gives it as the parameter's default). */
  readonly hasValue: boolean;
  readonly value: unknown;
  /** `/info`'s `type`: the JSON schema of the value. */
  readonly schema: Readonly<Record<string, unknown>>;
  /** `/info`'s `python_type.type`. */
  readonly pythonType: string;
  /** `/info`'s `component`: the capitalised class name. */
  readonly className: string;
  /** `gr.State`: kept per session, hidden from the API (sent as `null`). */
  readonly state: boolean;
  /** Values are files (`FileData`). */
  readonly file: boolean;
  /** Other props for `/config` (`choices`, `precision`…). */
  readonly props: Readonly<Record<string, unknown>>;
  /** Type-only: what the endpoint function receives and returns. Never set. */
  readonly __types?: { in: In; out: Out };
}

/**
 * Options every value component takes.
 * @example
 * ```ts
 * import { textbox } from "@gradio-jobs/mock";
 * const prompt = textbox("prompt", { label: "Your prompt", value: "Once upon a time" });
 * ```
 */
export interface ComponentOptions<T> {
  /** Shown label; defaults to the name. */
  readonly label?: string;
  /** Initial value: the parameter's default in `/info`, filled in by clients for missing arguments. */
  readonly value?: T;
}

function component<In, Out = In>(
  type: string,
  name: string,
  options: ComponentOptions<unknown>,
  facts: Partial<Component> & Pick<Component, "schema" | "pythonType" | "className">,
): Component<In, Out> {
  const made: Component<In, Out> = {
    type,
    name,
    label: options.label ?? name,
    hasValue: options.value !== undefined,
    value: options.value,
    state: false,
    file: false,
    props: {},
    ...(facts as Partial<Component<In, Out>>),
    schema: facts.schema,
    pythonType: facts.pythonType,
    className: facts.className,
  };
  return Object.freeze(made);
}

/**
 * `gr.Number`: a number parameter or output.
 * @example
 * ```ts
 * import { number } from "@gradio-jobs/mock";
 * const a = number("a", { value: 4 }); // /info: parameter "a", default 4
 * ```
 */
export function number(name: string, options: ComponentOptions<number> = {}): Component<number> {
  return component("number", name, options, {
    schema: { type: "number" },
    pythonType: "float",
    className: "Number",
  });
}

/**
 * `gr.Textbox`: a string parameter or output.
 * @example
 * ```ts
 * import { textbox } from "@gradio-jobs/mock";
 * const prompt = textbox("prompt", { value: "Once upon a time" });
 * ```
 */
export function textbox(name: string, options: ComponentOptions<string> = {}): Component<string> {
  return component("textbox", name, options, {
    schema: { type: "string" },
    pythonType: "str",
    className: "Textbox",
  });
}

/**
 * `gr.Checkbox`: a boolean.
 * @example
 * ```ts
 * import { checkbox } from "@gradio-jobs/mock";
 * const loud = checkbox("loud", { value: false });
 * ```
 */
export function checkbox(name: string, options: ComponentOptions<boolean> = {}): Component<boolean> {
  return component("checkbox", name, options, {
    schema: { type: "boolean" },
    pythonType: "bool",
    className: "Checkbox",
  });
}

/**
 * `gr.Radio`: one of `choices`; the endpoint function receives the union of them.
 * @example
 * ```ts
 * import { radio } from "@gradio-jobs/mock";
 * const op = radio("op", ["add", "subtract"], { value: "add" }); // Component<"add" | "subtract">
 * ```
 */
export function radio<const C extends readonly string[]>(
  name: string,
  choices: C,
  options: ComponentOptions<C[number]> = {},
): Component<C[number]> {
  const literal = choices.map((choice) => `'${choice}'`).join(", ");
  return component("radio", name, options, {
    schema: { enum: [...choices], title: "Radio", type: "string" },
    pythonType: `Literal[${literal}]`,
    className: "Radio",
    props: { choices: choices.map((choice) => [choice, choice]) },
  });
}

/**
 * `gr.JSON`: any JSON value; `T` says which.
 * @example
 * ```ts
 * import { json } from "@gradio-jobs/mock";
 * const report = json<{ words: number }>("report");
 * ```
 */
export function json<T = unknown>(name: string, options: ComponentOptions<T> = {}): Component<T> {
  return component<T>("json", name, options, {
    schema: { additionalProperties: {}, type: "object" },
    pythonType: "Dict[Any, Any]",
    className: "Json",
  });
}

const FILE_SCHEMA = {
  additionalProperties: false,
  properties: {
    path: { title: "Path", type: "string" },
    url: { anyOf: [{ type: "string" }, { type: "null" }], default: null, title: "Url" },
    size: { anyOf: [{ type: "integer" }, { type: "null" }], default: null, title: "Size" },
    orig_name: { anyOf: [{ type: "string" }, { type: "null" }], default: null, title: "Orig Name" },
    mime_type: { anyOf: [{ type: "string" }, { type: "null" }], default: null, title: "Mime Type" },
    is_stream: { default: false, title: "Is Stream", type: "boolean" },
    meta: { default: { _type: "gradio.FileData" }, title: "Meta", type: "object" },
  },
  required: ["path"],
  title: "FileData",
  type: "object",
} as const;

/**
 * `gr.File`: the function receives the uploaded {@link FileData} (read it with `job.readFile`) and returns a
 * {@link FileContent} (or a FileData it got).
 * @example
 * ```ts
 * import { file } from "@gradio-jobs/mock";
 * const upload = file("path");
 * ```
 */
export function file(
  name: string,
  options: { readonly label?: string } = {},
): Component<FileData, FileContent | FileData> {
  return component("file", name, options, {
    schema: FILE_SCHEMA,
    pythonType: "filepath",
    className: "File",
    file: true,
  });
}

/**
 * `gr.Image`: like {@link file}, with Gradio's ImageData schema name.
 * @example
 * ```ts
 * import { image } from "@gradio-jobs/mock";
 * const picture = image("img");
 * ```
 */
export function image(
  name: string,
  options: { readonly label?: string } = {},
): Component<FileData, FileContent | FileData> {
  return component("image", name, options, {
    schema: { ...FILE_SCHEMA, title: "ImageData" },
    pythonType: "filepath",
    className: "Image",
    file: true,
  });
}

/**
 * `gr.State`: a value kept per session on the server. As a parameter the function receives the session's current
 * value (clients send `null`); as an output its return value becomes the new one (clients receive `null`, dropped
 * by `@gradio-jobs/core`). Hidden from `/info`, like in Gradio.
 * @example
 * ```ts
 * import { state } from "@gradio-jobs/mock";
 * const counter = state("counter", 0);
 * ```
 */
export function state<T>(name: string, initial: T): Component<T> {
  return component<T>(
    "state",
    name,
    { value: initial },
    {
      schema: {},
      pythonType: "Any",
      className: "State",
      state: true,
      hasValue: false,
      props: { value: initial },
    },
  );
}

/**
 * Whether `value` is a {@link FileContent} an endpoint returned.
 * @example
 * ```ts
 * import { isFileContent } from "@gradio-jobs/mock";
 * isFileContent({ name: "a.txt", data: "hi" }); // true
 * ```
 */
export function isFileContent(value: unknown): value is FileContent {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as FileContent).name === "string" &&
    "data" in value &&
    (typeof (value as FileContent).data === "string" || (value as FileContent).data instanceof Uint8Array)
  );
}
