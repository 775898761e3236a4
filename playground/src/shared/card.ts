/**
 * What every page's job card exposes beyond its text: `data-*` attributes with the model's machine-readable state
 * (the end-to-end tests and anyone inspecting the page read them), the same on every page.
 * @module
 */
import { etaLeft, mainFraction } from "./format.js";
import type { JobModel } from "./job-model.js";

/** The `data-*` attributes of a job card's root element. */
export function cardData(model: JobModel, now: number): Record<string, string> {
  const left = etaLeft(model, now);
  const fraction = mainFraction(model);
  return {
    "data-stage": model.stage,
    "data-code": model.code,
    "data-event-id": model.eventId ?? "",
    "data-rank": model.rank === null ? "" : String(model.rank),
    "data-queue-size": model.queueSize === null ? "" : String(model.queueSize),
    "data-eta-left": left === null ? "" : left.toFixed(1),
    "data-fraction": fraction === null ? "" : fraction.toFixed(3),
    "data-outputs": String(model.outputs.length),
  };
}

/** Whether the job reached a final stage (its Cancel button is disabled then). */
export function isFinal(model: JobModel): boolean {
  return model.stage === "complete" || model.stage === "error" || model.stage === "cancelled";
}

/** Whether a card's eta still counts down (so the page must redraw it every tick). */
export function isCountingDown(model: JobModel): boolean {
  return model.eta !== null && (model.stage === "queued" || model.stage === "running");
}

/** The "Rank" text: 0-based place among the waiting jobs (0 = next), or a dash. */
export function rankText(model: JobModel): string {
  return model.rank === null ? "–" : String(model.rank);
}

/** The "Queue size" text. */
export function queueSizeText(model: JobModel): string {
  return model.queueSize === null ? "–" : String(model.queueSize);
}
