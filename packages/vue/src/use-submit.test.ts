// @vitest-environment jsdom
import type { Client } from "@gradio-jobs/core";
import { sharedJobs } from "@gradio-jobs/core/bindings";
import { setUpBindingTests } from "@gradio-jobs/test-utils/bindings";
import { mount } from "@vue/test-utils";
import { describe, expect, it, vi } from "vitest";
import { defineComponent, effectScope, h, nextTick, shallowRef } from "vue";
import { useSubmit } from "./use-submit.js";

const harness = setUpBindingTests({ keyPrefix: "vue-submit", grace: 100 });
const { session, holdKey, ended } = harness;

describe("useSubmit", () => {
  it("submits on demand: a new job per call, even with the same arguments", async () => {
    const { client, joins } = await session();
    const scope = effectScope();
    const form = scope.run(() => useSubmit<[string]>(client, "/hold"))!;
    expect(form.stage.value).toBe("idle");
    expect(form.job.value).toBeNull();
    const a = holdKey();
    const first = form.submit([a]);
    expect(form.job.value).toBe(first);
    await vi.waitFor(() => expect(form.stage.value).toBe("running"));
    harness.server.release(a);
    await vi.waitFor(() => expect(form.latest.value).toEqual([`released:${a}`]));
    const second = form.submit([a]);
    expect(second).not.toBe(first);
    await vi.waitFor(() => expect(joins).toHaveLength(2));
    await vi.waitFor(() => expect(form.stage.value).toBe("complete"));
    scope.stop();
  });

  it("a new submit supersedes the previous job: cancelled by default, kept with cancelSuperseded: false", async () => {
    const { client, joins } = await session();
    const scope = effectScope();
    const form = scope.run(() => useSubmit<[string]>(client, "/hold"))!;
    const [a, b] = [holdKey(), holdKey()];
    const first = form.submit([a]);
    await vi.waitFor(() => expect(form.stage.value).toBe("running"));
    form.submit([b]);
    await vi.waitFor(() => expect(first.status().stage).toBe("cancelled"));
    const firstEnded = ended(joins[0]!);
    harness.server.release(b);
    await vi.waitFor(() => expect(form.latest.value).toEqual([`released:${b}`]));
    expect((await firstEnded).outcome).toBe("cancelled");

    const keep = scope.run(() => useSubmit<[string]>(client, "/hold", { cancelSuperseded: false }))!;
    const [c, d] = [holdKey(), holdKey()];
    const kept = keep.submit([c]);
    keep.submit([d]);
    await vi.waitFor(() => expect(joins).toHaveLength(4));
    await new Promise((resolve) => setTimeout(resolve, sharedJobs.gracePeriod + 10));
    expect(kept.done).toBe(false);
    harness.server.release(c);
    harness.server.release(d);
    expect(await kept.result()).toEqual([`released:${c}`]);
    scope.stop();
  });

  it("reset() goes back to idle and cancels the running job", async () => {
    const { client } = await session();
    const scope = effectScope();
    const form = scope.run(() => useSubmit<[string]>(client, "/hold"))!;
    const job = form.submit([holdKey()]);
    await vi.waitFor(() => expect(form.stage.value).toBe("running"));
    form.reset();
    await nextTick();
    expect(form.stage.value).toBe("idle");
    expect(form.job.value).toBeNull();
    await vi.waitFor(() => expect(job.status().stage).toBe("cancelled"));
    scope.stop();
  });

  it("takes the client as a ref (connecting) and throws a clear error before it exists", async () => {
    const { client } = await session();
    const connected = shallowRef<Client | null>(null);
    const Form = defineComponent({
      setup() {
        const { submit, stage, result } = useSubmit<[number]>(connected, "/predict");
        return () =>
          h("div", [
            h("button", { onClick: () => submit([20, "add", 22]) }, "go"),
            h("p", `${stage.value}|${result.value?.[0] ?? ""}`),
          ]);
      },
    });
    const wrapper = mount(Form);
    expect(wrapper.find("p").text()).toBe("idle|");
    const errors: unknown[] = [];
    wrapper.vm.$.appContext.config.errorHandler = (error) => void errors.push(error);
    await wrapper.find("button").trigger("click");
    expect(String(errors[0])).toMatch(/no client yet/);
    connected.value = client;
    await wrapper.find("button").trigger("click");
    await vi.waitFor(() => expect(wrapper.find("p").text()).toBe("complete|42"));
    wrapper.unmount();
  });
});
