import type { DemoFunction, DemoGenerator } from "../queue/job-context.js";
import {
  button,
  type ComponentSpec,
  file,
  form,
  image,
  json,
  number,
  radio,
  row,
  state,
  textbox,
} from "./components.js";
import * as demo from "./demo-functions.js";

/** A node of `page[""].layout`. */
export interface LayoutNode {
  id: number;
  children?: LayoutNode[];
}

/** One event listener of the demo app: its config entry facts plus the function behind it. */
export interface Endpoint {
  /** Dependency id = fn_index. */
  id: number;
  apiName: string;
  /** Python function name, used in Gradio's error texts. */
  pythonName: string;
  trigger: number;
  inputs: number[];
  outputs: number[];
  /** Python argument names of the API-visible inputs, in order. */
  parameterNames: string[];
  queue: boolean;
  /** Concurrency limit of its group (one group per function); null means unlimited. */
  concurrencyLimit: number | null;
  run: { kind: "function"; fn: DemoFunction } | { kind: "generator"; fn: DemoGenerator };
  /** Not part of the real demo app (config.txt); added for SDK tests. */
  testServerOnly: boolean;
}

/** The demo app: components, layout and endpoints. */
export interface DemoApp {
  components: Map<number, ComponentSpec>;
  layout: LayoutNode;
  endpoints: Endpoint[];
}

function node(id: number, ...children: LayoutNode[]): LayoutNode {
  return children.length > 0 ? { id, children } : { id };
}

function leaves(...ids: number[]): LayoutNode[] {
  return ids.map((id) => node(id));
}

type EndpointRow = Omit<Endpoint, "queue" | "concurrencyLimit" | "testServerOnly" | "pythonName"> &
  Partial<Pick<Endpoint, "queue" | "concurrencyLimit" | "testServerOnly" | "pythonName">>;

function endpoint(row: EndpointRow): Endpoint {
  return { queue: true, concurrencyLimit: 1, testServerOnly: false, pythonName: row.apiName, ...row };
}

const fn = (f: DemoFunction) => ({ kind: "function", fn: f }) as const;
const gen = (f: DemoGenerator) => ({ kind: "generator", fn: f }) as const;

/**
 * Builds the demo app of the real-Gradio transcripts (config.txt / info.txt, same ids and names),
 * followed by the test-server-only extras (dependency ids 12+, component ids 52+).
 */
export function buildDemoApp(): DemoApp {
  const components: ComponentSpec[] = [
    row(1),
    number(2, "a", 4),
    radio(3, "op", ["add", "subtract", "multiply", "divide"], "add"),
    number(4, "b", 5),
    number(5, "result"),
    form(6, 4, 640),
    button(7, "calc"),
    number(8, "n", 5, 0),
    number(9, "count"),
    button(10, "count"),
    number(11, "steps", 4, 0),
    textbox(12, "progress result"),
    button(13, "progress"),
    textbox(14, "slow input", "x"),
    textbox(15, "slow output"),
    button(16, "slow"),
    textbox(17, "fail input", "x"),
    textbox(18, "fail output"),
    button(19, "fail"),
    number(20, "long_stream n", 60, 0),
    textbox(21, "long_stream output"),
    button(22, "long_stream"),
    image(23, "image in"),
    image(24, "image out"),
    button(25, "flip"),
    file(26, "file in"),
    file(27, "file out"),
    button(28, "flip_file"),
    state(29, 0),
    number(30, "counter"),
    button(31, "increment"),
    textbox(32, "name", "gradio"),
    textbox(33, "text"),
    number(34, "length"),
    json(35, "json"),
    button(36, "multi"),
    textbox(37, "log input", "x"),
    textbox(38, "log output"),
    button(39, "log"),
    number(40, "secs", 17),
    textbox(41, "sleep output"),
    button(42, "sleep"),
    ...[43, 44, 45, 46, 47, 48, 49, 50, 51].map((id) => form(id)),
    // Test-server extras.
    textbox(52, "stream_text input", "hello streaming world"),
    textbox(53, "stream_text output"),
    button(54, "stream_text"),
    number(55, "grow_list n", 3, 0),
    json(56, "grow_list output"),
    button(57, "grow_list"),
    textbox(58, "direct input", "x"),
    textbox(59, "direct output"),
    button(60, "direct"),
    textbox(61, "hold key", "k"),
    textbox(62, "hold output"),
    button(63, "hold"),
    textbox(64, "raise input", "x"),
    textbox(65, "raise output"),
    button(66, "raise"),
    ...[67, 68, 69, 70, 71].map((id) => form(id)),
  ];

  const layout = node(
    0,
    node(1, node(6, ...leaves(2, 3, 4, 5))),
    node(7),
    node(43, ...leaves(8, 9)),
    node(10),
    node(44, ...leaves(11, 12)),
    node(13),
    node(45, ...leaves(14, 15)),
    node(16),
    node(46, ...leaves(17, 18)),
    node(19),
    node(47, ...leaves(20, 21)),
    ...leaves(22, 23, 24, 25, 26, 27, 28, 29),
    node(48, node(30)),
    node(31),
    node(49, ...leaves(32, 33, 34)),
    ...leaves(35, 36),
    node(50, ...leaves(37, 38)),
    node(39),
    node(51, ...leaves(40, 41)),
    node(42),
    node(67, ...leaves(52, 53)),
    node(54),
    node(68, node(55)),
    ...leaves(56, 57),
    node(69, ...leaves(58, 59)),
    node(60),
    node(70, ...leaves(61, 62)),
    node(63),
    node(71, ...leaves(64, 65)),
    node(66),
  );

  const extra = { testServerOnly: true };
  const endpoints: Endpoint[] = [
    endpoint({
      id: 0,
      apiName: "predict",
      pythonName: "calculator",
      trigger: 7,
      inputs: [2, 3, 4],
      outputs: [5],
      parameterNames: ["a", "op", "b"],
      run: fn(demo.calculator),
    }),
    endpoint({
      id: 1,
      apiName: "count",
      trigger: 10,
      inputs: [8],
      outputs: [9],
      parameterNames: ["n"],
      run: gen(demo.count),
    }),
    endpoint({
      id: 2,
      apiName: "progress",
      trigger: 13,
      inputs: [11],
      outputs: [12],
      parameterNames: ["steps"],
      run: fn(demo.progress),
    }),
    endpoint({
      id: 3,
      apiName: "slow",
      trigger: 16,
      inputs: [14],
      outputs: [15],
      parameterNames: ["x"],
      run: fn(demo.slow),
    }),
    endpoint({
      id: 4,
      apiName: "fail",
      trigger: 19,
      inputs: [17],
      outputs: [18],
      parameterNames: ["x"],
      run: fn(demo.fail),
    }),
    endpoint({
      id: 5,
      apiName: "long_stream",
      trigger: 22,
      inputs: [20],
      outputs: [21],
      parameterNames: ["n"],
      run: gen(demo.longStream),
    }),
    endpoint({
      id: 6,
      apiName: "flip",
      trigger: 25,
      inputs: [23],
      outputs: [24],
      parameterNames: ["img"],
      run: fn(demo.flip),
    }),
    endpoint({
      id: 7,
      apiName: "flip_file",
      trigger: 28,
      inputs: [26],
      outputs: [27],
      parameterNames: ["path"],
      run: fn(demo.flipFile),
    }),
    endpoint({
      id: 8,
      apiName: "increment",
      trigger: 31,
      inputs: [29],
      outputs: [29, 30],
      parameterNames: [],
      run: fn(demo.increment),
    }),
    endpoint({
      id: 9,
      apiName: "multi",
      trigger: 36,
      inputs: [32],
      outputs: [33, 34, 35],
      parameterNames: ["name"],
      run: fn(demo.multi),
    }),
    endpoint({
      id: 10,
      apiName: "log",
      trigger: 39,
      inputs: [37],
      outputs: [38],
      parameterNames: ["x"],
      run: fn(demo.logMessages),
    }),
    endpoint({
      id: 11,
      apiName: "sleep",
      trigger: 42,
      inputs: [40],
      outputs: [41],
      parameterNames: ["secs"],
      run: fn(demo.sleep),
    }),
    endpoint({
      id: 12,
      apiName: "stream_text",
      trigger: 54,
      inputs: [52],
      outputs: [53],
      parameterNames: ["text"],
      run: gen(demo.streamText),
      ...extra,
    }),
    endpoint({
      id: 13,
      apiName: "grow_list",
      trigger: 57,
      inputs: [55],
      outputs: [56],
      parameterNames: ["n"],
      run: gen(demo.growList),
      ...extra,
    }),
    endpoint({
      id: 14,
      apiName: "direct",
      trigger: 60,
      inputs: [58],
      outputs: [59],
      parameterNames: ["x"],
      run: fn(demo.direct),
      queue: false,
      ...extra,
    }),
    endpoint({
      id: 15,
      apiName: "hold",
      trigger: 63,
      inputs: [61],
      outputs: [62],
      parameterNames: ["key"],
      run: fn(demo.hold),
      concurrencyLimit: null,
      ...extra,
    }),
    endpoint({
      id: 16,
      apiName: "raise",
      trigger: 66,
      inputs: [64],
      outputs: [65],
      parameterNames: ["x"],
      run: fn(demo.raiseError),
      ...extra,
    }),
  ];

  return { components: new Map(components.map((spec) => [spec.config.id, spec])), layout, endpoints };
}
