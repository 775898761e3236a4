/**
 * Serializes like Python's `json.dumps` with default settings: `", "` and `": "` separators and non-ASCII
 * characters escaped. Gradio 4.0 - 4.8 wrote its per-job SSE frames this way.
 */
export function pythonJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(", ")}]`;
  if (typeof value === "object") {
    const fields = Object.entries(value as Record<string, unknown>)
      .filter(([, field]) => field !== undefined)
      .map(([key, field]) => `${asciiJson(key)}: ${pythonJson(field)}`);
    return `{${fields.join(", ")}}`;
  }
  if (typeof value === "string") return asciiJson(value);
  if (typeof value === "boolean" || typeof value === "number") return JSON.stringify(value);
  return "null";
}

function asciiJson(text: string): string {
  return JSON.stringify(text).replace(
    /[\u007f-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
