import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../server.js";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ maxFileSize: 5_000_000, version: "5.14.0" });
});
afterAll(() => server.close());

interface Dependency {
  id: number;
  api_name: string;
  inputs: number[];
  outputs: number[];
  queue: boolean;
  types: { generator: boolean; cancel: boolean };
  backend_fn: boolean;
  js: null;
  show_api: boolean;
}

describe("GET /config (config.txt)", () => {
  it("has the top-level fields of a 5.x sse_v3 server, with root from the request Host", async () => {
    const response = await fetch(`${server.url}/config`, { headers: { accept: "application/json" } });
    expect(response.headers.get("content-type")).toBe("application/json");
    const config = await response.json();
    expect(config).toMatchObject({
      version: "5.14.0",
      api_prefix: "/gradio_api",
      protocol: "sse_v3",
      enable_queue: true,
      connect_heartbeat: true,
      max_file_size: 5_000_000,
      show_api: true,
      show_error: true,
      root: server.url,
      username: null,
    });
    expect(Number.isSafeInteger(config.app_id)).toBe(true);
    expect(await (await fetch(`${server.url}/gradio_api/app_id`)).json()).toEqual({ app_id: config.app_id });
    const viaProxy = await (
      await fetch(`${server.url}/config`, {
        headers: { "x-forwarded-host": "example.org", "x-forwarded-proto": "https" },
      })
    ).json();
    expect(viaProxy.root).toBe("https://example.org");
  });

  it("lists the demo app's dependencies in fn_index order, then the test-server extras", async () => {
    const config = await (await fetch(`${server.url}/config`)).json();
    const dependencies = config.dependencies as Dependency[];
    expect(dependencies.map((dependency) => [dependency.id, dependency.api_name])).toEqual([
      [0, "predict"],
      [1, "count"],
      [2, "progress"],
      [3, "slow"],
      [4, "fail"],
      [5, "long_stream"],
      [6, "flip"],
      [7, "flip_file"],
      [8, "increment"],
      [9, "multi"],
      [10, "log"],
      [11, "sleep"],
      [12, "stream_text"],
      [13, "grow_list"],
      [14, "direct"],
      [15, "hold"],
      [16, "raise"],
      [17, "generate"],
    ]);
    expect(dependencies[0]).toMatchObject({
      inputs: [2, 3, 4],
      outputs: [5],
      backend_fn: true,
      js: null,
      queue: true,
      show_api: true,
    });
    expect(dependencies[1]?.types).toEqual({ generator: true, cancel: false });
    expect(dependencies[8]).toMatchObject({ inputs: [29], outputs: [29, 30] });
    expect(dependencies[14]?.queue).toBe(false);
    const state = (config.components as Array<{ id: number; type: string; skip_api: boolean }>).find(
      (c) => c.id === 29,
    );
    expect(state).toMatchObject({ type: "state", skip_api: true });
  });

  it("GET / embeds window.gradio_config and window.gradio_api_info", async () => {
    const html = await (await fetch(`${server.url}/`)).text();
    expect(html).toContain("window.gradio_config = {");
    expect(html).toContain("window.gradio_api_info = {");
    expect((await fetch(`${server.url}/`, { method: "HEAD" })).status).toBe(200);
  });
});

describe("GET {P}/info (info.txt)", () => {
  it("describes parameters and returns like real Gradio", async () => {
    const info = await (await fetch(`${server.url}/gradio_api/info`)).json();
    expect(info.unnamed_endpoints).toEqual({});
    expect(info.named_endpoints["/predict"].parameters[1]).toEqual({
      label: "op",
      parameter_name: "op",
      parameter_has_default: true,
      parameter_default: "add",
      type: { enum: ["add", "subtract", "multiply", "divide"], title: "Radio", type: "string" },
      python_type: { type: "Literal['add', 'subtract', 'multiply', 'divide']", description: "" },
      component: "Radio",
      example_input: "add",
    });
    expect(info.named_endpoints["/predict"].returns).toEqual([
      {
        label: "result",
        type: { type: "number" },
        python_type: { type: "float", description: "" },
        component: "Number",
      },
    ]);
    expect(info.named_endpoints["/increment"].parameters).toEqual([]);
    expect(info.named_endpoints["/flip"].parameters[0]).toMatchObject({
      parameter_name: "img",
      parameter_has_default: false,
      parameter_default: null,
      component: "Image",
    });
    expect(info.named_endpoints["/count"].parameters[0].type).toEqual({ type: "integer" });
    expect(info.named_endpoints["/slow"]).toMatchObject({ show_api: true, description: "" });
  });

  it("?all_endpoints=false still means all (the quirk); every demo endpoint is public anyway", async () => {
    const all = await (await fetch(`${server.url}/gradio_api/info?all_endpoints=false`)).json();
    const plain = await (await fetch(`${server.url}/gradio_api/info`)).json();
    expect(all).toEqual(plain);
    expect(Object.keys(all.named_endpoints)).toHaveLength(18);
  });
});
