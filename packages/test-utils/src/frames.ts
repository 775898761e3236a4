/**
 * Animation frames run by hand: `requestAnimationFrame` and `cancelAnimationFrame` stubbed with Vitest, so a test
 * decides when "the next frame" happens and can count what a frame-batched binding does between two frames.
 */
import { vi } from "vitest";

/** Controls of the stubbed frames; `restore()` puts the real globals back. */
export interface ManualFrames {
  /** Runs every callback requested since the last frame. */
  next(): void;
  /** How many callbacks wait for the next frame. */
  readonly pending: number;
  restore(): void;
}

/**
 * Stubs the frame globals until `restore()` (or `vi.unstubAllGlobals()`).
 *
 * @example
 * ```ts
 * const frames = stubAnimationFrames();
 * try { … frames.next(); … } finally { frames.restore(); }
 * ```
 */
export function stubAnimationFrames(): ManualFrames {
  const frames = new Map<number, FrameRequestCallback>();
  let ids = 0;
  vi.stubGlobal("requestAnimationFrame", (callback: FrameRequestCallback) => {
    frames.set(++ids, callback);
    return ids;
  });
  vi.stubGlobal("cancelAnimationFrame", (id: number) => frames.delete(id));
  return {
    next() {
      const due = [...frames.values()];
      frames.clear();
      for (const callback of due) callback(performance.now());
    },
    get pending() {
      return frames.size;
    },
    restore: () => vi.unstubAllGlobals(),
  };
}
