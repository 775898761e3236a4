import type { ReadableAtom, WritableAtom } from "nanostores";
import { expectTypeOf, test } from "vitest";
import {
  AppRestartedError,
  type Client,
  type ClientOptions,
  type EndpointInfo,
  type ErrorCode,
} from "../index.js";

declare const client: Client;

test("$endpoints and $restarted are read-only stores; refresh() resolves nothing", () => {
  expectTypeOf(client.$endpoints).toEqualTypeOf<ReadableAtom<readonly EndpointInfo[]>>();
  expectTypeOf(client.$endpoints).not.toExtend<WritableAtom<readonly EndpointInfo[]>>();
  expectTypeOf(client.$endpoints.get()).toEqualTypeOf(client.endpoints);
  expectTypeOf(client.$restarted.get()).toEqualTypeOf<AppRestartedError | null>();
  expectTypeOf(client.refresh()).resolves.toBeVoid();
});

test("AppRestartedError carries both app ids and its own code", () => {
  const error = new AppRestartedError("http://127.0.0.1:7860", 1, 2);
  expectTypeOf(error.previousAppId).toEqualTypeOf<string | number | null>();
  expectTypeOf(error.appId).toEqualTypeOf<string | number | null>();
  expectTypeOf<"APP_RESTARTED">().toExtend<ErrorCode>();
});

test("the connection options take what they document, and nothing else", () => {
  expectTypeOf<ClientOptions["connectTimeout"]>().toEqualTypeOf<number | undefined>();
  expectTypeOf<ClientOptions["joinTimeout"]>().toEqualTypeOf<number | undefined>();
  expectTypeOf<ClientOptions["cookies"]>().toEqualTypeOf<string | undefined>();
  expectTypeOf<{ queryParams: { lang: "de" } }>().toExtend<ClientOptions>();
  expectTypeOf<{ queryParams: { page: 2 } }>().not.toExtend<ClientOptions>();
  expectTypeOf<{ cookies: { session: string } }>().not.toExtend<ClientOptions>();
});
