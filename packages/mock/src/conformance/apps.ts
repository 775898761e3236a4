/**
 * The conformance apps (`conformance/apps/*.py`) written with the mock's public API, so that the conformance contract
 * can run against the mock as it runs against real Gradio: the demo app (main.py), the calculator behind a login
 * (auth.py), `/slow` behind `queue(max_size=2)` (queue_full.py) and the work app with its run log (work.py).
 * @module
 */
import {
  defineApp,
  endpoint,
  file,
  GradioError,
  image,
  json,
  type MockApp,
  type MockProtocol,
  number,
  radio,
  state,
  textbox,
} from "../index.js";

// A 1x1 lossless WebP: gr.Image re-encodes outputs as webp.
const TINY_WEBP = Uint8Array.from(atob("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA=="), (c) =>
  c.charCodeAt(0),
);

const OPERATIONS = ["add", "subtract", "multiply", "divide"] as const;

const predict = endpoint({
  parameters: [
    number("a", { value: 4 }),
    radio("op", OPERATIONS, { value: "add" }),
    number("b", { value: 5 }),
  ],
  outputs: [number("result")],
  fn: (a, op, b) => {
    if (op === "add") return a + b;
    if (op === "subtract") return a - b;
    if (op === "multiply") return a * b;
    // Python: int / int by zero says "division by zero", a float operand "float division by zero".
    if (b === 0) throw new Error(Number.isInteger(a) ? "division by zero" : "float division by zero");
    return a / b;
  },
});

const slow = endpoint({
  parameters: [textbox("x", { value: "x", label: "slow input" })],
  outputs: [textbox("slow output")],
  fn: async (x, job) => {
    await job.sleep(2);
    return `slow:${x}`;
  },
});

/** `conformance/apps/main.py`: the demo app of the transcripts, same endpoints in the same order. */
export function mainApp(protocol: MockProtocol): MockApp {
  return defineApp({
    protocol,
    endpoints: {
      "/predict": predict,
      "/count": endpoint({
        parameters: [number("n", { value: 5 })],
        outputs: [number("count")],
        fn: async function* (n, job) {
          for (let i = 0; i < n; i++) {
            await job.sleep(0.2);
            yield i;
          }
        },
      }),
      "/progress": endpoint({
        parameters: [number("steps", { value: 4 })],
        outputs: [textbox("progress result")],
        fn: async (steps, job) => {
          job.progress(0, "Starting");
          for (let i = 1; i < steps; i++) {
            await job.sleep(0.3);
            job.progress(i / steps, `step ${i}/${steps}`);
          }
          await job.sleep(0.3);
          for (let index = 0; index < 3; index++) {
            job.progress([index, 3], "tqdm loop", "items");
            await job.sleep(0.3);
          }
          return `done ${steps} steps`;
        },
      }),
      "/slow": slow,
      "/fail": endpoint({
        parameters: [textbox("x", { value: "x", label: "fail input" })],
        outputs: [textbox("fail output")],
        fn: () => {
          throw new GradioError("bad input");
        },
      }),
      "/long_stream": endpoint({
        parameters: [number("n", { value: 60 })],
        outputs: [textbox("long_stream output")],
        fn: async function* (n, job) {
          for (let i = 0; i < n; i++) {
            await job.sleep(0.5);
            yield `tick ${i}`;
          }
        },
      }),
      "/flip": endpoint({
        parameters: [image("img", { label: "image in" })],
        outputs: [image("image out")],
        fn: () => ({ name: "image.webp", data: TINY_WEBP }),
      }),
      "/flip_file": endpoint({
        parameters: [file("path", { label: "file in" })],
        outputs: [file("file out")],
        fn: (input, job) => ({
          name: `reversed_${input.orig_name ?? "file"}`,
          data: [...new TextDecoder().decode(job.readFile(input))].reverse().join(""),
        }),
      }),
      "/increment": endpoint({
        parameters: [state("counter_state", 0)],
        outputs: [state("counter_state", 0), number("counter")],
        fn: (count) => [count + 1, count + 1],
      }),
      "/multi": endpoint({
        parameters: [textbox("name", { value: "gradio" })],
        outputs: [textbox("text"), number("length"), json("json")],
        fn: (name) => [
          `hello ${name}`,
          name.length,
          { name, length: name.length, upper: name.toUpperCase() },
        ],
      }),
      "/log": endpoint({
        parameters: [textbox("x", { value: "x", label: "log input" })],
        outputs: [textbox("log output")],
        fn: async (x, job) => {
          job.info("info message");
          await job.sleep(0.2);
          job.warning("warning message");
          await job.sleep(0.2);
          return `logged ${x}`;
        },
      }),
      "/sleep": endpoint({
        parameters: [number("secs", { value: 17 })],
        outputs: [textbox("sleep output")],
        fn: async (secs, job) => {
          await job.sleep(secs);
          return `slept ${secs}`;
        },
      }),
    },
  });
}

/** `conformance/apps/auth.py`: the calculator behind `launch(auth=credentials)`. */
export function authApp(protocol: MockProtocol, credentials: readonly [string, string]): MockApp {
  return defineApp({ protocol, auth: credentials, endpoints: { "/predict": predict } });
}

/** `conformance/apps/queue_full.py`: `/slow` behind `queue(max_size=2)`. */
export function queueFullApp(protocol: MockProtocol): MockApp {
  return defineApp({ protocol, maxQueueSize: 2, endpoints: { "/slow": slow } });
}

interface Run {
  fn: string;
  text: string;
  session: string;
  started: number;
  ended: number | null;
  outcome: "running" | "completed" | "cancelled";
}

/** `conformance/apps/work.py`: workers that record what really ran (`/runs`), and the sessions unloaded. */
export function workApp(protocol: MockProtocol): MockApp {
  const runs: Run[] = [];
  const unloaded: string[] = [];
  const start = (fn: string, text: string, session: string) => {
    const run: Run = { fn, text, session, started: Date.now() / 1000, ended: null, outcome: "running" };
    runs.push(run);
    return (outcome: "completed" | "cancelled") => {
      run.ended = Date.now() / 1000;
      run.outcome = outcome;
    };
  };
  const sleepRecorded = async (end: ReturnType<typeof start>, sleep: Promise<void>) => {
    try {
      await sleep;
    } catch (error) {
      end("cancelled");
      throw error;
    }
    end("completed");
  };
  return defineApp({
    protocol,
    onUnload: (session) => unloaded.push(session),
    endpoints: {
      "/work": endpoint({
        parameters: [textbox("text")],
        outputs: [textbox("result")],
        fn: async (text, job) => {
          await sleepRecorded(start("/work", text, job.sessionHash), job.sleep(1.5));
          return `work:${text}`;
        },
      }),
      "/work_stream": endpoint({
        parameters: [textbox("text"), number("n", { value: 20 })],
        outputs: [textbox("result")],
        fn: async function* (text, n, job) {
          const end = start("/work_stream", text, job.sessionHash);
          let out = text;
          let finished = false;
          try {
            for (let i = 0; i < Math.trunc(n); i++) {
              await job.sleep(0.1);
              out += ` ${i}`;
              yield out;
            }
            finished = true;
          } finally {
            end(finished ? "completed" : "cancelled");
          }
        },
      }),
      "/stateful_work": endpoint({
        parameters: [textbox("text"), state("count", 0)],
        outputs: [textbox("result"), state("count", 0)],
        fn: async (text, count, job) => {
          await sleepRecorded(start("/stateful_work", text, job.sessionHash), job.sleep(1.5));
          return [`${text}:${count + 1}`, count + 1];
        },
      }),
      "/runs": endpoint({
        outputs: [json<Run[]>("runs")],
        concurrencyLimit: null,
        fn: () => structuredClone(runs),
      }),
      "/reset_runs": endpoint({
        outputs: [json("ok")],
        fn: () => {
          runs.length = 0;
          unloaded.length = 0;
          return { ok: true };
        },
      }),
      "/unloaded": endpoint({ outputs: [json("unloaded")], fn: () => ({ unloaded: [...unloaded] }) }),
    },
  });
}
