/**
 * Formatting shared by every page: eta countdown, progress bars, stage names, output values (FileData as an image
 * or a download link, not as raw JSON) and errors. Framework-free, no DOM.
 * @module
 */
import type { JobStage } from "@gradio-jobs/core";
import type { AppSummary } from "./backend.js";
import type { ErrorInfo, JobModel } from "./job-model.js";

/** Seconds left of the job's eta at `now` (never below 0), or `null` when the server gave none or the job ended. */
export function etaLeft(model: Pick<JobModel, "eta" | "etaSince" | "stage">, now: number): number | null {
  if (model.eta === null || (model.stage !== "queued" && model.stage !== "running")) return null;
  return Math.max(0, model.eta - Math.max(0, now - model.etaSince) / 1000);
}

/** `"3.4 s"`, `"42 s"`, `"2 min 05 s"`; `"–"` for `null`. */
export function formatSeconds(seconds: number | null): string {
  if (seconds === null) return "–";
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, "0")} s`;
}

/** One bar of a progress display. */
export interface ProgressBar {
  /** 0..1, or `null` when the app reported steps without a total. */
  readonly fraction: number | null;
  readonly label: string;
}

/**
 * One bar per `gr.Progress` level (outermost first): a fraction, or `index/length` steps as tqdm reports them.
 * Once the job completed, every bar is full, steps included (the app's last report is usually short of 100%).
 */
export function progressBars(model: Pick<JobModel, "progress" | "stage">): ProgressBar[] {
  return (model.progress ?? []).map((level) => {
    const complete = model.stage === "complete";
    // The app's last report is one step short (tqdm reports `2/3` before the last item, not `3/3` after it).
    const index = complete && level.length ? level.length : level.index;
    const steps = index !== null && level.length ? index / level.length : null;
    const fraction = complete ? 1 : (level.progress ?? steps);
    const count = index !== null ? `${index}${level.length ? `/${level.length}` : ""} ${level.unit}` : null;
    const percent = fraction !== null ? `${Math.round(fraction * 100)}%` : null;
    return { fraction, label: [level.desc, count, percent].filter(Boolean).join(" · ") };
  });
}

/** The outermost progress fraction, for a single summary bar (or `null`). */
export function mainFraction(model: Pick<JobModel, "progress" | "stage">): number | null {
  return progressBars(model)[0]?.fraction ?? null;
}

const STAGE_NAMES: Record<JobStage, string> = {
  pending: "pending",
  queued: "queued",
  running: "running",
  complete: "complete",
  error: "error",
  cancelled: "cancelled",
};

/** A short human name of a stage. */
export function stageName(stage: JobStage): string {
  return STAGE_NAMES[stage];
}

/** How to show one output value. */
export type ValueView =
  | { readonly kind: "image"; readonly url: string; readonly name: string }
  | { readonly kind: "file"; readonly url: string; readonly name: string; readonly size: number | null }
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "json"; readonly text: string };

const IMAGE_EXTENSIONS = /\.(png|jpe?g|gif|webp|avif|svg|bmp)$/i;

/**
 * How to show an output value: a file the server returned (Gradio FileData, with the absolute `url` core gives it)
 * becomes an image or a link, a string or number stays text, anything else is shown as JSON.
 */
export function describeValue(value: unknown): ValueView {
  if (typeof value === "string") return { kind: "text", text: value };
  if (typeof value === "number" || typeof value === "boolean") return { kind: "text", text: String(value) };
  if (value === null || value === undefined) return { kind: "text", text: "–" };
  const file = value as { url?: unknown; path?: unknown; orig_name?: unknown; mime_type?: unknown };
  if (typeof file.url === "string" && typeof file.path === "string") {
    const name = typeof file.orig_name === "string" ? file.orig_name : (file.path.split("/").pop() ?? "file");
    const mime = typeof file.mime_type === "string" ? file.mime_type : "";
    if (mime.startsWith("image/") || IMAGE_EXTENSIONS.test(name))
      return { kind: "image", url: file.url, name };
    const size = (value as { size?: unknown }).size;
    return { kind: "file", url: file.url, name, size: typeof size === "number" ? size : null };
  }
  return { kind: "json", text: JSON.stringify(value) };
}

/** `"16×16 px"`: the natural size of a loaded image, so a tiny one (a 1×1 result) is seen for what it is. */
export function imageSizeText(image: {
  readonly naturalWidth: number;
  readonly naturalHeight: number;
}): string {
  return `${image.naturalWidth}×${image.naturalHeight} px`;
}

/** `"AppError (APP_ERROR): Error: bad input"`. */
export function errorText(error: ErrorInfo): string {
  return `${error.name} (${error.code}): ${error.message}`;
}

/** A short, one-line rendering of the arguments a job was submitted with. */
export function argsSummary(args: unknown): string {
  const text = JSON.stringify(args, (_key, value: unknown) =>
    value instanceof Blob ? `<${value.type || "file"} ${value.size} B>` : value,
  );
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** What the connection line says once connected. */
export function connectedText(app: AppSummary): string {
  return `Connected: Gradio ${app.version ?? "?"} (${app.protocol ?? "?"}), ${app.endpoints.length} endpoints`;
}
