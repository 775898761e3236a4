import { createServer, type Socket } from "node:net";
import { useTestServer } from "@gradio-jobs/test-utils/server";
import { describe, expect, it } from "vitest";
import { AuthError, ConnectionError, InputError, SpaceError } from "../errors.js";
import { Client } from "./client.js";
import type { SpaceStatus } from "./space-status.js";

// The Hub is the test server's model of it (src/hub/ of @gradio-jobs/test-server): there is no Hub access here.
// Its tokens `hf_…` belong to "test-user"; "hf_invalid" is refused; a new copy builds for 2 reads, then runs.
const server = useTestServer({
  hub: {
    spaces: {
      "me/original": { hardware: "t4-small" },
      "me/zero": { hardware: "zero-a10g" },
      "me/cheap": {},
      "me/unlucky": {},
    },
  },
});

const requestCount = () => server().stats.requests.length;

describe("Client.duplicate", () => {
  it("rejects without a token, or with a malformed id, hardware or sleep time, before any request", async () => {
    const before = requestCount();
    const hubUrl = server().url;
    await expect(Client.duplicate("me/original", { hubUrl } as never)).rejects.toBeInstanceOf(AuthError);
    await expect(Client.duplicate("me/original", { token: "  ", hubUrl })).rejects.toThrow(
      "Client.duplicate needs `token`",
    );
    await expect(
      Client.duplicate("https://me-original.hf.space", { token: "hf_x", hubUrl }),
    ).rejects.toBeInstanceOf(InputError);
    await expect(
      Client.duplicate("me/original", { token: "hf_x", hubUrl, name: "a/b" }),
    ).rejects.toBeInstanceOf(InputError);
    await expect(
      Client.duplicate("me/original", { token: "hf_x", hubUrl, hardware: "T4 small" }),
    ).rejects.toThrow('hardware must be a flavor name such as "t4-small", got "T4 small".');
    await expect(
      Client.duplicate("me/original", { token: "hf_x", hubUrl, sleepTime: -5 }),
    ).rejects.toBeInstanceOf(InputError);
    expect(requestCount()).toBe(before);
  });

  it("copies the Space into the token's account with the asked hardware and privacy, waits for its build, connects", async () => {
    const seen: SpaceStatus[] = [];
    const client = await Client.duplicate("me/original", {
      token: "hf_writer",
      hubUrl: server().url,
      private: true,
      hardware: "a10g-small",
      spacePollInterval: 5,
      onSpaceStatus: (status) => seen.push(status),
    });
    expect(client.spaceId).toBe("test-user/original");
    expect(server().hub.space("test-user/original")).toMatchObject({
      duplicatedFrom: "me/original",
      private: true,
      hardware: "a10g-small",
      sleepTime: 300,
      answered: ["BUILDING", "BUILDING", "RUNNING"],
    });
    expect(seen.map((status) => [status.spaceId, status.stage])).toEqual([
      ["test-user/original", "building"],
      ["test-user/original", "running"],
    ]);
    expect(await client.predict("/predict", [2, "multiply", 3])).toEqual([6]);
    client.close();
  });

  it("reuses the account's existing copy (the Hub answers 409) instead of failing", async () => {
    const again = await Client.duplicate("me/original", { token: "hf_writer", hubUrl: server().url });
    expect(again.spaceId).toBe("test-user/original");
    // The same copy, read once more: not a new one (a new one would start its reads from scratch, BUILDING).
    expect(server().hub.space("test-user/original")?.answered).toEqual([
      "BUILDING",
      "BUILDING",
      "RUNNING",
      "RUNNING",
    ]);
    again.close();
  });

  it("keeps the original's hardware by default, with a sleep time only off cpu-basic, and takes a name", async () => {
    const zero = await Client.duplicate("me/zero", {
      token: "hf_writer",
      hubUrl: server().url,
      spacePollInterval: 5,
    });
    expect(server().hub.space("test-user/zero")).toMatchObject({ hardware: "zero-a10g", sleepTime: 300 });
    zero.close();
    const cheap = await Client.duplicate("me/cheap", {
      token: "hf_writer",
      hubUrl: server().url,
      name: "my-cheap",
      sleepTime: 3_600,
      spacePollInterval: 5,
    });
    expect(cheap.spaceId).toBe("test-user/my-cheap");
    expect(server().hub.space("test-user/my-cheap")).toMatchObject({
      hardware: "cpu-basic",
      sleepTime: 3_600,
    });
    cheap.close();
    const plain = await Client.duplicate("me/cheap", {
      token: "hf_writer",
      hubUrl: server().url,
      name: "plain",
      spacePollInterval: 5,
    });
    expect(server().hub.space("test-user/plain")?.sleepTime).toBeNull();
    plain.close();
  });

  it("says what the Hub refused: the token, the hardware, an unknown Space", async () => {
    const hubUrl = server().url;
    await expect(Client.duplicate("me/original", { token: "hf_invalid", hubUrl })).rejects.toMatchObject({
      name: "AuthError",
      status: 401,
      message: expect.stringContaining(
        "The Hub refused the token (Invalid credentials in Authorization header)",
      ),
    });
    await expect(
      Client.duplicate("me/original", { token: "hf_writer", hubUrl, hardware: "gpu-9000", name: "x" }),
    ).rejects.toMatchObject({
      name: "InputError",
      message: expect.stringContaining('Invalid hardware "gpu-9000"'),
    });
    expect(server().hub.space("test-user/x")).toBeUndefined();
    await expect(Client.duplicate("missing/space", { token: "hf_writer", hubUrl })).rejects.toBeInstanceOf(
      AuthError,
    );
  });

  it("gives up on a Hub that accepts the connection and stays silent after connectTimeout", async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const address = silent.address();
    const hubUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    try {
      const started = Date.now();
      const copying = Client.duplicate("me/original", { token: "hf_writer", hubUrl, connectTimeout: 200 });
      await expect(copying).rejects.toBeInstanceOf(ConnectionError);
      await expect(copying).rejects.toThrow(
        `Finding the token's account: ${hubUrl} did not answer within 200 ms.`,
      );
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });

  it("rejects with SpaceError when the copy fails to build", async () => {
    server().hub.define("test-user/unlucky", {
      stages: [{ stage: "BUILDING" }, { stage: "BUILD_ERROR", errorMessage: "No space left on device" }],
    });
    await expect(
      Client.duplicate("me/unlucky", { token: "hf_writer", hubUrl: server().url, spacePollInterval: 5 }),
    ).rejects.toSatisfy(
      (error) =>
        error instanceof SpaceError &&
        error.spaceId === "test-user/unlucky" &&
        error.hubStage === "BUILD_ERROR" &&
        error.message.includes("No space left on device"),
    );
  });
});
