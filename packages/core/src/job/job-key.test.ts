import { describe, expect, it } from "vitest";
import { jobKey } from "./job-key.js";

describe("jobKey", () => {
  it("is equal for equal arguments, whatever the key order", () => {
    expect(jobKey("/predict", { a: 1, b: [2, { c: 3, d: 4 }] })).toBe(
      jobKey("/predict", { b: [2, { d: 4, c: 3 }], a: 1 }),
    );
  });

  it("differs by endpoint, by value and by file identity", () => {
    expect(jobKey("/a", [1])).not.toBe(jobKey("/b", [1]));
    expect(jobKey("/a", [1])).not.toBe(jobKey("/a", ["1"]));
    const blob = new Blob(["x"]);
    expect(jobKey("/a", [blob])).toBe(jobKey("/a", [blob]));
    expect(jobKey("/a", [blob])).not.toBe(jobKey("/a", [new Blob(["x"])]));
  });
});
