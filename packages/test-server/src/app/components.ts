import {
  FILE_DATA_SCHEMA,
  FILE_EXAMPLE_INPUT,
  IMAGE_DATA_SCHEMA,
  IMAGE_EXAMPLE_INPUT,
  IMAGE_PYTHON_TYPE,
} from "./file-schemas.js";

/** One entry of `config.components`, in the shape real Gradio 5.x sends. */
export interface ComponentConfig {
  id: number;
  type: string;
  props: Record<string, unknown>;
  skip_api: boolean;
  component_class_id: string;
  key: null;
  api_info?: unknown;
  api_info_as_input?: unknown;
  api_info_as_output?: unknown;
  example_inputs?: unknown;
}

/** How `/info` describes a component, and what the server needs to know about its values. */
export interface ComponentApi {
  /** Capitalised class name, e.g. "Number". */
  component: string;
  pythonTypeAsInput: { type: string; description: string };
  pythonTypeAsOutput: { type: string; description: string };
}

/** A component of the demo app: the config entry plus server-side facts. */
export interface ComponentSpec {
  config: ComponentConfig;
  /** Absent for layout blocks, buttons and State (skip_api). */
  api?: ComponentApi;
  /** Python module path of the class, used in Gradio's arity error text. */
  pythonClass: string;
  /** Values are FileData objects (Image, File). */
  fileLike: boolean;
  /** gr.State: the value lives on the server per session. */
  state?: { initial: unknown };
}

// component_class_id is a hash of the class in real Gradio; these are the 5.x values from config.txt.
const CLASS_IDS = {
  row: "640e7a28244dd6dd3195ae361e24acaae26559e7da0032d44fbd0e2ce5b22ffa",
  form: "f2deb39b4682d65b45c8e3eb260e281bdf5c2634d134b30c9b4de3ca060e35b1",
  button: "ad64d6fe31451780ddc5e00694811fd5b95f2bdda35b10697ac46058439a80bf",
  number: "61f69240ab8a01b53db9f9624edc4d4ec1c9fa768303b08e0e237fbb537df1f1",
  radio: "2a9d0b5a6652fca8a5234a807f06a031c0d4d594f667a0c3cd1780884805b9c0",
  textbox: "090075ddf014742b2d15579f242656f5789bd0c7b607011222bce9e0db77fa4d",
  image: "dc4f3e0c08bfcb2f8b5eccd56f461152ef3bbb13ae54696acd08f31cfbf18943",
  file: "7e2f564054b83fad253a0f7d1511164132ee338c6ce6198a4637702af792ccae",
  state: "6fb6a3018495679574bc544b19193db76f88e95c521c63d83ebb1a8e8fbcb1e5",
  json: "5affd5638ff44affdb11d08666436bdca5a5c91bb31c92a18d75aa128a31070d",
} as const;

const COMMON_PROPS = { show_label: true, container: true, min_width: 160, visible: true } as const;

function withValue(value: unknown): Record<string, unknown> {
  return value === undefined ? {} : { value };
}

function dataComponent(
  id: number,
  type: keyof typeof CLASS_IDS,
  props: Record<string, unknown>,
  schema: unknown,
  example: unknown,
): ComponentConfig {
  return {
    id,
    type,
    props,
    skip_api: false,
    component_class_id: CLASS_IDS[type],
    key: null,
    api_info: schema,
    api_info_as_input: schema,
    api_info_as_output: schema,
    example_inputs: example,
  };
}

function plainApi(component: string, pythonType: string, description = "") {
  const python = { type: pythonType, description };
  return { component, pythonTypeAsInput: python, pythonTypeAsOutput: python };
}

/** `gr.Row()`. */
export function row(id: number): ComponentSpec {
  const props = { variant: "default", visible: true, equal_height: false, show_progress: false };
  return {
    config: {
      id,
      type: "row",
      props: { ...props, preserved_by_key: [], name: "row" },
      skip_api: true,
      component_class_id: CLASS_IDS.row,
      key: null,
    },
    pythonClass: "layouts.row.Row",
    fileLike: false,
  };
}

/** The implicit `Form` Gradio wraps around consecutive form components. */
export function form(id: number, scale = 0, minWidth = 0): ComponentSpec {
  return {
    config: {
      id,
      type: "form",
      props: { scale, min_width: minWidth, preserved_by_key: [], name: "form" },
      skip_api: true,
      component_class_id: CLASS_IDS.form,
      key: null,
    },
    pythonClass: "layouts.form.Form",
    fileLike: false,
  };
}

/** `gr.Button(value)`. */
export function button(id: number, value: string): ComponentSpec {
  const props = {
    value,
    variant: "secondary",
    size: "lg",
    visible: true,
    interactive: true,
    elem_classes: [],
  };
  return {
    config: {
      id,
      type: "button",
      props: { ...props, preserved_by_key: ["value"], name: "button", _selectable: false },
      skip_api: true,
      component_class_id: CLASS_IDS.button,
      key: null,
    },
    pythonClass: "button.Button",
    fileLike: false,
  };
}

/** `gr.Number(value, label, precision)`; precision 0 makes it an integer in the API. */
export function number(id: number, label: string, value?: number, precision?: number): ComponentSpec {
  const integer = precision === 0;
  const props = {
    ...withValue(value),
    label,
    ...COMMON_PROPS,
    elem_classes: [],
    preserved_by_key: ["value"],
    ...(precision === undefined ? {} : { precision }),
    step: 1,
    name: "number",
    _selectable: false,
  };
  return {
    config: dataComponent(id, "number", props, { type: integer ? "integer" : "number" }, 3),
    api: plainApi("Number", integer ? "int" : "float"),
    pythonClass: "number.Number",
    fileLike: false,
  };
}

/** `gr.Radio(choices, value, label)`. */
export function radio(id: number, label: string, choices: string[], value: string): ComponentSpec {
  const props = {
    choices: choices.map((choice) => [choice, choice]),
    value,
    type: "value",
    label,
    ...COMMON_PROPS,
    elem_classes: [],
    preserved_by_key: ["value"],
    rtl: false,
    name: "radio",
    _selectable: false,
  };
  const schema = { enum: choices, title: "Radio", type: "string" };
  const literal = `Literal[${choices.map((choice) => `'${choice}'`).join(", ")}]`;
  return {
    config: dataComponent(id, "radio", props, schema, choices[0]),
    api: plainApi("Radio", literal),
    pythonClass: "radio.Radio",
    fileLike: false,
  };
}

/** `gr.Textbox(value, label)`. */
export function textbox(id: number, label: string, value?: string): ComponentSpec {
  const props = {
    ...withValue(value),
    type: "text",
    lines: 1,
    label,
    ...COMMON_PROPS,
    autofocus: false,
    autoscroll: true,
    elem_classes: [],
    preserved_by_key: ["value"],
    rtl: false,
    show_copy_button: false,
    submit_btn: false,
    stop_btn: false,
    name: "textbox",
    _selectable: false,
  };
  return {
    config: dataComponent(id, "textbox", props, { type: "string" }, "Hello!!"),
    api: plainApi("Textbox", "str"),
    pythonClass: "textbox.Textbox",
    fileLike: false,
  };
}

/** `gr.Image(label)` with the 5.x defaults (webp output). */
export function image(id: number, label: string): ComponentSpec {
  const props = {
    streamable: false,
    format: "webp",
    image_mode: "RGB",
    sources: ["upload", "webcam", "clipboard"],
    type: "numpy",
    label,
    show_label: true,
    show_download_button: true,
    container: true,
    min_width: 160,
    visible: true,
    streaming: false,
    elem_classes: [],
    preserved_by_key: ["value"],
    webcam_options: { mirror: true, constraints: null },
    show_share_button: false,
    show_fullscreen_button: true,
    name: "image",
    _selectable: false,
  };
  return {
    config: dataComponent(id, "image", props, IMAGE_DATA_SCHEMA, IMAGE_EXAMPLE_INPUT),
    api: {
      component: "Image",
      pythonTypeAsInput: { type: IMAGE_PYTHON_TYPE, description: IMAGE_DATA_SCHEMA.additional_description },
      pythonTypeAsOutput: { type: IMAGE_PYTHON_TYPE, description: "" },
    },
    pythonClass: "image.Image",
    fileLike: true,
  };
}

/** `gr.File(label)` with `type="filepath"`. */
export function file(id: number, label: string): ComponentSpec {
  const props = {
    file_count: "single",
    type: "filepath",
    label,
    ...COMMON_PROPS,
    elem_classes: [],
    preserved_by_key: ["value"],
    allow_reordering: false,
    name: "file",
    _selectable: false,
  };
  return {
    config: dataComponent(id, "file", props, FILE_DATA_SCHEMA, FILE_EXAMPLE_INPUT),
    api: {
      component: "File",
      pythonTypeAsInput: { type: "filepath", description: FILE_DATA_SCHEMA.additional_description },
      pythonTypeAsOutput: { type: "filepath", description: "" },
    },
    pythonClass: "file.File",
    fileLike: true,
  };
}

/** `gr.State(initial)`. */
export function state(id: number, initial: unknown): ComponentSpec {
  const props = {
    time_to_live: null,
    delete_callback: "<function State.__init__.<locals>.<lambda> at 0x7ff743816b60>",
    name: "state",
    _selectable: false,
  };
  return {
    config: { id, type: "state", props, skip_api: true, component_class_id: CLASS_IDS.state, key: null },
    pythonClass: "state.State",
    fileLike: false,
    state: { initial },
  };
}

/** `gr.JSON(label)`. */
export function json(id: number, label: string): ComponentSpec {
  const props = {
    label,
    ...COMMON_PROPS,
    elem_classes: [],
    preserved_by_key: ["value"],
    open: false,
    show_indices: false,
    max_height: 500,
    name: "json",
    _selectable: false,
  };
  const schema = { type: {}, description: "any valid json" };
  return {
    config: dataComponent(id, "json", props, schema, { foo: "bar" }),
    api: plainApi("Json", "str | float | bool | list | dict", "any valid json"),
    pythonClass: "json_component.JSON",
    fileLike: false,
  };
}
