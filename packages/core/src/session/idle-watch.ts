/**
 * Liveness of a stream: Gradio sends heartbeats while a stream is quiet, so a stream that sends no byte for long
 * enough is presumed dead (protocol §4.3).
 * @module
 */

/** A cheap idle timer: one timeout, re-armed lazily from the time of the last activity. */
export function idleWatch(timeoutMs: number, onIdle: () => void): { touch: () => void; stop: () => void } {
  let last = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = (delay: number) => {
    timer = setTimeout(() => {
      const quiet = Date.now() - last;
      if (quiet >= timeoutMs) onIdle();
      else arm(timeoutMs - quiet);
    }, delay);
  };
  arm(timeoutMs);
  return {
    touch: () => {
      last = Date.now();
    },
    stop: () => clearTimeout(timer),
  };
}
