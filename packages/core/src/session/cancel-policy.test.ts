import { describe, expect, it } from "vitest";
import { serverTraits } from "../wire/dialects.js";
import { type CancelAction, type CancelSituation, cancelAction } from "./cancel-policy.js";

const versions = {
  "4.30": serverTraits("sse_v3", "4.30.0"),
  "5.45": serverTraits("sse_v3", "5.45.0"),
  "6.5": serverTraits("sse_v3", "6.5.0"),
  "6.25": serverTraits("sse_v3", "6.25.0"),
} as const;
type Version = keyof typeof versions;

// [version, ownSession, running, siblingPending, othersPending, expected]
const table: [Version, boolean, boolean, boolean, boolean, CancelAction][] = [
  // A wanted sibling in the session: never, on any version (it would be killed without a message).
  ["4.30", true, true, true, true, "wait"],
  ["5.45", false, true, true, true, "wait"],
  ["5.45", false, false, true, true, "wait"],
  ["6.25", false, true, true, true, "wait"],
  ["6.25", false, false, true, true, "wait"],
  // No /cancel route (< 4.31): only closing a session of its own stops anything.
  ["4.30", true, false, false, false, "close"],
  ["4.30", true, true, false, false, "close"],
  ["4.30", true, true, false, true, "none"],
  ["4.30", false, true, false, false, "none"],
  ["4.30", false, false, false, true, "none"],
  // Running: the cancel kills only this job.
  ["5.45", false, true, false, false, "send"],
  ["5.45", false, true, false, true, "send"],
  ["5.45", true, true, false, false, "send"],
  ["6.25", false, true, false, true, "send"],
  ["6.25", true, true, false, false, "send"],
  // Waiting, 6.14+: the server removes it from the queue.
  ["6.25", false, false, false, false, "send"],
  ["6.25", false, false, false, true, "send"],
  ["6.25", true, false, false, false, "send"],
  // Waiting, before 6.14: its stream is closed first when nothing else is wanted in the session (a shared one too:
  // its State survives), except the client's own session on 6.x, where a closed stream lingers and drops new jobs.
  ["5.45", true, false, false, false, "close-and-send"],
  ["5.45", false, false, false, false, "close-and-send"],
  ["5.45", true, false, false, true, "wait"],
  ["5.45", false, false, false, true, "wait"],
  ["6.5", true, false, false, false, "close-and-send"],
  ["6.5", false, false, false, false, "wait"],
  ["6.5", false, true, false, false, "send"],
];

describe("cancelAction", () => {
  it.each(table)(
    "Gradio %s, own session %s, running %s, sibling %s, others %s → %s",
    (version, ownSession, running, siblingPending, othersPending, expected) => {
      const situation: CancelSituation = {
        traits: versions[version],
        ownSession,
        running,
        siblingPending,
        othersPending,
      };
      expect(cancelAction(situation)).toBe(expected);
    },
  );

  it("waits for a waiting job to start when a job of its function just completed in the session (6.14+)", () => {
    const waiting = { ownSession: false, running: false, siblingPending: false, othersPending: false };
    expect(cancelAction({ ...waiting, traits: versions["6.25"], slotJustFreed: true })).toBe("wait");
    expect(cancelAction({ ...waiting, traits: versions["6.25"], running: true, slotJustFreed: true })).toBe(
      "send",
    );
    expect(cancelAction({ ...waiting, traits: versions["5.45"], slotJustFreed: true })).toBe(
      "close-and-send",
    );
  });

  it("reads the 6.14 threshold from the version", () => {
    const situation = { ownSession: false, running: false, siblingPending: false, othersPending: true };
    expect(cancelAction({ ...situation, traits: serverTraits("sse_v3", "6.13.9") })).toBe("wait");
    expect(cancelAction({ ...situation, traits: serverTraits("sse_v3", "6.14.0") })).toBe("send");
  });
});
