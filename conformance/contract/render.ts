/**
 * `gr.render`, refresh and connection options (issue #15 items 2, 5, 6), against `conformance/apps/render.py` (or the
 * test server's render app): events a render drew become callable by name once it ran, in that session only, and a new
 * run replaces them; `refresh()` re-reads the app and keeps them while the app id is the one `{P}/app_id` reports; the
 * app URL's query, `queryParams` and `cookies` reach the function's `gr.Request`; `oauthToken` reaches `gr.OAuthToken`
 * parameters on Gradio 6.21+.
 * @module
 */
import { EndpointNotFoundError, InputError } from "@gradio-jobs/core";
import { describe, expect, it } from "vitest";
import { useClients } from "./helpers.js";
import type { Target } from "./target.js";

const shouts = (names: readonly (string | null)[]) => names.filter((name) => name?.startsWith("/shout_"));

export function renderScenarios(target: () => Target): void {
  describe("gr.render, refresh and connection options", () => {
    const connect = useClients();

    it("gr.render: the events a render drew are callable by name once it ran, $endpoints tells, a new run replaces them", async () => {
      const client = await connect(target().renderUrl);
      const names = () => client.endpoints.map((e) => e.apiName);
      expect(shouts(names())).toEqual([]);
      await expect(client.predict("/shout_0", ["hi"])).rejects.toBeInstanceOf(EndpointNotFoundError);
      const heard: (string | null)[][] = [];
      const stop = client.$endpoints.listen((endpoints) => heard.push(endpoints.map((e) => e.apiName)));

      expect(await client.predict("/set_count", [2])).toEqual([2]);
      // The render listens to the State's change; an API client runs it itself. Its output is the column it draws in.
      expect(await client.predict("/apply", [])).toEqual([]);
      expect(shouts(names())).toEqual(["/shout_0", "/shout_1"]);
      expect(heard.map(shouts)).toEqual([["/shout_0", "/shout_1"]]);
      expect(client.endpoint("/shout_1").sessionBound).toBe(true);
      expect(await client.predict("/shout_1", ["hi"])).toEqual(["HI!!"]);
      expect(await client.predict("/shout_0", ["hi"])).toEqual(["HI!"]);

      // A new run replaces them, with new fn indexes; Gradio 5.45+ names every other run's events with a suffix
      // (`/shout_0_1`: the name was still taken by the last run's), 5.14 does not.
      await client.predict("/set_count", [1]);
      await client.predict("/apply", []);
      const [again, ...more] = shouts(names());
      expect(more).toEqual([]);
      expect(again).toMatch(/^\/shout_0(_1)?$/);
      expect(client.endpoint(again as string).fnIndex).toBeGreaterThan(client.endpoint("/set_count").fnIndex);
      await expect(client.predict("/shout_1", ["hi"])).rejects.toBeInstanceOf(EndpointNotFoundError);
      expect(await client.predict(again as string, ["hey"])).toEqual(["HEY!"]);
      expect(heard).toHaveLength(2);
      stop();
    });

    it("gr.render draws per session; refresh() re-reads the app and keeps them while {P}/app_id is config.app_id", async () => {
      const t = target();
      const drawer = await connect(t.renderUrl);
      const other = await connect(t.renderUrl);
      await drawer.predict("/set_count", [3]);
      await drawer.predict("/apply", []);
      expect(shouts(drawer.endpoints.map((e) => e.apiName))).toHaveLength(3);
      expect(shouts(other.endpoints.map((e) => e.apiName))).toEqual([]);

      // The restart check's premise: the app id route answers the config's app id (a number, parsed alike).
      const { app_id } = (await (await fetch(`${drawer.apiBase}/app_id`)).json()) as { app_id: unknown };
      expect(app_id).toBe(drawer.config.app_id);
      await drawer.refresh();
      expect(drawer.$restarted.get()).toBeNull();
      expect(shouts(drawer.endpoints.map((e) => e.apiName))).toHaveLength(3);
      expect(await drawer.predict("/shout_2", ["a"])).toEqual(["A!!!"]);
    });

    it("the app URL's query and queryParams reach gr.Request.query_params, and the cookies option its cookies", async () => {
      const t = target();
      const client = await connect(`${t.renderUrl}/?lang=de&view=api`, {
        queryParams: { x: "1 2" },
        cookies: "probe=yum; other=1",
      });
      expect(client.url).toBe(t.renderUrl);
      expect(await client.predict("/request_info")).toEqual([
        { query: { lang: "de", x: "1 2" }, probe_cookie: "yum" },
      ]);
      const plain = await connect(t.renderUrl);
      expect(await plain.predict("/request_info")).toEqual([{ query: {}, probe_cookie: null }]);
    });

    it("oauthToken reaches gr.OAuthToken parameters on 6.21+, where /info names them; before, /info says nothing", async () => {
      const t = target();
      const client = await connect(t.renderUrl, { oauthToken: "hf_conformance1234" });
      const [major = 0, minor = 0] = String(client.config.version).split(".").map(Number);
      if (major < 6 || (major === 6 && minor < 21)) {
        // 5.x has no oauth_token in /info or in the join body (its gr.OAuthToken comes from an OAuth login only).
        expect(client.endpoint("/token_info").oauthToken).toBeNull();
        expect(client.endpoint("/needs_token").oauthToken).toBeNull();
        return;
      }
      expect(client.endpoint("/token_info").oauthToken).toBe("optional");
      expect(client.endpoint("/needs_token").oauthToken).toBe("required");
      expect(client.endpoint("/static_echo").oauthToken).toBeNull();
      expect(await client.predict("/token_info", ["a"])).toEqual(["a:hf_conformance1234"]);
      expect(await client.predict("/needs_token", ["b"])).toEqual(["b:hf_conformance1234"]);
      const plain = await connect(t.renderUrl);
      expect(await plain.predict("/token_info", ["c"])).toEqual(["c:none"]);
      await expect(plain.predict("/needs_token", ["d"])).rejects.toBeInstanceOf(InputError);
    });
  });
}
