interface Average {
  total: number;
  count: number;
}

function averageOf(average: Average | undefined): number | null {
  return average && average.count > 0 ? average.total / average.count : null;
}

/**
 * Per-function run-time statistics, as Gradio keeps them: the average duration of one call (every
 * generator step counts, `output.average_duration`) and the average wall time of a whole event (what
 * `rank_eta` and `process_starts.eta` are built from).
 */
export class Timings {
  private readonly calls = new Map<number, Average>();
  private readonly events = new Map<number, Average>();

  /** Records one call (or generator step) and returns the new per-call average. */
  recordCall(fnIndex: number, seconds: number): number {
    const average = this.calls.get(fnIndex) ?? { total: 0, count: 0 };
    average.total += seconds;
    average.count += 1;
    this.calls.set(fnIndex, average);
    return average.total / average.count;
  }

  recordEvent(fnIndex: number, seconds: number): void {
    const average = this.events.get(fnIndex) ?? { total: 0, count: 0 };
    average.total += seconds;
    average.count += 1;
    this.events.set(fnIndex, average);
  }

  /** Average event time, or null until the function has finished once since the server started. */
  eventAverage(fnIndex: number): number | null {
    return averageOf(this.events.get(fnIndex));
  }
}
