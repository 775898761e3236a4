import type { Job } from "@gradio-jobs/core";
import type { JobState } from "@gradio-jobs/core/bindings";
import { useEffect, useRef, useState } from "react";
import { fromJobState, type JobModel } from "../shared/job-model.js";

/** The card model of `job` from its binding state (keeps the log history and the eta's start across renders). */
export function useJobModel(state: JobState, job: Job | null): JobModel | null {
  const memo = useRef<{ state: JobState; job: Job | null; model: JobModel | null }>(null);
  const last = memo.current;
  if (last?.state !== state || last.job !== job) {
    const same = last?.job === job;
    memo.current = {
      state,
      job,
      model: fromJobState(same ? last.model : null, same ? last.state : null, state, job),
    };
  }
  return (memo.current as { model: JobModel | null }).model;
}

/** The current time, re-rendering every `intervalMs` while `active` (for the eta countdown). */
export function useNow(active: boolean, intervalMs = 200): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs]);
  return now;
}
