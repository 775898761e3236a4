import { describe, expect, it } from "vitest";
import { resolveOptions, versionFeatures } from "./options.js";

describe("versionFeatures: what a Gradio version does", () => {
  it("5.x has the 5.x behaviour, 6.25 the measured 6.x one", () => {
    expect(versionFeatures("5.14.0")).toMatchObject({
      cancelRemovesQueued: false,
      lingeringClose: false,
      completionGuard: false,
      cacheFields: false,
      reuseCancelledDiffRuns: false,
      richErrorShapes: false,
    });
    expect(versionFeatures("5.45.0").richErrorShapes).toBe(true);
    expect(Object.values(versionFeatures("6.25.0")).every(Boolean)).toBe(true);
  });

  it("each 6.x feature starts at its own minor version", () => {
    expect(versionFeatures("6.10.0")).toMatchObject({ lingeringClose: true, completionGuard: false });
    expect(versionFeatures("6.11.0")).toMatchObject({
      heartbeatTask: true,
      completionGuard: true,
      cacheFields: false,
    });
    expect(versionFeatures("6.13.2")).toMatchObject({ cacheFields: true, cancelRemovesQueued: false });
    expect(versionFeatures("6.14.0").cancelRemovesQueued).toBe(true);
  });
});

describe("resolveOptions", () => {
  it("derives the defaults from the version; explicit options override them", () => {
    // The default models the Gradio people run today (6.25); 5.x is an option.
    expect(resolveOptions({})).toMatchObject({ version: "6.25.0", app: "demo", cancelRemovesQueued: true });
    expect(resolveOptions({ version: "5.14.0" })).toMatchObject({
      version: "5.14.0",
      app: "demo",
      cancelRemovesQueued: false,
      reuseCancelledDiffRuns: false,
      disconnectForgetsEvents: true,
      detectHeartbeatClose: true,
    });
    expect(resolveOptions({ version: "6.25.0", timeScale: 0.1 })).toMatchObject({
      cancelRemovesQueued: true,
      reuseCancelledDiffRuns: true,
      disconnectForgetsEvents: false,
      lingerTimeoutMs: 1000,
    });
    expect(
      resolveOptions({ version: "6.25.0", cancelRemovesQueued: false, disconnectForgetsEvents: true }),
    ).toMatchObject({ cancelRemovesQueued: false, disconnectForgetsEvents: true });
  });
});
