/**
 * Endpoints and arguments: which endpoints the pages offer, what arguments they start with, and how the
 * arguments text (JSON, with `{"$sample": "image"}` placeholders for files) becomes the values to submit.
 * Framework-free and DOM-free: the Web Worker uses it too.
 * @module
 */
import type { EndpointInfo } from "@gradio-jobs/core";

/** What a page needs to know about an endpoint (plain data, so a worker can post it). */
export interface EndpointSummary {
  readonly apiName: string;
  readonly generator: boolean;
  readonly parameters: readonly {
    readonly name: string;
    readonly hasDefault: boolean;
    readonly default: unknown;
    readonly component: string;
  }[];
}

/** The endpoints a client offers that a page can call by name. */
export function summarizeEndpoints(endpoints: readonly EndpointInfo[]): EndpointSummary[] {
  return endpoints.flatMap((endpoint) =>
    endpoint.apiName && endpoint.visibility !== "private"
      ? [
          {
            apiName: endpoint.apiName,
            generator: endpoint.generator,
            parameters: endpoint.parameters.map(({ name, hasDefault, default: value, component }) => ({
              name,
              hasDefault,
              default: value,
              component,
            })),
          },
        ]
      : [],
  );
}

/**
 * Starting values that make the demo app's endpoints pleasant to watch (its own defaults stream for 30 s or sleep
 * for 17 s). Applied by parameter name, so another app's endpoint of the same name keeps its defaults.
 */
const DEMO_VALUES: Record<string, Record<string, unknown>> = {
  "/count": { n: 10 },
  "/progress": { steps: 8 },
  "/long_stream": { n: 10 },
  "/sleep": { secs: 3 },
  "/slow": { x: "hello" },
};

/** The endpoint a page selects first: one that shows progress, if the app has it. */
export function preferredEndpoint(endpoints: readonly EndpointSummary[]): string | null {
  return (endpoints.find((e) => e.apiName === "/progress") ?? endpoints[0])?.apiName ?? null;
}

/** The endpoint to select after (re)connecting: the one selected before if the app has it, else the preferred one. */
export function endpointAfterConnect(endpoints: readonly EndpointSummary[], selected: string): string {
  return endpoints.some((e) => e.apiName === selected) ? selected : (preferredEndpoint(endpoints) ?? "");
}

/** How many jobs "Submit ×N" submits: the field's value, 1 to {@link MAX_JOBS}. */
export function jobCount(value: number): number {
  return Math.min(MAX_JOBS, Math.max(1, Math.round(value) || 1));
}

/** The most jobs "Submit ×N" submits at once. */
export const MAX_JOBS = 8;

/** A placeholder for a file argument: replaced by a small sample file when submitting. */
export interface SamplePlaceholder {
  readonly $sample: "image" | "text";
}

/** The arguments an endpoint starts with: demo values, else the app's defaults, else a sample file or `null`. */
export function defaultArgs(endpoint: EndpointSummary): unknown[] {
  const demo = DEMO_VALUES[endpoint.apiName] ?? {};
  return endpoint.parameters.map((parameter) => {
    if (parameter.name in demo) return demo[parameter.name];
    if (parameter.hasDefault) return parameter.default;
    if (/image/i.test(parameter.component)) return { $sample: "image" } satisfies SamplePlaceholder;
    if (/file|audio|video|model3d/i.test(parameter.component))
      return { $sample: "text" } satisfies SamplePlaceholder;
    return null;
  });
}

/** {@link defaultArgs} as the text of an arguments field. */
export function defaultArgsText(endpoints: readonly EndpointSummary[], apiName: string): string {
  const endpoint = endpoints.find((e) => e.apiName === apiName);
  return endpoint ? JSON.stringify(defaultArgs(endpoint)) : "[]";
}

/**
 * Parses an arguments field: a JSON array (positional) or object (by parameter name). Throws an `Error` saying
 * what is wrong, for the page to show.
 */
export function parseArgs(text: string): unknown[] | Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text.trim() || "[]");
  } catch (error) {
    throw new Error(`Arguments are not valid JSON: ${(error as Error).message}`);
  }
  if (typeof value !== "object" || value === null) {
    throw new Error("Arguments must be a JSON array (positional) or object (by parameter name).");
  }
  return value as unknown[] | Record<string, unknown>;
}

// A 16×16 PNG gradient: a real image for endpoints that take one.
const SAMPLE_PNG =
  "iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAABnUlEQVR42g3L0QCFIQyA0QwyyGAGM8hgBjOYQQY9fy8ZZJDBDDLI4N7/vJ/yK7zCLWThFHZhFWZhFKLgBSv0ghak0ArlV3mVW8nKqezKqszKqETFK1bpFa1IpdUvNF7jNrJxGruxGrMxGtHwhjV6QxvSaO0LwhOukMIRtrCEKQwhBBdM6IIKIjT5gvKUq6RylK0sZSpDCcUVU7qiiihNv9B5ndvJzunszurMzuhExzvW6R3tSKf1LxjPuEYax9jGMqYxjDDcMKMbaojR7AvOc66TznG2s5zpDCccd8zpjjriNP9C8IIbZHCCHaxgBiOIwAMLeqCBBC2+MHiDO8jBGezBGszBGMTABzboAx3IoI0vTN7kTnJyJnuyJnMyJjHxiU36RCcyafMLi7e4i1ycxV6sxVyMRSx8YYu+0IUs2vrC5m3uJjdnszdrMzdjExvf2KZvdCObtr9weId7yMM57MM6zMM4xMEPdugHPcihnS8kL7lJJifZyUpmMpJIPLGkJ5pI0vILl3e5l7ycy76sy7yMS1z8Ypd+0Ytc2uUPRO6fEKa3aSEAAAAASUVORK5CYII=";

function sampleFile(kind: SamplePlaceholder["$sample"]): File {
  if (kind === "image") {
    const bytes = Uint8Array.from(atob(SAMPLE_PNG), (c) => c.charCodeAt(0));
    return new File([bytes], "sample.png", { type: "image/png" });
  }
  return new File(["Hello from the gradio-jobs playground!\n"], "hello.txt", { type: "text/plain" });
}

function isSample(value: unknown): value is SamplePlaceholder {
  const sample = (value as SamplePlaceholder | null)?.$sample;
  return sample === "image" || sample === "text";
}

/** The arguments with every `{"$sample": …}` placeholder replaced by a `File` (which core uploads). */
export function materializeArgs<T>(args: T): T {
  if (isSample(args)) return sampleFile(args.$sample) as T;
  if (Array.isArray(args)) return args.map(materializeArgs) as T;
  if (typeof args === "object" && args !== null && Object.getPrototypeOf(args) === Object.prototype) {
    return Object.fromEntries(Object.entries(args).map(([key, value]) => [key, materializeArgs(value)])) as T;
  }
  return args;
}
