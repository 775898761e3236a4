/** How a recorded run ended so far. */
export type RunOutcome = "running" | "completed" | "cancelled";

/**
 * One started run of the work app's /work, /work_stream or /stateful_work (the spec of conformance/apps/work.py).
 * Times are server clock epoch seconds.
 */
export interface RunRecord {
  fn: string;
  text: unknown;
  session: string;
  started: number;
  ended: number | null;
  outcome: RunOutcome;
}

const epochSeconds = () => Date.now() / 1000;

/**
 * What the work app's functions really did: one record per started run, in start order, and the sessions whose
 * `demo.unload` listener ran. `/runs`, `/reset_runs` and `/unloaded` read and clear it over the protocol;
 * `server.runs()` reads it in-process.
 */
export class RunLog {
  private records: RunRecord[] = [];
  private unloadedSessions: string[] = [];

  /** Records a run that starts now; call the returned function once it ends. */
  start(fn: string, text: unknown, session: string): (outcome: "completed" | "cancelled") => void {
    const record: RunRecord = { fn, text, session, started: epochSeconds(), ended: null, outcome: "running" };
    this.records.push(record);
    return (outcome) => {
      record.ended = epochSeconds();
      record.outcome = outcome;
    };
  }

  /** Copies of the records so far. */
  runs(): RunRecord[] {
    return this.records.map((record) => ({ ...record }));
  }

  recordUnload(session: string): void {
    this.unloadedSessions.push(session);
  }

  unloaded(): string[] {
    return [...this.unloadedSessions];
  }

  /** `/reset_runs`: forgets every record (runs still going keep updating their own, now unlisted, record). */
  reset(): void {
    this.records = [];
    this.unloadedSessions = [];
  }
}
