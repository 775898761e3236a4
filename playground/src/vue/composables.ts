import { Client, type Job } from "@gradio-jobs/core";
import type { JobState } from "@gradio-jobs/core/bindings";
import type { JobRefs } from "@gradio-jobs/vue";
import { computed, onScopeDispose, type Ref, ref, shallowRef, watch } from "vue";
import { type AppSummary, appSummary } from "../shared/backend.js";
import { type ErrorInfo, errorInfo, fromJobState, type JobModel } from "../shared/job-model.js";
import { rememberServerUrl } from "../shared/server-url.js";

/** The connection of the page: a client for the URL last asked for (an older connect finishing late is closed). */
export type Connection =
  | { readonly state: "idle" }
  | { readonly state: "connecting"; readonly url: string }
  | { readonly state: "connected"; readonly client: Client; readonly app: AppSummary }
  | { readonly state: "error"; readonly error: ErrorInfo };

export function useConnection() {
  const connection = shallowRef<Connection>({ state: "idle" });
  let attempt = 0;
  let client: Client | null = null;
  /** Closes the client, and makes any connect still under way close its client when it finishes. */
  const disconnect = () => {
    attempt += 1;
    client?.close();
    client = null;
  };
  const connect = async (url: string) => {
    disconnect();
    const mine = attempt;
    connection.value = { state: "connecting", url };
    try {
      const connected = await Client.connect(url);
      if (mine !== attempt) return connected.close();
      client = connected;
      rememberServerUrl(url);
      connection.value = { state: "connected", client: connected, app: appSummary(connected) };
    } catch (error) {
      if (mine === attempt) connection.value = { state: "error", error: errorInfo(error) };
    }
  };
  onScopeDispose(disconnect);
  return { connection, connect };
}

/**
 * The card model of `job` from its refs (from `useJob` or `useSubmit`), keeping the log history and the eta's
 * start.
 */
export function useJobModel(refs: JobRefs, job: () => Job | null): Readonly<Ref<JobModel | null>> {
  let previous: { state: JobState; job: Job | null } | null = null;
  let model: JobModel | null = null;
  return computed(() => {
    // The refs of the composable, back as one snapshot (the same object useJob builds them from).
    const state = {
      stage: refs.stage.value,
      code: refs.code.value,
      rank: refs.rank.value,
      queueSize: refs.queueSize.value,
      eta: refs.eta.value,
      progress: refs.progress.value,
      log: refs.log.value,
      success: refs.success.value,
      time: refs.time.value,
      error: refs.error.value,
      title: refs.title.value,
      message: refs.message.value,
      outputs: refs.outputs.value,
      latest: refs.latest.value,
      result: refs.result.value,
      done: refs.done.value,
      active: refs.active.value,
      cancel: refs.cancel,
    } as JobState;
    const current = job();
    const same = previous?.job === current;
    model = fromJobState(same ? model : null, same ? (previous?.state ?? null) : null, state, current);
    previous = { state, job: current };
    return model;
  });
}

/** The current time, updated every `intervalMs` while `active` (for the eta countdown). */
export function useNow(active: Readonly<Ref<boolean>>, intervalMs = 200): Readonly<Ref<number>> {
  const now = ref(Date.now());
  let timer: ReturnType<typeof setInterval> | undefined;
  watch(
    active,
    (on) => {
      clearInterval(timer);
      now.value = Date.now();
      if (on) timer = setInterval(() => (now.value = Date.now()), intervalMs);
    },
    { immediate: true },
  );
  onScopeDispose(() => clearInterval(timer));
  return now;
}
