// @vitest-environment jsdom
import type { Client, Job } from "@gradio-jobs/core";
import { setUpBindingTests } from "@gradio-jobs/test-utils/bindings";
import { stubAnimationFrames } from "@gradio-jobs/test-utils/frames";
import { mount } from "@vue/test-utils";
import { describe, expect, it, vi } from "vitest";
import * as vue from "vue";
import {
  type Component,
  defineComponent,
  effectScope,
  h,
  isReadonly,
  isRef,
  nextTick,
  onUpdated,
  type PropType,
  ref,
  shallowRef,
} from "vue";
import { compileScript, parse } from "vue/compiler-sfc";
import * as bindings from "./index.js";
import { type UseJobOptions, useJob } from "./use-job.js";

const grace = 100;
const harness = setUpBindingTests({ keyPrefix: "vue-job", grace: grace });
const { session, holdKey, ended } = harness;
const afterGrace = () => new Promise((resolve) => setTimeout(resolve, grace + 10));
/** The job the composables share for this call: a same-tick duplicate is discarded and the shared one returned. */
const sharedJob = (client: Client, name: string) =>
  harness.probeShared(client.submit<[string]>("/hold", [name]));

/** `useJob(() => client.submit("/hold", [name.value]))` in its own effect scope, as a component's setup would. */
function holdInScope(
  client: Client,
  name: { value: string },
  options?: UseJobOptions,
  rerun?: { value: number },
) {
  const scope = effectScope();
  const refs = scope.run(() =>
    useJob(() => {
      void rerun?.value; // re-runs the getter without changing the call
      return client.submit<[string]>("/hold", [name.value]);
    }, options),
  )!;
  return { scope, refs };
}

describe("useJob in an effect scope", () => {
  it("submits exactly one job per distinct call made by a getter, and follows it", async () => {
    const { client, joins } = await session();
    const a = holdKey();
    const name = ref(a);
    const rerun = ref(0);
    const { scope, refs } = holdInScope(client, name, {}, rerun);
    expect(refs.stage.value).toBe("pending");
    for (let i = 0; i < 3; i++) {
      rerun.value += 1;
      await nextTick();
    }
    await vi.waitFor(() => expect(refs.stage.value).toBe("running"));
    rerun.value += 1;
    await nextTick();
    harness.server.release(a);
    await vi.waitFor(() => expect(refs.stage.value).toBe("complete"));
    expect(refs.latest.value).toEqual([`released:${a}`]);
    expect(refs.result.value).toEqual([`released:${a}`]);
    expect(refs.done.value).toBe(true);
    rerun.value += 1;
    await nextTick();
    expect(joins).toHaveLength(1);

    const b = holdKey();
    name.value = b;
    await nextTick();
    await vi.waitFor(() => expect(refs.stage.value).toBe("running"));
    expect(refs.latest.value).toBeUndefined();
    harness.server.release(b);
    await vi.waitFor(() => expect(refs.latest.value).toEqual([`released:${b}`]));
    expect(joins).toHaveLength(2);
    scope.stop();
  });

  it("cancels the superseded job when the call changes (default)", async () => {
    const { client, joins } = await session();
    const a = holdKey();
    const name = ref(a);
    const { scope, refs } = holdInScope(client, name);
    await vi.waitFor(() => expect(refs.stage.value).toBe("running"));
    const first = sharedJob(client, a);
    const b = holdKey();
    name.value = b;
    await vi.waitFor(() => expect(first.status().stage).toBe("cancelled"));
    expect(refs.stage.value).toBe("running");
    // Gradio cancels by (session, function): core tells the server once the old job runs alone, i.e. after b.
    const firstEnded = ended(joins[0]!);
    harness.server.release(b);
    await vi.waitFor(() => expect(refs.stage.value).toBe("complete"));
    expect((await firstEnded).outcome).toBe("cancelled");
    scope.stop();
  });

  it("keeps the superseded job running with cancelSuperseded: false", async () => {
    const { client, joins } = await session();
    const a = holdKey();
    const name = ref(a);
    const { scope, refs } = holdInScope(client, name, { cancelSuperseded: false });
    await vi.waitFor(() => expect(refs.stage.value).toBe("running"));
    const first = sharedJob(client, a);
    name.value = holdKey();
    await vi.waitFor(() => expect(joins).toHaveLength(2));
    await afterGrace();
    expect(first.done).toBe(false);
    harness.server.release(a);
    expect(await first.result()).toEqual([`released:${a}`]);
    scope.stop();
  });

  it("cleans up when the scope is disposed: no listener left, no update after, the job runs on", async () => {
    const { client, joins } = await session();
    const a = holdKey();
    const { scope, refs } = holdInScope(client, ref(a));
    await vi.waitFor(() => expect(refs.stage.value).toBe("running"));
    const job = sharedJob(client, a);
    expect(job.$status.lc).toBeGreaterThan(0);
    scope.stop();
    expect(job.$status.lc).toBe(0);
    expect(job.$outputs.lc).toBe(0);
    await afterGrace();
    expect(job.done).toBe(false);
    const end = ended(joins[0]!);
    harness.server.release(a);
    expect((await end).outcome).toBe("completed");
    await job.result();
    expect(refs.stage.value).toBe("running");
  });

  it("cancels when the scope is disposed with cancelOnUnmount", async () => {
    const { client, joins } = await session();
    const a = holdKey();
    const { scope, refs } = holdInScope(client, ref(a), { cancelOnUnmount: true });
    await vi.waitFor(() => expect(refs.stage.value).toBe("running"));
    const job = sharedJob(client, a);
    const end = ended(joins[0]!);
    scope.stop();
    expect((await end).outcome).toBe("cancelled");
    expect(job.status().stage).toBe("cancelled");
  });

  it("follows a ref: idle, a job, another job (the first is superseded), null", async () => {
    const { client } = await session();
    const source = shallowRef<Job<[number]> | null>(null);
    const scope = effectScope();
    const refs = scope.run(() => useJob(source))!;
    expect(refs.stage.value).toBe("idle");
    expect(refs.outputs.value).toEqual([]);
    source.value = client.submit<[number]>("/predict", [2, "multiply", 21]);
    await vi.waitFor(() => expect(refs.result.value).toEqual([42]));
    const held = client.submit<[string]>("/hold", [holdKey()]) as unknown as Job<[number]>;
    source.value = held;
    await vi.waitFor(() => expect(refs.stage.value).toBe("running"));
    source.value = null;
    await nextTick();
    expect(refs.stage.value).toBe("idle");
    await vi.waitFor(() => expect(held.status().stage).toBe("cancelled"));
    scope.stop();
  });

  it("returns readonly refs and a cancel() for the job shown", async () => {
    const { client } = await session();
    const { scope, refs } = holdInScope(client, ref(holdKey()));
    expect(isRef(refs.stage) && isReadonly(refs.stage)).toBe(true);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    (refs.stage as unknown as { value: string }).value = "complete";
    expect(refs.stage.value).toBe("pending");
    warn.mockRestore();
    await vi.waitFor(() => expect(refs.stage.value).toBe("running"));
    refs.cancel();
    await vi.waitFor(() => expect(refs.stage.value).toBe("cancelled"));
    expect(refs.error.value?.code).toBe("CANCELLED");
    expect(refs.active.value).toBe(false);
    scope.stop();
  });

  it("shows the typed error of a failed job", async () => {
    const { client } = await session();
    const scope = effectScope();
    const refs = scope.run(() => useJob(() => client.submit("/fail", ["x"])))!;
    await vi.waitFor(() => expect(refs.stage.value).toBe("error"));
    expect(refs.error.value?.code).toBe("APP_ERROR");
    expect(refs.error.value?.message).toMatch(/bad input/);
    scope.stop();
  });
});

/** Shows a job; `onUpdated` counts its re-renders. */
const Count = defineComponent({
  props: { job: { type: Object as PropType<Job<[number]>>, required: true }, onUpdated: Function },
  setup(props) {
    const { stage, latest } = useJob(props.job);
    onUpdated(() => props.onUpdated?.());
    return () => h("p", `${stage.value}|${latest.value?.[0] ?? ""}`);
  },
});

describe("useJob in components", () => {
  it("updates a component at most once per frame, and stops on unmount", async () => {
    const frames = stubAnimationFrames();
    const nextFrame = () => frames.next();
    try {
      const { client } = await session();
      const job = client.submit<[number]>("/count", [40]);
      const changes = vi.fn();
      const stopCounting = job.$status.listen(changes);
      const updated = vi.fn();
      const wrapper = mount(Count, { props: { job, onUpdated: updated } });
      expect(wrapper.text()).toBe("pending|");
      await job.result();
      await nextTick();
      expect(changes.mock.calls.length).toBeGreaterThan(40);
      expect(updated).not.toHaveBeenCalled();
      nextFrame();
      await nextTick();
      expect(updated).toHaveBeenCalledTimes(1);
      expect(wrapper.text()).toBe("complete|39");
      stopCounting();
      wrapper.unmount();
      expect(job.$status.lc).toBe(0);
    } finally {
      frames.restore();
    }
  });

  it("works in a compiled <script setup> component: one job per props, follows prop changes", async () => {
    const { client, joins } = await session();
    const Hold = compileScriptSetup(`
      <script setup>
      import { useJob } from "@gradio-jobs/vue";
      const props = defineProps(["client", "name"]);
      const { stage, latest, error, cancel } = useJob(() => props.client.submit("/hold", [props.name]));
      </script>
      <template>
        <p>{{ stage }}|{{ latest?.[0] }}|{{ error?.code }}</p>
        <button @click="cancel">Cancel</button>
      </template>
    `);
    const a = holdKey();
    const wrapper = mount(Hold, { props: { client, name: a } });
    expect(wrapper.find("p").text()).toBe("pending||");
    await vi.waitFor(() => expect(wrapper.find("p").text()).toBe("running||"));
    harness.server.release(a);
    await vi.waitFor(() => expect(wrapper.find("p").text()).toBe(`complete|released:${a}|`));
    const b = holdKey();
    await wrapper.setProps({ client, name: b });
    await vi.waitFor(() => expect(wrapper.find("p").text()).toBe("running||"));
    await wrapper.find("button").trigger("click");
    await vi.waitFor(() => expect(wrapper.find("p").text()).toBe("cancelled||CANCELLED"));
    expect(joins).toHaveLength(2);
    wrapper.unmount();
  });
});

/**
 * Compiles a JavaScript `<script setup>` SFC with Vue's own compiler (template inlined, as in production builds) and
 * evaluates it with `vue` and `@gradio-jobs/vue` as its only imports. The workspace's Vitest config has no Vue plugin.
 */
function compileScriptSetup(source: string): Component {
  const { descriptor } = parse(source);
  const { content } = compileScript(descriptor, { id: "sfc-test", inlineTemplate: true });
  const modules: Record<string, unknown> = { vue, "@gradio-jobs/vue": bindings };
  const code = content
    .replace(/import\s*\{([^}]*)\}\s*from\s*['"]([^'"]+)['"]/g, (_, names: string, from: string) => {
      const bound = names.replace(/\s+as\s+/g, ": ");
      return `const {${bound}} = __modules[${JSON.stringify(from)}]`;
    })
    .replace(/export\s+default/, "return");
  return new Function("__modules", code)(modules) as Component;
}
