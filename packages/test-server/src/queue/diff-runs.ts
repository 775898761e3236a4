/**
 * Gradio's `pending_diff_streams[session_hash][run]` (blocks.py `handle_streaming_diffs`): the last value of
 * every output per generator run, keyed by `run = id(iterator)`, the iterator's memory address. The entry is
 * dropped when a run finishes normally, but never when it is cancelled, killed or flagged dead. Python reuses a
 * freed address for the next object of that size, so a new generator run in the same session can get the old
 * run's id: it then finds the old entry and its FIRST `process_generating` is a diff against the cancelled
 * run's last value instead of full data (6.25, sse-cancel-running.txt: `[[["replace",[],"tick 0"]]]`).
 *
 * Modelled deterministically: the ids of abandoned runs go to a per-session free list, and with `reuse` on the
 * next run takes the most recently freed one.
 */
export class DiffRuns {
  private readonly lastValues = new Map<number, unknown[]>();
  private readonly freed: number[] = [];
  private nextId = 1;

  constructor(private readonly reuse: boolean) {}

  /** Starts a generator run: a fresh id, or (with reuse on) the most recently abandoned one. */
  open(): DiffRun {
    const reused = this.reuse ? this.freed.pop() : undefined;
    const id = reused ?? this.nextId++;
    let open = true;
    return {
      previous: () => this.lastValues.get(id) ?? null,
      record: (outputs) => {
        this.lastValues.set(id, outputs);
      },
      finish: () => {
        if (!open) return;
        open = false;
        this.lastValues.delete(id);
      },
      abandon: () => {
        if (!open) return;
        open = false;
        // The entry stays: that is the quirk.
        if (this.reuse) this.freed.push(id);
        else this.lastValues.delete(id);
      },
    };
  }
}

/** One generator run's diff state. */
export interface DiffRun {
  /** The last full outputs stored under this run's id (a reused id's are the abandoned run's), or null. */
  previous(): unknown[] | null;
  /** Stores the full outputs just yielded. */
  record(outputs: unknown[]): void;
  /** The run finished normally: its entry is dropped. */
  finish(): void;
  /** The run was cancelled, killed, failed or flagged dead: its entry stays and its id is freed. */
  abandon(): void;
}
