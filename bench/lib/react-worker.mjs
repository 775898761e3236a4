/**
 * Benchmark 6: React renders while a job receives ~1,000 progress messages per second (the test server's
 * `/progress` with `timeScale: 0` sends one per timer tick, ~1 ms apart). Runs in its own child process under jsdom
 * with `pretendToBeVisual` (a 60 Hz `requestAnimationFrame`), with the real react-dom client renderer.
 *
 * `ours`: `useJob(job)` from @gradio-jobs/react. `official`: the official client has no React binding, so this is
 * the obvious hand-written hook (`useState` set on every event of `client.submit()`), for reference.
 */
import { JSDOM } from "jsdom";
import { ourModule } from "./snapshot.mjs";

const task = JSON.parse(process.argv[2]);
const send = (message) => new Promise((resolve) => process.send(message, resolve));
const now = () => Number(process.hrtime.bigint()) / 1e6;

const dom = new JSDOM('<!doctype html><html><body><div id="root"></div></body></html>', {
  pretendToBeVisual: true,
  url: "http://localhost/",
});
for (const key of [
  "window",
  "document",
  "navigator",
  "requestAnimationFrame",
  "cancelAnimationFrame",
  "HTMLElement",
  "HTMLIFrameElement",
  "Node",
  "Element",
  "Event",
  "localStorage",
  "sessionStorage",
  "location",
]) {
  Object.defineProperty(globalThis, key, { value: dom.window[key], configurable: true, writable: true });
}
globalThis.IS_REACT_ACT_ENVIRONMENT = false;

const { createElement: h, useEffect, useState } = await import("react");
const { createRoot } = await import("react-dom/client");

// Frame clock: which animation frame each render lands in.
let frame = 0;
const tick = () => {
  frame += 1;
  requestAnimationFrame(tick);
};
requestAnimationFrame(tick);

const renderFrames = [];
let progressMessages = 0;
let firstProgress = null;
let lastProgress = null;
const onProgress = () => {
  progressMessages += 1;
  const t = now();
  firstProgress ??= t;
  lastProgress = t;
};

const ours = await import(ourModule("core"));
const { useJob } = await import(ourModule("react"));
const official = await import("@gradio/client");

function OursProgress({ job }) {
  const state = useJob(job);
  renderFrames.push(frame);
  return h("p", null, `${state.stage} ${state.progress?.[0]?.progress ?? ""}`);
}

/** The obvious hand-written binding for the official client: `useState` set on every event of the submission. */
function useOfficialJob(client, endpoint, args, onDone) {
  const [state, setState] = useState({ stage: "pending" });
  useEffect(() => {
    const submission = client.submit(endpoint, args);
    void (async () => {
      for await (const event of submission) {
        if (event.type === "status" && event.progress_data) onProgress();
        setState(event);
        if (event.type === "status" && (event.stage === "complete" || event.stage === "error")) break;
      }
      onDone();
    })();
    return () => void submission.return?.();
  }, [client, endpoint, args, onDone]);
  return state;
}

function OfficialProgress({ client, args, onDone }) {
  const state = useOfficialJob(client, "/progress", args, onDone);
  renderFrames.push(frame);
  return h("p", null, `${state.stage} ${state.progress_data?.[0]?.progress ?? ""}`);
}

async function runOurs(steps) {
  const client = await ours.Client.connect(task.url);
  const job = client.submit("/progress", [steps], {
    onStatus: (status) => {
      if (status.code === "PROGRESS") onProgress();
    },
  });
  const root = createRoot(document.getElementById("root"));
  root.render(h(OursProgress, { job }));
  await job.result();
  return { client, root };
}

async function runOfficial(steps) {
  const client = await official.Client.connect(task.url, { events: ["data", "status"] });
  let onDone;
  const done = new Promise((resolve) => {
    onDone = resolve;
  });
  const root = createRoot(document.getElementById("root"));
  root.render(h(OfficialProgress, { client, args: [steps], onDone }));
  await done;
  return { client, root };
}

try {
  const frame0 = frame;
  const t0 = now();
  const { client, root } = await (task.client === "ours" ? runOurs : runOfficial)(task.params.steps);
  await new Promise((resolve) => setTimeout(resolve, 100)); // let the last frame render
  const seconds = (lastProgress - firstProgress) / 1000;
  const frames = frame - frame0;
  const perFrame = new Map();
  for (const f of renderFrames) perFrame.set(f, (perFrame.get(f) ?? 0) + 1);
  root.unmount();
  client.close();
  await send({
    type: "result",
    result: {
      progressMessages,
      messagesPerSecond: progressMessages / seconds,
      renders: renderFrames.length,
      frames,
      maxRendersPerFrame: Math.max(...perFrame.values()),
      framesWithMoreThanOneRender: [...perFrame.values()].filter((n) => n > 1).length,
      wallMs: now() - t0,
    },
  });
  process.exit(0);
} catch (error) {
  await send({ type: "error", error: error instanceof Error ? `${error.stack}` : String(error) });
  process.exit(1);
}
