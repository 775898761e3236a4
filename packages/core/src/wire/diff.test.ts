import { describe, expect, it } from "vitest";
import { applyDiff, DiffMismatch, type DiffOperation } from "./diff.js";

describe("applyDiff", () => {
  it("replaces and appends at the root, as in sse-count.txt and streamed text", () => {
    expect(applyDiff(0, [["replace", [], 1]])).toBe(1);
    expect(applyDiff("Hel", [["append", [], "lo"]])).toBe("Hello");
  });

  it("adds, deletes and replaces inside nested lists and objects, in order", () => {
    const before = { items: [{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }], title: "a" };
    const ops: DiffOperation[] = [
      ["delete", ["items", 2], null],
      ["delete", ["items", 2], null],
      ["add", ["items", 2], { id: 9 }],
      ["replace", ["items", 0, "id"], 7],
      ["append", ["title"], "bc"],
      ["add", ["extra"], true],
      ["delete", ["extra"], null],
    ];
    expect(applyDiff(before, ops)).toEqual({ items: [{ id: 7 }, { id: 2 }, { id: 9 }], title: "abc" });
  });

  it("never mutates the previous value and shares untouched branches", () => {
    const untouched = { deep: [1, 2, 3] };
    const before = { chat: [["hi", "hel"]], untouched };
    const snapshot = structuredClone(before);
    const after = applyDiff(before, [["append", ["chat", 0, 1], "lo"]]) as typeof before;
    expect(before).toEqual(snapshot);
    expect(after.chat[0]?.[1]).toBe("hello");
    expect(after.untouched).toBe(untouched);
  });

  it.each<[unknown, DiffOperation[]]>([
    [[1], [["delete", [5], null]]],
    [{ a: 1 }, [["replace", ["b", "c"], 1]]],
    [5, [["append", [], "x"]]],
    ["s", [["add", [], "x"]]],
    [[1], [["explode" as "add", [0], 1]]],
    [null, [["replace", [0], 1]]],
  ])("rejects edits that do not fit (%j, %j)", (value, ops) => {
    expect(() => applyDiff(value, ops)).toThrow(DiffMismatch);
  });
});
