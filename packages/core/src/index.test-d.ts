import { expectTypeOf, test } from "vitest";
import {
  AppError,
  Client,
  type EndpointInfo,
  type ErrorCode,
  type GradioJobsError,
  type Job,
  type JobStage,
  type Outputs,
  QueueFullError,
  type StatusCode,
  type StatusUpdate,
} from "./index.js";

declare const client: Client;

test("submit returns a Job whose stores and result carry the outputs type", () => {
  const job = client.submit("/predict", [1, "add", 2]);
  expectTypeOf(job).toEqualTypeOf<Job<Outputs>>();
  expectTypeOf(job.$status.get()).toEqualTypeOf<StatusUpdate>();
  expectTypeOf(job.result()).resolves.toEqualTypeOf<Outputs>();

  const typed = client.submit<[number]>("/predict", { a: 1 });
  expectTypeOf(typed.result()).resolves.toEqualTypeOf<[number]>();
  expectTypeOf(typed.$outputs.get()).toEqualTypeOf<readonly [number][]>();
  expectTypeOf(typed.outputs()).toEqualTypeOf<[number][]>();
  expectTypeOf(client.predict<[string, number]>("/multi")).resolves.toEqualTypeOf<[string, number]>();
  expectTypeOf(typed).toExtend<Job>();
});

test("status fields are closed unions, not strings", () => {
  expectTypeOf<StatusUpdate["stage"]>().toEqualTypeOf<JobStage>();
  expectTypeOf<JobStage>().toEqualTypeOf<
    "pending" | "queued" | "running" | "complete" | "error" | "cancelled"
  >();
  expectTypeOf<StatusCode>().toExtend<string>();
  expectTypeOf<"FINISHED">().toExtend<StatusCode>();
  expectTypeOf<"DONE">().not.toExtend<StatusCode>();
});

test("errors are classes with a stable code", () => {
  expectTypeOf(new QueueFullError("x")).toExtend<GradioJobsError>();
  expectTypeOf(new AppError({ title: null, message: null }).code).toEqualTypeOf<ErrorCode>();
  expectTypeOf<AppError["serverMessage"]>().toEqualTypeOf<string | null>();
});

test("connect options are checked", () => {
  expectTypeOf(Client.connect).parameter(1).toExtend<{ auth?: readonly [string, string] } | undefined>();
  // @ts-expect-error auth is a [username, password] pair
  void Client.connect("x", { auth: ["only-user"] });
  expectTypeOf(client.endpoint("/predict")).toEqualTypeOf<EndpointInfo>();
});
