// @vitest-environment jsdom
/**
 * The README's complete component (`packages/vue/examples/Story.vue`, which the README shows verbatim: checked in
 * packages/test-utils/src/readme-examples.test.ts) against the test server's `/generate`.
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "@gradio-jobs/core";
import { startTestServer, type TestServer, waitForEvent } from "@gradio-jobs/test-server";
import { mount } from "@vue/test-utils";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Component } from "vue";
import * as vue from "vue";
import { compileScript, parse } from "vue/compiler-sfc";
import * as bindings from "../index.js";

/**
 * Compiles the `<script setup lang="ts">` SFC with Vue's own compiler (template inlined, as in production builds),
 * strips its types with TypeScript and evaluates it with `vue` and `@gradio-jobs/vue` as its only runtime imports.
 * The workspace's Vitest config has no Vue plugin.
 */
function compileSfc(path: string): Component {
  const { descriptor, errors } = parse(readFileSync(path, "utf8"), { filename: path });
  if (errors.length > 0) throw errors[0];
  const { content } = compileScript(descriptor, { id: "story-example", inlineTemplate: true });
  const { outputText } = ts.transpileModule(content, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  });
  const modules: Record<string, unknown> = { vue, "@gradio-jobs/vue": bindings };
  const require = (name: string) => {
    if (!(name in modules)) throw new Error(`Story.vue imports ${name} at run time`);
    return modules[name];
  };
  const exports: { default?: Component } = {};
  new Function("require", "exports", outputText)(require, exports);
  if (!exports.default) throw new Error("Story.vue has no default export");
  return exports.default;
}

const Story = compileSfc(resolve(dirname(fileURLToPath(import.meta.url)), "../../examples/Story.vue"));

let server: TestServer;
let client: Client;
beforeAll(async () => {
  // Real time: ~0.1 s per word, so a job is still running when the prompt changes.
  server = await startTestServer();
  client = await Client.connect(server.url);
});
afterAll(async () => {
  client.close();
  await server.close();
});

describe("README complete component (Vue)", () => {
  it("says it is connecting while there is no client", () => {
    const wrapper = mount(Story, { props: { client: null, prompt: "Once upon a time" } });
    expect(wrapper.text()).toContain("Connecting…");
    expect(wrapper.find("button").exists()).toBe(false);
    wrapper.unmount();
  });

  it("streams the story word by word with a progress bar, and a new prompt cancels the old job", async () => {
    const firstEnd = waitForEvent(server, "job-end", (event) => event.apiName === "generate");
    const wrapper = mount(Story, { props: { client, prompt: "Once upon a time" } });
    const text = () => wrapper.find("pre").text();

    // Streamed text grows while the progress bar and its description show.
    await vi.waitFor(() => expect(text()).toMatch(/^Once upon a time there/));
    expect(wrapper.find("progress").exists()).toBe(true);
    expect(wrapper.find("small").text()).toBe("Writing");
    expect(wrapper.find("button").text()).toBe("Cancel");

    await wrapper.setProps({ client, prompt: "Long ago" });
    expect((await firstEnd).outcome).toBe("cancelled");

    await vi.waitFor(() => expect(text()).toMatch(/^Long ago there/));
    await vi.waitFor(() => expect(text()).toMatch(/one word at a time\.$/), { timeout: 5000 });
    await vi.waitFor(() => expect(wrapper.find("progress").exists()).toBe(false));
    // Nothing reads as an error: the superseded job's cancel is not shown.
    expect(wrapper.find("[role=alert]").exists()).toBe(false);
    expect(wrapper.text()).not.toContain("Cancelled.");
    expect(wrapper.find("button").exists()).toBe(false);
    wrapper.unmount();
  });
});
