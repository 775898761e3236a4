import { describe, expect, it } from "vitest";
import { ProtocolError } from "../errors.js";
import { decodeMessage } from "./messages.js";

const completed = (extra: Record<string, unknown>, output: Record<string, unknown> = { data: [9] }) =>
  JSON.stringify({ msg: "process_completed", event_id: "e1", output, success: true, title: null, ...extra });

describe("process_completed metadata (6.12+ used_cache, cache_duration, avg_time)", () => {
  it("decodes the 6.25 fields as sent (sse-predict.txt)", () => {
    expect(
      decodeMessage(
        completed(
          { used_cache: null, cache_duration: 0.0026, avg_time: 0.003 },
          { data: [9], used_cache: null },
        ),
      ),
    ).toMatchObject({
      msg: "process_completed",
      report: { cache: null, duration: 0.0026, averageDuration: 0.003 },
    });
    expect(
      decodeMessage(completed({ used_cache: "full", cache_duration: 0.001, avg_time: null })),
    ).toMatchObject({ report: { cache: "full", duration: 0.001, averageDuration: null } });
  });

  it("reads output.used_cache when the top level has none, and nulls on 5.x", () => {
    expect(decodeMessage(completed({}, { data: [1], used_cache: "partial" }))).toMatchObject({
      report: { cache: "partial" },
    });
    expect(decodeMessage(completed({}))).toEqual(
      expect.objectContaining({ report: { cache: null, duration: null, averageDuration: null } }),
    );
  });

  it("rejects wrong types as a ProtocolError", () => {
    for (const extra of [
      { used_cache: "yes" },
      { used_cache: 1 },
      { cache_duration: "1" },
      { avg_time: true },
    ]) {
      expect(() => decodeMessage(completed(extra))).toThrow(ProtocolError);
    }
  });
});
