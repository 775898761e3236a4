/**
 * Plain calls: endpoints by name and by index, keyword arguments with defaults, several outputs, `gr.Error`, an
 * endpoint that does not exist.
 * @module
 */
import { AppError, EndpointNotFoundError } from "@gradio-jobs/core";
import { describe, expect, it } from "vitest";
import { statusLog, useClients } from "./helpers.js";
import type { Target } from "./target.js";

export function callScenarios(target: () => Target): void {
  describe("calls", () => {
    const connect = useClients();

    it("predicts by api name and by fn_index", async () => {
      const client = await connect(target().mainUrl);
      const byName = client.endpoint("/predict");
      expect(byName.fnIndex).toBe(0);
      expect(client.endpoint(0)).toBe(byName);
      expect(client.endpoint("predict")).toBe(byName);
      expect(await client.predict("/predict", [4, "multiply", 5])).toEqual([20]);
      expect(await client.predict(0, [6, "subtract", 1])).toEqual([5]);
    });

    it("fills keyword arguments from the defaults /info gives", async () => {
      const client = await connect(target().mainUrl);
      const parameters = client.endpoint("/predict").parameters;
      expect(parameters.map((p) => [p.name, p.label, p.hasDefault, p.default])).toEqual([
        ["a", "a", true, 4],
        ["op", "op", true, "add"],
        ["b", "b", true, 5],
      ]);
      expect(await client.predict("/predict", { b: 10 })).toEqual([14]);
      expect(await client.predict("/predict", { op: "divide", b: 2, a: 9 })).toEqual([4.5]);
      expect(await client.predict("/predict")).toEqual([9]);
      expect(await client.predict("/predict", [1])).toEqual([6]);
    });

    it("returns every output of a function with several, in order", async () => {
      const client = await connect(target().mainUrl);
      expect(client.endpoint("/multi").returns.map((r) => r.label)).toEqual(["text", "length", "json"]);
      const job = client.submit("/multi", { name: "jobs" });
      const statuses = statusLog(job);
      expect(await job.result()).toEqual(["hello jobs", 4, { name: "jobs", length: 4, upper: "JOBS" }]);
      expect(await client.predict("/multi")).toEqual([
        "hello gradio",
        6,
        { name: "gradio", length: 6, upper: "GRADIO" },
      ]);
      // One output, reported at completion: ITERATING is for generator yields only.
      expect(statuses.map((s) => s.code)).not.toContain("ITERATING");
      expect(job.outputs()).toHaveLength(1);
    });

    it("rejects with AppError carrying gr.Error's title and message", async () => {
      const client = await connect(target().mainUrl);
      const job = client.submit("/fail", ["x"]);
      const statuses = statusLog(job);
      const error = await job.result().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({
        code: "APP_ERROR",
        title: "Error",
        serverMessage: "bad input",
        visible: true,
      });
      expect((error as AppError).duration).toBe(10);
      expect(job.status()).toMatchObject({ stage: "error", success: false, error });
      expect(job.outputs()).toEqual([]);
      expect(statuses.map((s) => s.stage)).toContain("running");
    });

    it("rejects with AppError carrying the text of any other exception (show_error=True)", async () => {
      const client = await connect(target().mainUrl);
      const error = await client.predict("/predict", [1.5, "divide", 0]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      // 5.x sends {"error": str(exc)} with no duration or visible flag; the completion's title is "Error".
      expect(error).toMatchObject({ title: "Error", serverMessage: "float division by zero" });
    });

    it("settles a job for an unknown endpoint with EndpointNotFoundError", async () => {
      const client = await connect(target().mainUrl);
      const job = client.submit("/no_such_endpoint", []);
      const error = await job.result().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EndpointNotFoundError);
      expect((error as EndpointNotFoundError).available).toEqual(
        expect.arrayContaining(["/predict", "/count", "/slow", "/sleep"]),
      );
      expect(job.status()).toMatchObject({ stage: "error", code: "FINISHED" });
      await expect(client.predict(999)).rejects.toBeInstanceOf(EndpointNotFoundError);
      expect(client.pendingJobs).toBe(0);
    });
  });
}
