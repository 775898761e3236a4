/** JSON schemas and Python type strings of the file-like components, copied from a real Gradio 5.x `/config` and `/info`. */

/** `api_info` of `gr.Image` (ImageData). */
export const IMAGE_DATA_SCHEMA = {
  properties: {
    path: {
      anyOf: [{ type: "string" }, { type: "null" }],
      default: null,
      description: "Path to a local file",
      title: "Path",
    },
    url: {
      anyOf: [{ type: "string" }, { type: "null" }],
      default: null,
      description: "Publicly available url or base64 encoded image",
      title: "Url",
    },
    size: {
      anyOf: [{ type: "integer" }, { type: "null" }],
      default: null,
      description: "Size of image in bytes",
      title: "Size",
    },
    orig_name: {
      anyOf: [{ type: "string" }, { type: "null" }],
      default: null,
      description: "Original filename",
      title: "Orig Name",
    },
    mime_type: {
      anyOf: [{ type: "string" }, { type: "null" }],
      default: null,
      description: "mime type of image",
      title: "Mime Type",
    },
    is_stream: {
      default: false,
      description: "Can always be set to False",
      title: "Is Stream",
      type: "boolean",
    },
    meta: { default: { _type: "gradio.FileData" }, title: "Meta", type: "object" },
  },
  title: "ImageData",
  type: "object",
  additional_description:
    "For input, either path or url must be provided. For output, path is always provided.",
} as const;

/** `example_inputs` of `gr.Image`. */
export const IMAGE_EXAMPLE_INPUT = {
  path: "https://raw.githubusercontent.com/gradio-app/gradio/main/test/test_files/bus.png",
  meta: { _type: "gradio.FileData" },
  orig_name: "bus.png",
  url: "https://raw.githubusercontent.com/gradio-app/gradio/main/test/test_files/bus.png",
} as const;

/** `python_type.type` of `gr.Image` in `/info`. */
export const IMAGE_PYTHON_TYPE =
  "dict(path: str | None (Path to a local file), url: str | None (Publicly available url or base64 encoded image), size: int | None (Size of image in bytes), orig_name: str | None (Original filename), mime_type: str | None (mime type of image), is_stream: bool (Can always be set to False), meta: dict())";

/** `api_info` of `gr.File` (FileData). */
export const FILE_DATA_SCHEMA = {
  $defs: {
    FileDataMeta: {
      properties: { _type: { const: "gradio.FileData", title: "Type", type: "string" } },
      required: ["_type"],
      title: "FileDataMeta",
      type: "object",
    },
  },
  properties: {
    path: { title: "Path", type: "string" },
    url: { anyOf: [{ type: "string" }, { type: "null" }], default: null, title: "Url" },
    size: { anyOf: [{ type: "integer" }, { type: "null" }], default: null, title: "Size" },
    orig_name: { anyOf: [{ type: "string" }, { type: "null" }], default: null, title: "Orig Name" },
    mime_type: { anyOf: [{ type: "string" }, { type: "null" }], default: null, title: "Mime Type" },
    is_stream: { default: false, title: "Is Stream", type: "boolean" },
    meta: { $ref: "#/$defs/FileDataMeta" },
  },
  required: ["path"],
  title: "FileData",
  type: "object",
  additional_description:
    "The FileData class is a subclass of the GradioModel class that represents a file object within a Gradio interface. It is used to store file data and metadata when a file is uploaded.\n\nAttributes:\n    path: The server file path where the file is stored.\n    url: The normalized server URL pointing to the file.\n    size: The size of the file in bytes.\n    orig_name: The original filename before upload.\n    mime_type: The MIME type of the file.\n    is_stream: Indicates whether the file is a stream.\n    meta: Additional metadata used internally (should not be changed).",
} as const;

/** `example_inputs` of `gr.File`. */
export const FILE_EXAMPLE_INPUT = {
  path: "https://github.com/gradio-app/gradio/raw/main/test/test_files/sample_file.pdf",
  meta: { _type: "gradio.FileData" },
  orig_name: "sample_file.pdf",
  url: "https://github.com/gradio-app/gradio/raw/main/test/test_files/sample_file.pdf",
} as const;
