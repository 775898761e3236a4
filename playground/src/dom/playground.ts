/**
 * The framework-free playground page (vanilla, classic `<script>` and Web Worker pages): connect form, endpoint and
 * arguments, Submit (one current job, superseding the last like `useSubmit`) and Submit ×N (jobs submitted together,
 * to watch queue positions move), and a card per job. Where the SDK runs is the backend's business.
 * @module
 */
import type { AppSummary, PlaygroundBackend, RemoteJob } from "../shared/backend.js";
import { remoteJoined, submitInOrder } from "../shared/batch.js";
import { isCountingDown, isFinal } from "../shared/card.js";
import {
  defaultArgsText,
  type EndpointSummary,
  endpointAfterConnect,
  jobCount,
  MAX_JOBS,
  parseArgs,
} from "../shared/endpoints.js";
import { connectedText, errorText } from "../shared/format.js";
import { errorInfo, type JobModel } from "../shared/job-model.js";
import { initialServerUrl, rememberServerUrl } from "../shared/server-url.js";
import { h, setAttributes } from "./h.js";
import { createJobCard, type JobCard } from "./job-card.js";

/** How often the eta countdown is redrawn. */
const TICK_MS = 200;

interface Shown {
  readonly card: JobCard;
  readonly job: RemoteJob;
  model: JobModel | null;
}

/** Builds the playground inside `root` and connects to the initial server URL. */
export function mountPlayground(root: HTMLElement, backend: PlaygroundBackend): void {
  const urlInput = h("input", { id: "server-url", name: "url", type: "url", required: true, size: 34 });
  urlInput.value = initialServerUrl();
  const connection = h("span", { class: "connection", "data-testid": "connection", "data-state": "idle" });
  const connectForm = h(
    "form",
    { class: "bar connect", "data-testid": "connect-form" },
    h("label", {}, "Gradio app ", urlInput),
    h("button", { id: "connect", type: "submit" }, "Connect"),
    connection,
  );
  const endpointSelect = h("select", { id: "endpoint", name: "endpoint" });
  const argsInput = h("input", { id: "args", name: "args", class: "args", spellcheck: false });
  const countInput = h("input", {
    id: "count",
    name: "count",
    type: "number",
    min: 1,
    max: MAX_JOBS,
    value: 3,
  });
  const submitMany = h("button", { id: "submit-many", type: "button" }, "Submit ×3");
  const submitForm = h(
    "form",
    { class: "bar submit", "data-testid": "submit-form" },
    h(
      "fieldset",
      { disabled: true },
      h("label", {}, "Endpoint ", endpointSelect),
      h("label", { class: "grow" }, "Arguments (JSON) ", argsInput),
      h("label", {}, "Jobs ", countInput),
      h("button", { id: "submit", type: "submit" }, "Submit"),
      submitMany,
    ),
  );
  const fieldset = submitForm.querySelector("fieldset") as HTMLFieldSetElement;
  const formError = h("p", { class: "form-error", "data-testid": "form-error", hidden: true });
  const current = h("div", { class: "cards" }, h("p", { class: "empty" }, "Submit a job to see it here."));
  const batch = h("div", { class: "cards" });
  const clearBatch = h("button", { id: "clear-batch", type: "button" }, "Clear finished");
  root.replaceChildren(
    h(
      "div",
      { class: "playground", "data-runtime": backend.runtime },
      connectForm,
      submitForm,
      formError,
      h("section", { class: "current", "data-testid": "current" }, h("h2", {}, "Current job"), current),
      h(
        "section",
        { class: "batch", "data-testid": "batch" },
        h("h2", {}, "Submitted together ", clearBatch),
        batch,
      ),
    ),
  );

  let endpoints: readonly EndpointSummary[] = [];
  const shown = new Set<Shown>();
  let currentJob: Shown | null = null;

  const showError = (message: string | null) => {
    formError.textContent = message ?? "";
    formError.hidden = message === null;
  };

  const show = (container: HTMLElement, endpoint: string, args: unknown, job: RemoteJob): Shown => {
    const card = createJobCard(endpoint, args, () => job.cancel());
    const entry: Shown = { card, job, model: null };
    job.subscribe((model) => {
      entry.model = model;
      card.update(model);
    });
    shown.add(entry);
    container.append(card.element);
    return entry;
  };

  const submit = (count: number | null) => {
    showError(null);
    const endpoint = endpointSelect.value;
    let args: ReturnType<typeof parseArgs>;
    try {
      args = parseArgs(argsInput.value);
    } catch (error) {
      showError((error as Error).message);
      return;
    }
    if (count === null) {
      // Like `useSubmit`: a new submit supersedes the current job, which nobody can see any more.
      currentJob?.job.cancel();
      if (currentJob) shown.delete(currentJob);
      current.replaceChildren();
      currentJob = show(current, endpoint, args, backend.submit(endpoint, args));
    } else {
      void submitInOrder(
        count,
        () => backend.submit(endpoint, args),
        remoteJoined,
        (job) => {
          show(batch, endpoint, args, job);
        },
      );
    }
  };

  const connect = async () => {
    const url = urlInput.value.trim();
    fieldset.disabled = true;
    connection.textContent = `Connecting to ${url}…`;
    setAttributes(connection, { "data-state": "connecting", "data-code": null });
    let app: AppSummary;
    try {
      app = await backend.connect(url);
    } catch (error) {
      const info = errorInfo(error);
      connection.textContent = errorText(info);
      setAttributes(connection, { "data-state": "error", "data-code": info.code });
      return;
    }
    rememberServerUrl(url);
    endpoints = app.endpoints;
    connection.textContent = connectedText(app);
    setAttributes(connection, { "data-state": "connected" });
    const selected = endpointAfterConnect(endpoints, endpointSelect.value);
    endpointSelect.replaceChildren(
      ...endpoints.map((e) =>
        h("option", { value: e.apiName }, `${e.apiName}${e.generator ? " (generator)" : ""}`),
      ),
    );
    endpointSelect.value = selected;
    argsInput.value = defaultArgsText(endpoints, selected);
    fieldset.disabled = false;
  };

  connectForm.addEventListener("submit", (event) => {
    event.preventDefault();
    void connect();
  });
  endpointSelect.addEventListener("change", () => {
    argsInput.value = defaultArgsText(endpoints, endpointSelect.value);
  });
  countInput.addEventListener("input", () => {
    submitMany.textContent = `Submit ×${jobCount(countInput.valueAsNumber)}`;
  });
  submitForm.addEventListener("submit", (event) => {
    event.preventDefault();
    submit(null);
  });
  submitMany.addEventListener("click", () => submit(jobCount(countInput.valueAsNumber)));
  clearBatch.addEventListener("click", () => {
    for (const entry of [...shown]) {
      if (entry === currentJob || !entry.model || !isFinal(entry.model)) continue;
      entry.card.element.remove();
      shown.delete(entry);
    }
  });
  setInterval(() => {
    const now = Date.now();
    for (const entry of shown) if (entry.model && isCountingDown(entry.model)) entry.card.tick(now);
  }, TICK_MS);

  void connect();
}
