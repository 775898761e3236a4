import type { Client, GradioJobsError, Job, JobStage } from "@gradio-jobs/core";
import { describe, expectTypeOf, it } from "vitest";
import { type ShallowRef, shallowRef } from "vue";
import { type JobRefs, type UseSubmitResult, useJob, useSubmit } from "./index.js";

declare const client: Client;
declare const typed: Job<[number]>;

describe("useJob types", () => {
  it("lets typed outputs flow through, from a job, a ref or a getter", () => {
    const refs = useJob(typed);
    expectTypeOf(refs).toEqualTypeOf<JobRefs<[number]>>();
    expectTypeOf(refs.latest).toEqualTypeOf<Readonly<ShallowRef<[number] | undefined>>>();
    expectTypeOf(refs.result.value).toEqualTypeOf<[number] | undefined>();
    expectTypeOf(refs.outputs.value).toEqualTypeOf<readonly [number][]>();
    expectTypeOf(useJob(shallowRef<Job<[number]> | null>(null)).latest.value).toEqualTypeOf<
      [number] | undefined
    >();
    expectTypeOf(useJob(() => client.submit<[string]>("/x")).latest.value).toEqualTypeOf<
      [string] | undefined
    >();
  });

  it("returns readonly refs of the closed shape, and cancel()", () => {
    const refs = useJob(null, { cancelOnUnmount: true, cancelSuperseded: false });
    expectTypeOf(refs.status.value).toEqualTypeOf<JobStage | "idle">();
    expectTypeOf(refs.rank.value).toEqualTypeOf<number | null>();
    expectTypeOf(refs.eta.value).toEqualTypeOf<number | null>();
    expectTypeOf(refs.error.value).toEqualTypeOf<GradioJobsError | null>();
    expectTypeOf(refs.isPending.value).toEqualTypeOf<boolean>();
    expectTypeOf(refs.cancel).toEqualTypeOf<() => void>();
    // @ts-expect-error the refs are readonly
    refs.status.value = "complete";
  });
});

describe("useSubmit types", () => {
  it("types submit's job, the job ref and the refs from the outputs parameter", () => {
    const form = useSubmit<[number]>(client, "/predict");
    expectTypeOf(form).toEqualTypeOf<UseSubmitResult<[number]>>();
    expectTypeOf(form.submit([1, "add", 2])).toEqualTypeOf<Job<[number]>>();
    expectTypeOf(form.job.value).toEqualTypeOf<Job<[number]> | null>();
    expectTypeOf(form.result.value).toEqualTypeOf<[number] | undefined>();
    useSubmit(shallowRef<Client | null>(null), () => "/predict");
  });
});
