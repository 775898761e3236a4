import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { useTestServer } from "@gradio-jobs/test-utils/server";
import { typeCheck } from "@gradio-jobs/test-utils/type-check";
import { describe, expect, it } from "vitest";
import { Client } from "../client/client.js";
import { describeEndpoints, type EndpointInfo, type GradioConfig } from "../wire/endpoints.js";
import { generateApiTypes, schemaToType } from "./api-types.js";

const testingDir = fileURLToPath(new URL(".", import.meta.url));

/** `gr.File`'s schema in Gradio 5.x `/info` (descriptions left out). */
const FILE_DATA_SCHEMA = {
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
    meta: { $ref: "#/$defs/FileDataMeta" },
  },
  required: ["path"],
  title: "FileData",
  type: "object",
};

/** `gr.Image`'s schema in Gradio 5.x `/info` (descriptions left out). */
const IMAGE_DATA_SCHEMA = {
  properties: {
    path: { anyOf: [{ type: "string" }, { type: "null" }], default: null, title: "Path" },
    url: { anyOf: [{ type: "string" }, { type: "null" }], default: null, title: "Url" },
    meta: { default: { _type: "gradio.FileData" }, title: "Meta", type: "object" },
  },
  title: "ImageData",
  type: "object",
};

describe("schemaToType", () => {
  it.each([
    [{ type: "string" }, "string"],
    [{ type: "number" }, "number"],
    [{ type: "integer" }, "number"],
    [{ type: "boolean" }, "boolean"],
    [{ type: "null" }, "null"],
    [{ type: ["string", "null"] }, "string | null"],
    [{ const: "gradio.FileData" }, '"gradio.FileData"'],
    [{ enum: ["add", 'say "hi"'], type: "string" }, '"add" | "say \\"hi\\""'],
    [{ enum: [1, 2.5, -3, true, null] }, "1 | 2.5 | -3 | true | null"],
    [{ enum: [{ a: 1 }] }, "unknown"],
    [{ anyOf: [{ type: "integer" }, { type: "null" }], default: null }, "number | null"],
    [{ oneOf: [{ type: "string" }, { type: "string" }, { type: "number" }] }, "string | number"],
    [{ anyOf: [{ type: "string" }, {}] }, "unknown"],
    [{ allOf: [{ type: "string" }] }, "string"],
    [
      {
        allOf: [{ properties: { a: { type: "string" } } }, { anyOf: [{ type: "null" }, { type: "object" }] }],
      },
      "{ a?: string } & (null | { [key: string]: unknown })",
    ],
  ])("scalars, enums and unions: %j → %s", (schema, type) => {
    expect(schemaToType(schema)).toBe(type);
  });

  it.each([
    [{ type: "array", items: { type: "string" } }, "string[]"],
    [{ type: "array", items: { enum: ["p", "q"] } }, '("p" | "q")[]'],
    [{ type: "array", items: { type: "array", items: { type: "number" } } }, "number[][]"],
    [{ type: "array" }, "unknown[]"],
    [
      { type: "array", prefixItems: [{ type: "string" }, { type: "number" }], items: false },
      "[string, number]",
    ],
    [{ type: "array", prefixItems: [{ type: "string" }] }, "[string]"],
    [
      { type: "array", prefixItems: [{ type: "string" }], items: { type: ["number", "null"] } },
      "[string, ...(number | null)[]]",
    ],
    [{ type: "array", items: [{ type: "string" }, { type: "boolean" }] }, "[string, boolean]"],
    [
      { type: "array", items: [{ type: "string" }], additionalItems: { type: "number" } },
      "[string, ...number[]]",
    ],
  ])("arrays and tuples: %j → %s", (schema, type) => {
    expect(schemaToType(schema)).toBe(type);
  });

  it.each([
    [
      { type: "object", properties: { a: { type: "string" }, b: { type: "number" } }, required: ["a"] },
      "{ a: string; b?: number }",
    ],
    [
      {
        properties: { "my key": { type: "string" }, $ok: { type: "string" }, "1st": {} },
        required: ["my key"],
      },
      '{ "my key": string; $ok?: string; "1st"?: unknown }',
    ],
    [{ type: "object" }, "{ [key: string]: unknown }"],
    [{ type: "object", additionalProperties: { type: "integer" } }, "{ [key: string]: number }"],
    [{ type: "object", additionalProperties: false }, "Record<string, never>"],
    [
      { type: "object", properties: { a: { type: "string" } }, additionalProperties: true },
      "{ a?: string; [key: string]: unknown }",
    ],
  ])("objects: %j → %s", (schema, type) => {
    expect(schemaToType(schema)).toBe(type);
  });

  it("maps Gradio's file models to FileData for outputs and FileArg for inputs", () => {
    expect(schemaToType(FILE_DATA_SCHEMA)).toBe("FileData");
    expect(schemaToType(IMAGE_DATA_SCHEMA)).toBe("FileData");
    expect(schemaToType(FILE_DATA_SCHEMA, { direction: "input" })).toBe("FileArg");
    expect(schemaToType({ type: "array", items: IMAGE_DATA_SCHEMA }, { direction: "input" })).toBe(
      "FileArg[]",
    );
    // A model with Gradio's file marker fields but another title (e.g. a subclass) is a file too.
    expect(schemaToType({ title: "Other", properties: { path: {}, meta: {} } })).toBe("FileData");
  });

  it("resolves $ref into $defs and definitions, files by name, and stops on recursion", () => {
    const video = {
      $defs: { FileData: FILE_DATA_SCHEMA },
      properties: {
        video: { $ref: "#/$defs/FileData" },
        subtitles: { anyOf: [{ $ref: "#/$defs/FileData" }, { type: "null" }] },
      },
      required: ["video"],
      title: "VideoData",
      type: "object",
    };
    expect(schemaToType(video, { direction: "input" })).toBe(
      "{ video: FileArg; subtitles?: FileArg | null }",
    );
    const named = {
      definitions: { Point: { type: "object", properties: { x: { type: "number" } }, required: ["x"] } },
      type: "array",
      items: { $ref: "#/definitions/Point" },
    };
    expect(schemaToType(named)).toBe("{ x: number }[]");
    const tree = {
      $defs: {
        Node: {
          type: "object",
          properties: { children: { type: "array", items: { $ref: "#/$defs/Node" } } },
        },
      },
      $ref: "#/$defs/Node",
    };
    expect(schemaToType(tree)).toBe("{ children?: unknown[] }");
    expect(schemaToType({ $ref: "#/$defs/Missing" })).toBe("unknown");
    expect(schemaToType({ $ref: "https://example.com/schema" })).toBe("unknown");
  });

  it("says unknown for what it cannot express, and never for the false schema", () => {
    // gr.JSON: "any valid json", with a `type` that is not a JSON-schema type (Gradio 5.x /info).
    expect(schemaToType({ type: {}, description: "any valid json" })).toBe("unknown");
    expect(schemaToType({})).toBe("unknown");
    expect(schemaToType(true)).toBe("unknown");
    expect(schemaToType(null)).toBe("unknown");
    expect(schemaToType({ type: "bigint" })).toBe("unknown");
    expect(schemaToType(false)).toBe("never");
  });
});

function endpoint(overrides: Partial<EndpointInfo> & Pick<EndpointInfo, "apiName">): EndpointInfo {
  return {
    fnIndex: 0,
    parameters: [],
    returns: [],
    hiddenInputs: [],
    hiddenOutputs: [],
    generator: false,
    sessionBound: false,
    queued: true,
    visibility: "public",
    collectsEventData: false,
    triggerId: null,
    description: null,
    timeLimit: null,
    oauthToken: null,
    streamEvery: null,
    ...overrides,
  };
}

function param(
  name: string,
  type: unknown,
  ...defaultValue: [value?: unknown]
): EndpointInfo["parameters"][number] {
  const hasDefault = defaultValue.length > 0;
  return {
    name,
    label: name,
    type,
    hasDefault,
    default: hasDefault ? defaultValue[0] : null,
    pythonType: null,
    component: "Textbox",
  };
}

function output(label: string, type: unknown): EndpointInfo["returns"][number] {
  return { label, type, pythonType: null, component: "Textbox" };
}

describe("generateApiTypes", () => {
  it("makes a positional argument optional only when it and every later one have a default", () => {
    const text = generateApiTypes([
      endpoint({
        apiName: "/mixed",
        parameters: [
          param("a", { type: "string" }, "x"),
          param("b", { type: "number" }),
          param("c", { type: "boolean" }, true),
        ],
        returns: [output("joined", { type: "string" })],
      }),
    ]);
    expect(text).toContain("args: [a: string, b: number, c?: boolean];");
    expect(text).toContain("kwargs: { a?: string; b: number; c?: boolean };");
    expect(text).toContain("returns: [joined: string];");
  });

  it("lets a parameter whose Python default is None take null", () => {
    const text = generateApiTypes([
      endpoint({
        apiName: "/img",
        parameters: [param("img", IMAGE_DATA_SCHEMA, null)],
        returns: [output("out", IMAGE_DATA_SCHEMA)],
      }),
    ]);
    expect(text).toContain("args: [img?: FileArg | null];");
    expect(text).toContain("returns: [out: FileData];");
    expect(text).toContain('import type { FileArg, FileData } from "@gradio-jobs/core";');
  });

  it("quotes unsafe keys, turns labels into unique tuple labels, and escapes comments", () => {
    const text = generateApiTypes([
      endpoint({
        apiName: "/names",
        parameters: [
          param("default", { type: "string" }),
          param("ünïcode", { type: "string" }),
          param("x-y", { type: "string" }),
        ],
        returns: [
          output("progress result", { type: "string" }),
          output("progress result", { type: "string" }),
          output("3d */ model", { type: "string" }),
          output("", { type: "string" }),
        ],
      }),
    ]);
    expect(text).toContain("args: [default_: string, ünïcode: string, x_y: string];");
    expect(text).toContain('kwargs: { default: string; ünïcode: string; "x-y": string };');
    // Too long for one line: one element per line.
    expect(text).toContain(
      "    returns: [\n      progress_result: string,\n      progress_result_2: string,\n      _3d_model: string,\n" +
        "      value3: string,\n    ];",
    );
    expect(text).toContain("`3d *\\/ model` (Textbox)");
    expect(text).not.toMatch(/3d \*\/ model/);
  });

  it("puts the endpoint's own description (api_description or docstring) first in its JSDoc, paragraph by paragraph", () => {
    const text = generateApiTypes([
      endpoint({ apiName: "/add", description: "Adds two numbers.\n\nArgs:  a: first */ b: second" }),
    ]);
    expect(text).toContain(
      "  /**\n   * Adds two numbers.\n   *\n   * Args: a: first *\\/ b: second\n   *\n   * fn_index 0. No parameters.",
    );
  });

  it("describes public named endpoints only, unless asked for undocumented ones too", () => {
    const endpoints = [
      endpoint({ apiName: "/shown", fnIndex: 0 }),
      endpoint({ apiName: "/hidden", fnIndex: 1, visibility: "undocumented" }),
      endpoint({ apiName: "/private", fnIndex: 2, visibility: "private" }),
      endpoint({ apiName: null, fnIndex: 3 }),
    ];
    const keys = (text: string) => [...text.matchAll(/^ {2}"([^"]+)": \{$/gm)].map((match) => match[1]);
    expect(keys(generateApiTypes(endpoints))).toEqual(["/shown"]);
    expect(keys(generateApiTypes(endpoints, { includeUndocumented: true }))).toEqual(["/shown", "/hidden"]);
    expect(generateApiTypes(endpoints)).toContain(
      '  "/shown": {\n    args: [];\n    kwargs: Record<string, never>;\n    returns: [];\n  };',
    );
  });

  it("takes the interface name, the import module and the header from its options", () => {
    const text = generateApiTypes([endpoint({ apiName: "/f", returns: [output("f", FILE_DATA_SCHEMA)] })], {
      name: "MyApp",
      importFrom: "../sdk",
      source: "owner/space",
      gradioVersion: "5.14.0",
    });
    expect(text.split("\n").slice(0, 3)).toEqual([
      "// Generated by `gradio-jobs types` from owner/space (Gradio 5.14.0).",
      "// Do not edit: regenerate it when the app changes.",
      'import type { FileData } from "../sdk";',
    ]);
    expect(text).toContain("export interface MyApp {");
    expect(generateApiTypes([])).toMatch(/export interface GradioApi \{\}\n$/);
    expect(generateApiTypes([])).not.toContain("import");
    expect(() => generateApiTypes([], { name: "my api" })).toThrow(TypeError);
    expect(() => generateApiTypes([], { name: "class" })).toThrow(TypeError);
  });

  it("opens a Dropdown's choices to any string when the config says allow_custom_value", () => {
    const config: GradioConfig = {
      components: [
        { id: 1, type: "dropdown", props: { allow_custom_value: true } },
        { id: 2, type: "dropdown", props: { allow_custom_value: false } },
      ],
      dependencies: [{ id: 0, api_name: "pick", inputs: [1], outputs: [2] }],
    };
    const choices = { enum: ["s", "t"], type: "string" };
    const text = generateApiTypes(
      [
        endpoint({
          apiName: "/pick",
          parameters: [param("choice", choices)],
          returns: [output("out", choices)],
          hiddenInputs: [false],
          hiddenOutputs: [false],
        }),
      ],
      { config },
    );
    expect(text).toContain('args: [choice: "s" | "t" | (string & Record<never, never>)];');
    expect(text).toContain('returns: [out: "s" | "t"];');
  });
});

describe("generated types of real apps", () => {
  // The committed description (demo-api.d.ts) is of the demo app on Gradio 5.14.
  const server = useTestServer({ version: "5.14.0" });

  it("match the committed description of the test server's demo app, which the type tests use", async () => {
    const client = await Client.connect(server().url);
    const text = generateApiTypes(client.endpoints, {
      source: "packages/test-server",
      gradioVersion: client.config.version,
      config: client.config,
    });
    // The committed copy is read by tsc and by the `*.test-d.ts` type tests (index.test-d.ts, React, Vue).
    await expect(`// biome-ignore-all format: generated by api-types.test.ts\n${text}`).toMatchFileSnapshot(
      "../../../test-utils/src/demo-api.d.ts",
    );
  });

  it("type-check for every component of a real Gradio 5.14 app, files and dropdowns included", () => {
    const fixture = JSON.parse(
      readFileSync(new URL("../../../test-utils/src/fixtures/components-5.14.json", import.meta.url), "utf8"),
    ) as { config: GradioConfig; info: unknown };
    const endpoints = describeEndpoints(fixture.config, fixture.info);
    const text = generateApiTypes(endpoints, { config: fixture.config, includeUndocumented: true });
    expect(text).toContain('"/media": {');
    expect(text).toContain('"/hidden": {');
    const usage = `
      import { Client, type FileData } from "@gradio-jobs/core";
      import type { GradioApi } from "./components-api.js";
      declare const client: Client<GradioApi>;
      export async function use(file: File): Promise<FileData> {
        const [image] = await client.predict("/optional_image");
        await client.predict("/optional_image", { img: null });
        client.submit("/mixed", { class_: "required" });
        client.submit("/mixed", ["default given", "required"]);
        // @ts-expect-error class_ has no default
        client.submit("/mixed", { default_first: "x" });
        const [, , , , , , gallery] = await client.predict("/media", [file, file, file, [file], file, { video: file }, [{ image: file }], file, {}, { text: "hi", files: [file] }, file]);
        const first: FileData | undefined = gallery[0] && "image" in gallery[0] ? gallery[0].image : undefined;
        const [, , , chat] = await client.predict("/data", { param_1: {}, param_2: [], param_6: { image: file, annotations: [] }, param_7: "", param_8: "" });
        const role: string | undefined = chat[0]?.role;
        const [, , , , , , , dropdownPair, , custom] = await client.predict("/scalars", { param_0: "", param_5: "x", param_7: 2, param_9: "custom value", param_10: "", param_11: "", param_12: "" });
        const pair: 1 | 2 = dropdownPair;
        // @ts-expect-error not a choice
        client.submit("/scalars", { param_0: "", param_5: "z", param_10: "", param_11: "", param_12: "" });
        void first; void role; void pair; void custom;
        return image;
      }
    `;
    expect(typeCheck({ "components-api.d.ts": text, "use-components-api.ts": usage }, testingDir)).toEqual(
      [],
    );
  }, 60_000);
});
