/**
 * Sessions: `gr.State` kept per client and isolated between clients, and password auth.
 * @module
 */
import { AuthError } from "@gradio-jobs/core";
import { describe, expect, it } from "vitest";
import { useClients } from "./helpers.js";
import type { Target } from "./target.js";

export function sessionScenarios(target: () => Target): void {
  describe("sessions", () => {
    const connect = useClients();

    it("keeps gr.State across calls of one client and apart between two clients", async () => {
      const t = target();
      const alice = await connect(t.mainUrl);
      const bob = await connect(t.mainUrl);
      expect(alice.sessionHash).not.toBe(bob.sessionHash);
      // /increment takes and returns a gr.State: it has no API parameter and one visible output (the counter).
      expect(alice.endpoint("/increment").parameters).toEqual([]);
      expect(await alice.predict("/increment")).toEqual([1]);
      expect(await alice.predict("/increment")).toEqual([2]);
      expect(await bob.predict("/increment")).toEqual([1]);
      expect(await alice.predict("/increment", [])).toEqual([3]);
      // A new client that reuses a session hash shares that session's state.
      const aliceAgain = await connect(t.mainUrl, { sessionHash: alice.sessionHash });
      expect(await aliceAgain.predict("/increment")).toEqual([4]);
    });

    it("close() ends the session on a server that notices the closed heartbeat: demo.unload runs within 5 s", async () => {
      const t = target();
      const client = await connect(t.workDetectUrl);
      const observer = await connect(t.workDetectUrl, { heartbeat: false });
      // A job first, so the session exists on the server as it would for a user.
      expect(await client.predict("/work_stream", ["hello", 1])).toEqual(["hello 0"]);
      expect(client.config.connect_heartbeat).toBe(true);
      const closedAt = Date.now();
      client.close();
      for (;;) {
        const [report] = await observer.predict<[{ unloaded: string[] }]>("/unloaded");
        if (report.unloaded.includes(client.sessionHash)) break;
        expect(Date.now() - closedAt).toBeLessThan(5_000);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }, 30_000);

    it("logs in with the right password", async () => {
      const t = target();
      const client = await connect(t.authUrl, { auth: t.credentials });
      expect(await client.predict("/predict", { a: 6, op: "multiply", b: 7 })).toEqual([42]);
    });

    it("refuses a wrong password with AuthError", async () => {
      const t = target();
      const [username] = t.credentials;
      const error = await connect(t.authUrl, { auth: [username, "wrong password"] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AuthError);
      // Gradio answers a wrong password on /login with 400 {"detail":"Incorrect credentials."} (auth.txt).
      expect(error).toMatchObject({ code: "AUTH", status: 400 });
    });

    it("refuses a missing login with AuthError", async () => {
      const t = target();
      const error = await connect(t.authUrl).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AuthError);
      expect(error).toMatchObject({ code: "AUTH", status: 401 });
    });
  });
}
