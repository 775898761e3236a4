/**
 * A job card for the framework-free pages (vanilla, classic `<script>`, Web Worker): the same markup the React and
 * Vue cards render, updated in place (outputs and logs are appended, never redrawn, so images do not reload).
 * @module
 */
import { cardData, isFinal, queueSizeText, rankText } from "../shared/card.js";
import {
  argsSummary,
  describeValue,
  errorText,
  etaLeft,
  formatSeconds,
  imageSizeText,
  progressBars,
  stageName,
} from "../shared/format.js";
import type { JobModel } from "../shared/job-model.js";
import { h, setAttributes } from "./h.js";

/** A card on the page; `update` draws a model, `tick` redraws the eta countdown. */
export interface JobCard {
  readonly element: HTMLElement;
  update(model: JobModel): void;
  tick(now: number): void;
}

/** One output value as elements: an image, a download link, text or JSON. */
export function renderValue(value: unknown): HTMLElement {
  const view = describeValue(value);
  switch (view.kind) {
    case "image": {
      const image = h("img", { "data-testid": "output-image", src: view.url, alt: view.name });
      const size = h("span", { class: "image-size", "data-testid": "image-size" });
      image.addEventListener("load", () => {
        size.textContent = imageSizeText(image);
      });
      return h(
        "a",
        { class: "value", "data-kind": "image", href: view.url, target: "_blank", rel: "noreferrer" },
        image,
        size,
      );
    }
    case "file":
      return h(
        "a",
        {
          class: "value",
          "data-kind": "file",
          "data-testid": "output-file",
          href: view.url,
          download: view.name,
        },
        `📄 ${view.name}${view.size === null ? "" : ` (${view.size} B)`}`,
      );
    case "json":
      return h("code", { class: "value", "data-kind": "json" }, view.text);
    default:
      return h("span", { class: "value", "data-kind": "text" }, view.text);
  }
}

/** Creates a card for a job submitted to `endpoint` with `args`; `onCancel` runs when its Cancel is clicked. */
export function createJobCard(endpoint: string, args: unknown, onCancel: () => void): JobCard {
  const stage = h("span", { class: "badge", "data-testid": "stage" });
  const code = h("code", { class: "code", "data-testid": "code" });
  const cancel = h("button", { type: "button", class: "cancel", "data-testid": "cancel" }, "Cancel");
  cancel.addEventListener("click", onCancel);
  const rank = h("dd", { "data-testid": "rank" });
  const queueSize = h("dd", { "data-testid": "queue-size" });
  const eta = h("dd", { "data-testid": "eta" });
  const facts = h(
    "dl",
    { class: "facts" },
    h("div", {}, h("dt", {}, "Rank"), rank),
    h("div", {}, h("dt", {}, "Queue size"), queueSize),
    h("div", {}, h("dt", {}, "ETA"), eta),
  );
  const progress = h("div", { class: "progress", "data-testid": "progress" });
  const outputs = h("ol", { class: "outputs", "data-testid": "outputs" });
  const logs = h("ul", { class: "logs", "data-testid": "logs" });
  const error = h("p", { class: "error", "data-testid": "error" });
  const element = h(
    "article",
    { class: "job", "data-testid": "job" },
    h(
      "header",
      { class: "job-head" },
      h("span", { class: "job-title" }, h("strong", {}, endpoint), " ", h("code", {}, argsSummary(args))),
      stage,
      code,
      cancel,
    ),
    facts,
    progress,
    outputs,
    logs,
    error,
  );
  let model: JobModel | null = null;

  return {
    element,
    update(next) {
      model = next;
      stage.textContent = stageName(next.stage);
      stage.className = `badge stage-${next.stage}`;
      code.textContent = next.code;
      cancel.disabled = isFinal(next);
      // A job that is done waits in no queue.
      facts.hidden = isFinal(next);
      rank.textContent = rankText(next);
      queueSize.textContent = queueSizeText(next);
      progress.replaceChildren(
        ...progressBars(next).map((bar) =>
          h(
            "div",
            { class: "bar" },
            h("progress", { max: 1, value: bar.fraction ?? undefined }),
            h("span", {}, bar.label),
          ),
        ),
      );
      for (const output of next.outputs.slice(outputs.children.length)) {
        outputs.append(h("li", { "data-testid": "output" }, ...output.map(renderValue)));
      }
      for (const log of next.logs.slice(logs.children.length)) {
        logs.append(
          h("li", { "data-level": log.level }, h("b", {}, log.title ?? log.level), " ", log.message),
        );
      }
      error.textContent = next.error ? errorText(next.error) : "";
      setAttributes(error, { "data-code": next.error?.code, hidden: !next.error });
      this.tick(Date.now());
    },
    tick(now) {
      if (!model) return;
      eta.textContent = formatSeconds(etaLeft(model, now));
      setAttributes(element, cardData(model, now));
    },
  };
}
