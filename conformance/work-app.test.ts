/**
 * The work app itself on real Gradio (`conformance/apps/work.py` and its detect-disconnect control): it describes
 * itself exactly as the test server's work app does, its run log records what ran, and the control notices a closed
 * heartbeat while the plain app does not. The scenarios that use `workUrl`/`workDetectUrl` rely on all three. Raw
 * HTTP, no SDK. Part of the real-Gradio run (`conformance/run-real-gradio.sh`); needs GRADIO_WORK_URL,
 * GRADIO_WORK_DETECT_URL and GRADIO_MAIN_URL.
 */
import { startTestServer } from "@gradio-jobs/test-server";
import { afterEach, describe, expect, it } from "vitest";
import { gradioVersion, requiredUrl } from "./real-gradio-env.js";

const workUrl = requiredUrl("GRADIO_WORK_URL", "work.py");
const workDetectUrl = requiredUrl("GRADIO_WORK_DETECT_URL", "work_detect_disconnect.py");
const version = await gradioVersion(requiredUrl("GRADIO_MAIN_URL", "main.py"));

interface Run {
  fn: string;
  text: string;
  session: string;
  started: number;
  ended: number | null;
  outcome: "running" | "completed" | "cancelled";
}

/** `POST {P}/run/{name}` (no queue: the log endpoints have no concurrency limit and api_open is on). */
async function call(url: string, name: string): Promise<unknown> {
  const response = await fetch(`${url}/gradio_api/run/${name}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ data: [] }),
  });
  expect(response.status, `POST /run/${name}`).toBe(200);
  return ((await response.json()) as { data: unknown[] }).data[0];
}

function post(url: string, path: string, body: unknown): Promise<Response> {
  return fetch(`${url}/gradio_api${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

/** What the app's /info and /config say about its endpoints, without what differs between Gradio versions. */
async function describeApp(url: string): Promise<unknown> {
  const info = (await (await fetch(`${url}/gradio_api/info`)).json()) as {
    named_endpoints: Record<
      string,
      { parameters: Record<string, unknown>[]; returns: Record<string, unknown>[] }
    >;
    unnamed_endpoints: Record<string, unknown>;
  };
  const config = (await (await fetch(`${url}/config`)).json()) as {
    dependencies: {
      id: number;
      api_name: string | null;
      inputs: number[];
      outputs: number[];
      targets: unknown[][];
    }[];
  };
  const keep = (item: Record<string, unknown>, keys: string[]) =>
    Object.fromEntries(keys.map((key) => [key, item[key]]));
  return {
    named: Object.fromEntries(
      Object.entries(info.named_endpoints).map(([name, endpoint]) => [
        name,
        {
          parameters: endpoint.parameters.map((p) => ({
            ...keep(p, [
              "label",
              "parameter_name",
              "parameter_has_default",
              "parameter_default",
              "component",
            ]),
            // Gradio 5.14 calls a precision=0 Number "number", later versions and the test server "integer" (a
            // known difference, conformance/README.md); both are numbers to a client.
            type: JSON.stringify(p.type) === '{"type":"integer"}' ? { type: "number" } : p.type,
          })),
          returns: endpoint.returns.map((r) => keep(r, ["label", "component", "type"])),
        },
      ]),
    ),
    unnamed: Object.keys(info.unnamed_endpoints),
    listeners: config.dependencies.map((d) => ({
      fn_index: d.id,
      api_name: d.api_name,
      inputs: d.inputs.length,
      outputs: d.outputs.length,
      trigger: d.targets[0]?.[1],
    })),
  };
}

/** Reads `GET {P}/queue/data` until `until` returns true for a message; returns the stream's controller. */
async function watch(
  url: string,
  session: string,
  until: (message: { msg: string; event_id?: string }) => boolean,
): Promise<AbortController> {
  const abort = new AbortController();
  const response = await fetch(`${url}/gradio_api/queue/data?session_hash=${session}`, {
    signal: abort.signal,
  });
  const decoder = new TextDecoder();
  let buffered = "";
  for await (const chunk of response.body as ReadableStream<Uint8Array>) {
    buffered += decoder.decode(chunk, { stream: true });
    const frames = buffered.split("\n\n");
    buffered = frames.pop() ?? "";
    for (const frame of frames) {
      if (frame.startsWith("data: ") && until(JSON.parse(frame.slice(6)))) return abort;
    }
  }
  throw new Error("the session stream ended first");
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const session = () => `work${Math.random().toString(36).slice(2, 12)}`;

describe(`the work app on real Gradio ${version} (${workUrl})`, () => {
  const open: AbortController[] = [];
  afterEach(() => {
    for (const stream of open.splice(0)) stream.abort();
  });

  it("describes itself as the test server's work app does (/info, and the listeners of /config)", async () => {
    const model = await startTestServer({ app: "work" });
    try {
      expect(await describeApp(workUrl)).toEqual(await describeApp(model.url));
      expect(await describeApp(workDetectUrl)).toEqual(await describeApp(model.url));
    } finally {
      await model.close();
    }
  });

  it("records a completed run and a cancelled one in /runs", async () => {
    expect(await call(workUrl, "reset_runs")).toEqual({ ok: true });
    const s = session();
    const join = await post(workUrl, "/queue/join", { data: ["a"], fn_index: 0, session_hash: s });
    const { event_id } = (await join.json()) as { event_id: string };
    open.push(await watch(workUrl, s, (m) => m.msg === "process_starts"));
    const cancelledAt = Date.now() / 1000;
    await post(workUrl, "/cancel", { session_hash: s, fn_index: 0, event_id });
    await sleep(200);
    const [run] = (await call(workUrl, "runs")) as Run[];
    expect(run).toMatchObject({ fn: "/work", text: "a", session: s, outcome: "cancelled" });
    expect(run!.ended).toBeGreaterThanOrEqual(run!.started);
    expect(run!.ended! - cancelledAt).toBeLessThan(0.5);

    const done = await post(workUrl, "/run/work", { data: ["b"] });
    expect(((await done.json()) as { data: unknown[] }).data).toEqual(["work:b"]);
    const runs = (await call(workUrl, "runs")) as Run[];
    expect(runs.map((r) => [r.text, r.outcome])).toEqual([
      ["a", "cancelled"],
      ["b", "completed"],
    ]);
    expect(runs[1]!.ended! - runs[1]!.started).toBeGreaterThanOrEqual(1.45);
  });

  it("runs demo.unload when the heartbeat closes on the control app, and not on the plain app", async () => {
    const sessions: Record<string, string> = {};
    for (const url of [workUrl, workDetectUrl]) {
      await call(url, "reset_runs");
      const s = session();
      sessions[url] = s;
      const heartbeat = new AbortController();
      const response = await fetch(`${url}/gradio_api/heartbeat/${s}`, { signal: heartbeat.signal });
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      expect(new TextDecoder().decode((await reader.read()).value)).toContain("ALIVE");
      heartbeat.abort();
    }
    // The control notices within milliseconds (measured: < 50 ms); give both a second.
    await sleep(1000);
    expect(await call(workDetectUrl, "unloaded")).toEqual({ unloaded: [sessions[workDetectUrl]] });
    expect(await call(workUrl, "unloaded")).toEqual({ unloaded: [] });
  });
});
