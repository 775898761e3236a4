import { createServer, type Socket } from "node:net";
import { useTestServer } from "@gradio-jobs/test-utils/server";
import { describe, expect, it } from "vitest";
import { AuthError, InputError, SpaceError } from "../errors.js";
import { Client } from "./client.js";
import { type SpaceStatus, waitForSpace } from "./space-status.js";

// The Hub is the test server's model of it (src/hub/ of @gradio-jobs/test-server): there is no Hub access here.
const server = useTestServer({
  hub: {
    spaces: {
      "me/sleepy": {
        stages: [{ stage: "SLEEPING" }, { stage: "APP_STARTING", reads: 2 }, { stage: "RUNNING" }],
      },
      "me/rebuilt": { stages: [{ stage: "BUILDING", reads: 2 }, { stage: "RUNNING_BUILDING" }] },
      "me/broken": {
        stages: [
          { stage: "BUILDING" },
          { stage: "BUILD_ERROR", errorMessage: "pip install failed: no torch==9" },
        ],
      },
      "me/crashed": { stages: [{ stage: "RUNTIME_ERROR", errorMessage: "CUDA out of memory" }] },
      "me/paused": { stages: [{ stage: "PAUSED" }] },
      "me/slow": { stages: [{ stage: "BUILDING", reads: 1_000 }] },
      "me/by-sub": { stages: [{ stage: "SLEEPING" }, { stage: "RUNNING" }] },
      "me/private": { private: true },
    },
  },
});

/** The paths the server saw from `from` on. */
const pathsSince = (from: number) =>
  server()
    .stats.requests.slice(from)
    .map((request) => request.path);

describe("connecting to a Space waits until it runs", () => {
  it("wakes a sleeping Space, reports each stage once, and reads the app's config only once it runs", async () => {
    const before = server().stats.requests.length;
    const seen: SpaceStatus[] = [];
    const client = await Client.connect("me/sleepy", {
      hubUrl: server().url,
      spacePollInterval: 5,
      onSpaceStatus: (status) => seen.push(status),
    });
    expect(seen.map(({ stage, hubStage }) => [stage, hubStage])).toEqual([
      ["sleeping", "SLEEPING"],
      ["building", "APP_STARTING"],
      ["running", "RUNNING"],
    ]);
    expect(seen[0]).toMatchObject({
      spaceId: "me/sleepy",
      message: "Space me/sleepy is asleep; waking it up.",
    });
    // What the Hub told, in order: the read of the sleeping Space woke it.
    expect(server().hub.space("me/sleepy")?.answered).toEqual([
      "SLEEPING",
      "APP_STARTING",
      "APP_STARTING",
      "RUNNING",
    ]);
    const paths = pathsSince(before);
    expect(paths.lastIndexOf("/api/spaces/me/sleepy")).toBeLessThan(paths.indexOf("/config"));
    expect(await client.predict("/predict", [4, "add", 5])).toEqual([9]);
    expect(client.spaceId).toBe("me/sleepy");
    client.close();
  });

  it("costs one status read for a running Space; RUNNING_BUILDING (a new version building) is running", async () => {
    const before = server().stats.requests.length;
    const seen: string[] = [];
    const client = await Client.connect("me/anything", {
      hubUrl: server().url,
      onSpaceStatus: (status) => seen.push(status.stage),
    });
    expect(seen).toEqual(["running"]);
    expect(pathsSince(before)).toEqual([
      "/api/spaces/me/anything/host",
      "/api/spaces/me/anything",
      "/config",
      "/gradio_api/info",
    ]);
    client.close();
    const rebuilt = await Client.connect("me/rebuilt", { hubUrl: server().url, spacePollInterval: 5 });
    expect(server().hub.space("me/rebuilt")?.answered).toEqual(["BUILDING", "BUILDING", "RUNNING_BUILDING"]);
    rebuilt.close();
  });

  it("rejects with SpaceError and the Hub's reason for a build error, a crash and a pause; nothing reaches the app", async () => {
    const running = await Client.connect(server().url, { heartbeat: false });
    const before = server().stats.requests.length;
    const seen: SpaceStatus[] = [];
    const broken = Client.connect("me/broken", {
      hubUrl: server().url,
      spacePollInterval: 5,
      onSpaceStatus: (status) => seen.push(status),
    });
    await expect(broken).rejects.toBeInstanceOf(SpaceError);
    await expect(broken).rejects.toMatchObject({
      code: "SPACE",
      spaceId: "me/broken",
      hubStage: "BUILD_ERROR",
      message: expect.stringContaining("Space me/broken failed to build: pip install failed: no torch==9."),
    });
    expect(seen.map((status) => status.stage)).toEqual(["building", "error"]);
    expect(seen[1]?.message).toBe("Space me/broken failed to build: pip install failed: no torch==9.");
    await expect(Client.connect("me/crashed", { hubUrl: server().url })).rejects.toMatchObject({
      hubStage: "RUNTIME_ERROR",
      message: expect.stringContaining("crashed: CUDA out of memory"),
    });
    await expect(Client.connect("me/paused", { hubUrl: server().url })).rejects.toMatchObject({
      hubStage: "PAUSED",
      message: expect.stringContaining("was paused by its owner. Ask its owner to restart it"),
    });
    expect(pathsSince(before).filter((path) => !path.startsWith("/api/spaces/"))).toEqual([]);
    // Another client of the same app is not affected.
    expect(await running.predict("/predict", [1, "add", 2])).toEqual([3]);
    running.close();
  });

  it("gives up after spaceTimeout with the stage it was stuck in", async () => {
    const started = Date.now();
    await expect(
      Client.connect("me/slow", { hubUrl: server().url, spacePollInterval: 10, spaceTimeout: 120 }),
    ).rejects.toMatchObject({
      name: "SpaceError",
      hubStage: "BUILDING",
      message: expect.stringContaining("did not start within 0 s (still BUILDING)"),
    });
    expect(Date.now() - started).toBeLessThan(2_000);
    const reads = server().hub.space("me/slow")?.answered.length ?? 0;
    expect(reads).toBeGreaterThanOrEqual(3);
    // The backoff grows: far fewer reads than 120 ms / 10 ms.
    expect(reads).toBeLessThan(12);
  });

  it("refuses a spaceTimeout or spacePollInterval that is not a positive number, before any request", async () => {
    const before = server().stats.requests.length;
    await expect(waitForSpace({ id: "me/slow" }, { hubUrl: server().url, spaceTimeout: -1 })).rejects.toThrow(
      "spaceTimeout must be a positive number of milliseconds",
    );
    await expect(
      waitForSpace({ id: "me/slow" }, { hubUrl: server().url, spacePollInterval: Number.POSITIVE_INFINITY }),
    ).rejects.toBeInstanceOf(InputError);
    expect(server().stats.requests.length).toBe(before);
  });

  it("goes on to the config read when the Hub accepts the connection and stays silent", async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const address = silent.address();
    const hubUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    try {
      const started = Date.now();
      await expect(
        waitForSpace({ id: "me/anything" }, { hubUrl, spaceTimeout: 300 }),
      ).resolves.toBeUndefined();
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(sockets).toHaveLength(1);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });

  it("stops waiting when the signal aborts, with its reason", async () => {
    const controller = new AbortController();
    const waiting = waitForSpace(
      { id: "me/slow" },
      { hubUrl: server().url, spacePollInterval: 20, signal: controller.signal },
    );
    setTimeout(() => controller.abort(new Error("user left")), 50);
    await expect(waiting).rejects.toThrow("user left");
  });

  it("finds an *.hf.space Space by its subdomain and reports it by the id the Hub gives", async () => {
    const seen: SpaceStatus[] = [];
    await waitForSpace(
      { subdomain: "me-by-sub" },
      { hubUrl: server().url, spacePollInterval: 5, onSpaceStatus: (status) => seen.push(status) },
    );
    expect(seen.map((status) => [status.spaceId, status.stage])).toEqual([
      ["me/by-sub", "sleeping"],
      ["me/by-sub", "running"],
    ]);
    // A subdomain the Hub does not know is left to the config read.
    await expect(
      waitForSpace({ subdomain: "nobody-nothing" }, { hubUrl: server().url }),
    ).resolves.toBeUndefined();
  });

  it("reads a private Space's stage with the token; without one the id does not resolve", async () => {
    await expect(Client.connect("me/private", { hubUrl: server().url })).rejects.toBeInstanceOf(AuthError);
    const seen: string[] = [];
    const client = await Client.connect("me/private", {
      hubUrl: server().url,
      token: "hf_reader",
      onSpaceStatus: (status) => seen.push(status.hubStage),
    });
    expect(seen).toEqual(["RUNNING"]);
    client.close();
  });
});
