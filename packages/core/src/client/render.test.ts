/**
 * `gr.render` (issue #15 item 2): events a render drew become callable by api name once it ran in the client's
 * session, `client.$endpoints` tells listeners, and a new run replaces them. Against the test server's render app
 * (the twin of conformance/apps/render.py); what the server ran is read from its join log.
 */
import { waitForEvent } from "@gradio-jobs/test-server";
import { failOnUnhandled } from "@gradio-jobs/test-utils/reliability-harness";
import { useTestServer } from "@gradio-jobs/test-utils/server";
import { describe, expect, it } from "vitest";
import { EndpointNotFoundError } from "../errors.js";
import type { GradioConfig } from "../wire/endpoints.js";
import { Client } from "./client.js";
import { applyRender, renderConfigOf } from "./render.js";

failOnUnhandled();
const server = useTestServer({ app: "render", timeScale: 0.05 });

const names = (client: Client) => client.endpoints.map((e) => e.apiName);

describe("gr.render", () => {
  it("makes the drawn events callable by name once the render ran, and tells $endpoints", async () => {
    const client = await Client.connect(server().url);
    try {
      expect(names(client)).toEqual([
        "/set_count",
        "/static_echo",
        "/request_info",
        "/token_info",
        "/needs_token",
        "/apply",
      ]);
      await expect(client.predict("/shout_0", ["hi"])).rejects.toBeInstanceOf(EndpointNotFoundError);
      const seen: (string | null)[][] = [];
      const stop = client.$endpoints.listen((endpoints) => seen.push(endpoints.map((e) => e.apiName)));

      expect(await client.predict("/set_count", [2])).toEqual([2]);
      expect(await client.predict("/apply", [])).toEqual([]); // its output is the layout it draws into
      // Known when the render's result is: no wait for another message.
      expect(names(client)).toEqual([
        "/set_count",
        "/static_echo",
        "/request_info",
        "/token_info",
        "/needs_token",
        "/apply",
        "/shout_0",
        "/shout_1",
      ]);
      expect(seen).toEqual([names(client)]);
      expect(client.endpoint("/shout_1")).toMatchObject({ fnIndex: 7, sessionBound: true, queued: true });

      const joined = waitForEvent(server(), "join", (join) => join.fnIndex === 7);
      expect(await client.predict("/shout_1", { param_0: "hi" })).toEqual(["HI!!"]);
      expect((await joined).sessionHash).toBe(client.sessionHash);

      // A new run replaces what the last one drew.
      await client.predict("/set_count", [1]);
      await client.predict("/apply", []);
      expect(names(client)).toEqual([
        "/set_count",
        "/static_echo",
        "/request_info",
        "/token_info",
        "/needs_token",
        "/apply",
        "/shout_0",
      ]);
      await expect(client.predict("/shout_1", ["hi"])).rejects.toBeInstanceOf(EndpointNotFoundError);
      expect(await client.predict("/shout_0", ["hey"])).toEqual(["HEY!"]);
      expect(client.config.dependencies.map((d) => d.api_name)).toEqual([
        "set_count",
        "static_echo",
        "request_info",
        "token_info",
        "needs_token",
        "apply",
        "shout_0",
      ]);
      stop();
    } finally {
      client.close();
    }
  });

  it("draws per session: another client does not get the events, and refresh() keeps them while the app runs", async () => {
    const [a, b] = await Promise.all([Client.connect(server().url), Client.connect(server().url)]);
    try {
      await a.predict("/set_count", [3]);
      await a.predict("/apply", []);
      expect(a.endpoints).toHaveLength(9);
      expect(names(b)).toEqual([
        "/set_count",
        "/static_echo",
        "/request_info",
        "/token_info",
        "/needs_token",
        "/apply",
      ]);
      await expect(b.predict(a.endpoint("/shout_2").fnIndex, ["x"])).rejects.toBeInstanceOf(
        EndpointNotFoundError,
      );
      await a.refresh();
      expect(a.endpoints).toHaveLength(9);
      expect(await a.predict("/shout_2", ["a"])).toEqual(["A!!!"]);
    } finally {
      a.close();
      b.close();
    }
  });
});

describe("applyRender", () => {
  const base: GradioConfig = {
    components: [
      { id: 1, type: "state" },
      { id: 12, type: "textbox", rendered_in: 0 },
      { id: 13, type: "textbox", props: { rendered_in: 0 } },
      { id: 20, type: "textbox", rendered_in: 1 },
    ],
    dependencies: [
      { id: 0, inputs: [], outputs: [] },
      { id: 3, inputs: [12], outputs: [13], rendered_in: 0 },
      { id: 9, inputs: [20], outputs: [20], rendered_in: 1 },
    ],
  };

  it("replaces what the same render drew (6.x top-level and 5.x props.rendered_in), keeps other renders'", () => {
    const render = renderConfigOf({
      data: [null],
      render_config: {
        render_id: 0,
        components: [{ id: 14, type: "textbox", rendered_in: 0 }],
        dependencies: [{ id: 4, inputs: [14], outputs: [14], rendered_in: 0 }],
        layout: {},
      },
    });
    expect(render).not.toBeNull();
    const next = applyRender(base, render!);
    expect(next.components.map((c) => c.id)).toEqual([1, 20, 14]);
    expect(next.dependencies.map((d) => d.id)).toEqual([0, 9, 4]);
  });

  it("finds no render config in ordinary outputs", () => {
    expect(renderConfigOf({ data: [1], render_config: null })).toBeNull();
    expect(
      renderConfigOf({ render_config: { render_id: "0", components: [], dependencies: [] } }),
    ).toBeNull();
    expect(renderConfigOf(undefined)).toBeNull();
  });
});
