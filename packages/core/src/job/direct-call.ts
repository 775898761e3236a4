/**
 * Functions with `queue=False` are called directly (`POST {P}/run/{api_name}`, protocol §3.5): one request, no
 * queue, no progress, no server-side cancel. Loaded on first use.
 * @module
 */

import { CancelledError, ProtocolError, toJobError } from "../errors.js";
import { resolveFileUrls } from "../http/files.js";
import { errorFromResponse, readJson } from "../http/http.js";
import { visibleOutputs } from "../wire/endpoints.js";
import { appErrorFromOutput, isObject, type OutputPayload } from "../wire/messages.js";
import type { Transport } from "./submission.js";

/** Calls a `queue=False` function; returns how to abort the call (the server runs it to its end regardless). */
export const callDirect: Transport = (context, endpoint, body, driver) => {
  const controller = new AbortController();
  const name = endpoint.apiName ?? "/predict";
  driver.apply({ type: "started", eta: null });
  const request = context.http
    .request(
      `${context.apiBase}/run${name}`,
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
        signal: controller.signal,
      },
      "Calling the endpoint",
    )
    .then(async (response) => {
      if (response.status === 500) {
        const payload = await readJson(response, "Calling the endpoint");
        const output = (isObject(payload) ? payload : {}) as OutputPayload;
        throw appErrorFromOutput(output, "Error");
      }
      if (!response.ok) throw await errorFromResponse(response, "Calling the endpoint");
      const payload = await readJson(response, "Calling the endpoint");
      if (!isObject(payload) || !Array.isArray(payload.data)) {
        throw new ProtocolError("The direct call answered without data.", payload);
      }
      const values = visibleOutputs(
        endpoint,
        payload.data.map((v) => resolveFileUrls(v, context.apiBase)),
      );
      driver.complete(values as unknown as Parameters<typeof driver.complete>[0], true);
    })
    .catch((error: unknown) => {
      if (!controller.signal.aborted && !driver.done) driver.fail(toJobError(error));
    });
  void request;
  return () => {
    controller.abort();
    driver.apply({
      type: "cancelNotice",
      error: new CancelledError(
        `The job was cancelled here, but ${name} runs without the queue (queue=False), which Gradio cannot stop: it ` +
          "runs to its end on the server.",
      ),
    });
    return Promise.resolve(false);
  };
};
