import type { IncomingMessage } from "node:http";
import { readBody } from "../http/responses.js";

/** The `PredictBody` of join and run requests. */
export interface PredictBody {
  data: unknown[];
  fn_index: number | null;
  session_hash: string | null;
  event_data: unknown;
  trigger_id: number | null;
  event_id: string | null;
  /** 6.21+: a Hugging Face token for a `gr.OAuthToken` parameter. */
  oauth_token: string | null;
}

/** A parsed body, or FastAPI's 422 answer. */
export type ParsedBody<T> = { ok: true; body: T } | { ok: false; status: 422; detail: unknown[] };

/** Reads a JSON object body; a malformed one gives FastAPI's 422 `json_invalid`. */
export async function readJsonObject(request: IncomingMessage): Promise<ParsedBody<Record<string, unknown>>> {
  const text = (await readBody(request)).toString("utf8");
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      return { ok: true, body: value as Record<string, unknown> };
    }
    return {
      ok: false,
      status: 422,
      detail: [
        {
          type: "model_attributes_type",
          loc: ["body"],
          msg: "Input should be a valid dictionary or object to extract fields from",
          input: value,
        },
      ],
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : "JSON decode error";
    return {
      ok: false,
      status: 422,
      detail: [
        {
          type: "json_invalid",
          loc: ["body", 0],
          msg: "JSON decode error",
          input: {},
          ctx: { error: message },
        },
      ],
    };
  }
}

/** Checks required fields the way FastAPI/pydantic does (422 `missing` / wrong type). */
export function requireFields(
  body: Record<string, unknown>,
  fields: Record<string, "string" | "integer" | "array">,
): unknown[] {
  const errors: unknown[] = [];
  for (const [field, kind] of Object.entries(fields)) {
    const value = body[field];
    if (value === undefined) {
      errors.push({ type: "missing", loc: ["body", field], msg: "Field required", input: body });
    } else if (kind === "string" && typeof value !== "string") {
      errors.push({
        type: "string_type",
        loc: ["body", field],
        msg: "Input should be a valid string",
        input: value,
      });
    } else if (kind === "integer" && !Number.isInteger(value)) {
      errors.push({
        type: "int_type",
        loc: ["body", field],
        msg: "Input should be a valid integer",
        input: value,
      });
    } else if (kind === "array" && !Array.isArray(value)) {
      errors.push({
        type: "list_type",
        loc: ["body", field],
        msg: "Input should be a valid list",
        input: value,
      });
    }
  }
  return errors;
}

/** Parses a PredictBody: `data` is required, the rest optional (nullable). */
export async function readPredictBody(request: IncomingMessage): Promise<ParsedBody<PredictBody>> {
  const parsed = await readJsonObject(request);
  if (!parsed.ok) return parsed;
  const raw = parsed.body;
  const errors = requireFields(raw, { data: "array" });
  if (raw.fn_index !== undefined && raw.fn_index !== null && !Number.isInteger(raw.fn_index)) {
    errors.push(...requireFields(raw, { fn_index: "integer" }));
  }
  if (errors.length > 0) return { ok: false, status: 422, detail: errors };
  return {
    ok: true,
    body: {
      data: raw.data as unknown[],
      fn_index: typeof raw.fn_index === "number" ? raw.fn_index : null,
      session_hash: typeof raw.session_hash === "string" ? raw.session_hash : null,
      event_data: raw.event_data ?? null,
      trigger_id: typeof raw.trigger_id === "number" ? raw.trigger_id : null,
      event_id: typeof raw.event_id === "string" ? raw.event_id : null,
      oauth_token: typeof raw.oauth_token === "string" ? raw.oauth_token : null,
    },
  };
}

/** The 500 text/plain body real Gradio answers for an unknown fn_index (a KeyError traceback). */
export function unknownFunctionTraceback(fnIndex: number): string {
  return [
    "Traceback (most recent call last):",
    '  File "gradio/routes.py", line 1344, in queue_join_helper',
    "    success, event_id, state = await blocks._queue.push(",
    '  File "gradio/queueing.py", line 275, in push',
    "    fn = session_state.blocks_config.fns[body.fn_index]",
    `KeyError: ${fnIndex}`,
    "",
  ].join("\n");
}
