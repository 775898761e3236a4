import { describe, expect, it } from "vitest";
import { applyDiff, diff } from "./diff.js";

describe("diff (Gradio's differ, §4.6)", () => {
  it("replaces on type change and non-prefix strings, appends on string growth", () => {
    expect(diff(1, 2)).toEqual([["replace", [], 2]]);
    expect(diff("tick 1", "tick 2")).toEqual([["replace", [], "tick 2"]]);
    expect(diff("ab", "abcd")).toEqual([["append", [], "cd"]]);
    expect(diff(null, "x")).toEqual([["replace", [], "x"]]);
    expect(diff([1], { a: 1 })).toEqual([["replace", [], { a: 1 }]]);
    expect(diff({ a: [1] }, { a: [1] })).toEqual([]);
  });

  it("compares arrays item by item and deletes the tail at the shifted index", () => {
    expect(diff([1, 2, 3, 4], [1, 2])).toEqual([
      ["delete", [2], null],
      ["delete", [2], null],
    ]);
    expect(diff([1], [1, 2])).toEqual([["add", [1], 2]]);
    expect(applyDiff([1, 2, 3, 4], diff([1, 2, 3, 4], [1, 5]))).toEqual([1, 5]);
  });

  it("compares objects key by key", () => {
    const before = { keep: 1, change: "a", drop: true, nested: { list: ["x"] } };
    const after = { keep: 1, change: "ab", nested: { list: ["x", "y"] }, added: null };
    expect(diff(before, after)).toEqual([
      ["append", ["change"], "b"],
      ["delete", ["drop"], null],
      ["add", ["nested", "list", 1], "y"],
      ["add", ["added"], null],
    ]);
    expect(applyDiff(before, diff(before, after))).toEqual(after);
  });
});
