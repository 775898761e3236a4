import type { GradioApi } from "@gradio-jobs/test-utils/demo-api";
import { expectTypeOf, test } from "vitest";
import {
  Client,
  type ClientOptions,
  type DuplicateOptions,
  type ErrorCode,
  SpaceError,
  type SpaceStage,
  type SpaceStatus,
} from "../index.js";

test("onSpaceStatus hears a closed set of stages, with the Hub's own stage as a string", () => {
  expectTypeOf<SpaceStage>().toEqualTypeOf<"sleeping" | "building" | "running" | "error">();
  expectTypeOf<SpaceStatus["hubStage"]>().toEqualTypeOf<string>();
  expectTypeOf<NonNullable<ClientOptions["onSpaceStatus"]>>().parameter(0).toEqualTypeOf<SpaceStatus>();
});

test("Client.duplicate needs a token and resolves a client, typed like Client.connect", () => {
  // @ts-expect-error: the token is required
  void Client.duplicate("owner/space", {});
  expectTypeOf(Client.duplicate("owner/space", { token: "hf_x" })).resolves.toEqualTypeOf<Client>();
  expectTypeOf(Client.duplicate<GradioApi>("owner/space", { token: "hf_x" })).resolves.toEqualTypeOf<
    Client<GradioApi>
  >();
  expectTypeOf<DuplicateOptions>().toExtend<ClientOptions>();
  expectTypeOf<DuplicateOptions["hardware"]>().toEqualTypeOf<string | undefined>();
});

test("SpaceError says which Space and stage", () => {
  const error = new SpaceError("owner/space", "BUILD_ERROR", "Space owner/space failed to build.");
  expectTypeOf(error.spaceId).toEqualTypeOf<string>();
  expectTypeOf(error.hubStage).toEqualTypeOf<string>();
  expectTypeOf<"SPACE">().toExtend<ErrorCode>();
});
