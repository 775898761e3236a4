import { describe, expectTypeOf, it } from "vitest";
import type { Client } from "../client/client.js";
import type { EndpointArguments } from "../wire/endpoints.js";
import type { Job } from "./job.js";
import type { FeedOptions, StreamJob } from "./stream-job.js";

declare const client: Client;

describe("client.stream", () => {
  it("resolves with a StreamJob: a Job with send, close and feed", () => {
    expectTypeOf(client.stream("/frames")).toEqualTypeOf<Promise<StreamJob>>();
    expectTypeOf(client.stream<[string]>("/frames")).resolves.toExtend<Job<[string]>>();
    expectTypeOf<StreamJob<[string]>["send"]>().parameters.toEqualTypeOf<[EndpointArguments]>();
    expectTypeOf<StreamJob["close"]>().returns.toEqualTypeOf<Promise<void>>();
    expectTypeOf<StreamJob["feed"]>().parameters.toEqualTypeOf<[MediaStream, FeedOptions?]>();
    expectTypeOf<StreamJob["streamEvery"]>().toEqualTypeOf<number | null>();
  });
});
