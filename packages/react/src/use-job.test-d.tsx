import type { Client, GradioJobsError, Job, JobStage, JobState, StatusCode } from "@gradio-jobs/core";
import { describe, expectTypeOf, it } from "vitest";
import { type UseSubmitResult, useJob, useSubmit } from "./index.js";

declare const client: Client;
declare const typed: Job<[number]>;

describe("useJob types", () => {
  it("lets typed outputs flow through", () => {
    const state = useJob(typed);
    expectTypeOf(state).toEqualTypeOf<JobState<[number]>>();
    expectTypeOf(state.latest).toEqualTypeOf<[number] | undefined>();
    expectTypeOf(state.result).toEqualTypeOf<[number] | undefined>();
    expectTypeOf(state.outputs).toEqualTypeOf<readonly [number][]>();
  });

  it("infers the outputs from client.submit<O>() written inline", () => {
    const state = useJob(client.submit<[string, number]>("/multi", ["x"]));
    expectTypeOf(state.latest).toEqualTypeOf<[string, number] | undefined>();
  });

  it("returns the same closed shape for every job, and for none", () => {
    const state = useJob(null, { cancelOnUnmount: true, cancelSuperseded: false });
    expectTypeOf(state.status).toEqualTypeOf<JobStage | "idle">();
    expectTypeOf(state.code).toEqualTypeOf<StatusCode | null>();
    expectTypeOf(state.rank).toEqualTypeOf<number | null>();
    expectTypeOf(state.queueSize).toEqualTypeOf<number | null>();
    expectTypeOf(state.eta).toEqualTypeOf<number | null>();
    expectTypeOf(state.error).toEqualTypeOf<GradioJobsError | null>();
    expectTypeOf(state.isPending).toEqualTypeOf<boolean>();
    expectTypeOf(state.isDone).toEqualTypeOf<boolean>();
    expectTypeOf(state.cancel).toEqualTypeOf<() => void>();
    expectTypeOf(state.latest).toEqualTypeOf<readonly unknown[] | undefined>();
    // @ts-expect-error unknown option
    useJob(null, { cancel: true });
  });
});

describe("useSubmit types", () => {
  it("types submit's job and the state from the outputs parameter", () => {
    const form = useSubmit<[number]>(client, "/predict");
    expectTypeOf(form).toEqualTypeOf<UseSubmitResult<[number]>>();
    expectTypeOf(form.submit([1, "add", 2])).toEqualTypeOf<Job<[number]>>();
    expectTypeOf(form.result).toEqualTypeOf<[number] | undefined>();
    expectTypeOf(form.reset).toEqualTypeOf<() => void>();
    expectTypeOf(form.job).toEqualTypeOf<Job<[number]> | null>();
    useSubmit(null, 0);
  });
});
