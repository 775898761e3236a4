import { basename } from "node:path";
import type { FileData } from "../files/file-store.js";
import { type DemoFunction, type DemoGenerator, GradioError } from "../queue/job-context.js";

// A 1x1 lossless WebP: /flip answers with a real image file without needing an image codec.
const TINY_WEBP = Buffer.from("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==", "base64");

function asNumber(value: unknown): number {
  return typeof value === "number" ? value : Number(value);
}

/** `/predict`: the calculator. Division by zero fails like Python's ZeroDivisionError. */
export const calculator: DemoFunction = async ([a, op, b]) => {
  const left = asNumber(a);
  const right = asNumber(b);
  if (op === "add") return [left + right];
  if (op === "subtract") return [left - right];
  if (op === "multiply") return [left * right];
  // Python: int / int raises "division by zero", a float operand "float division by zero" (seen on 5.14).
  if (right === 0) {
    throw new Error(
      Number.isInteger(left) && Number.isInteger(right) ? "division by zero" : "float division by zero",
    );
  }
  return [left / right];
};

/** `/count`: yields 0..n-1, one every 0.2 s. */
export const count: DemoGenerator = async function* ([n], context) {
  for (let i = 0; i < asNumber(n); i++) {
    await context.sleep(0.2);
    yield [i];
  }
};

/** `/progress`: gr.Progress fractions, then a tqdm-style loop over 3 items (sse-progress.txt). */
export const progress: DemoFunction = async ([steps], context) => {
  const total = asNumber(steps);
  const fraction = (value: number, desc: string) =>
    context.progress([{ index: null, length: null, unit: "steps", progress: value, desc }]);
  fraction(0, "Starting");
  for (let i = 1; i < total; i++) {
    await context.sleep(0.3);
    fraction(i / total, `step ${i}/${total}`);
  }
  await context.sleep(0.3);
  for (let index = 0; index < 3; index++) {
    context.progress([{ index, length: 3, unit: "items", progress: null, desc: "tqdm loop" }]);
    await context.sleep(0.3);
  }
  return [`done ${total} steps`];
};

/** `/slow`: sleeps 2 s (concurrency_limit=1). */
export const slow: DemoFunction = async ([x], context) => {
  await context.sleep(2);
  return [`slow:${String(x)}`];
};

/** `/fail`: raise gr.Error("bad input"). */
export const fail: DemoFunction = async () => {
  throw new GradioError("bad input");
};

/** `/long_stream`: "tick i" every 0.5 s. */
export const longStream: DemoGenerator = async function* ([n], context) {
  for (let i = 0; i < asNumber(n); i++) {
    await context.sleep(0.5);
    yield [`tick ${i}`];
  }
};

/** `/flip`: image in, image out. Real Gradio re-encodes to webp; this answers a fixed 1x1 webp. */
export const flip: DemoFunction = async (_inputs, context) => {
  const path = await context.files.save("image.webp", TINY_WEBP);
  return [context.outputFile(path, null)];
};

/** `/flip_file`: writes "reversed_<name>" with the content reversed, next to the input. */
export const flipFile: DemoFunction = async ([input], context) => {
  const source = (input as FileData).path;
  const text = (await context.files.read(source)).toString("utf8");
  const reversed = Buffer.from([...text].reverse().join(""), "utf8");
  const path = await context.files.saveBeside(source, `reversed_${basename(source)}`, reversed);
  return [context.outputFile(path, reversed.length)];
};

/** `/increment`: gr.State counter; outputs [state, counter]. */
export const increment: DemoFunction = async ([counter]) => {
  const next = asNumber(counter) + 1;
  return [next, next];
};

/** `/multi`: three outputs (text, number, json). */
export const multi: DemoFunction = async ([name]) => {
  const text = String(name);
  return [`hello ${text}`, text.length, { name: text, length: text.length, upper: text.toUpperCase() }];
};

/** `/log`: gr.Info then gr.Warning, 0.2 s apart. */
export const logMessages: DemoFunction = async ([x], context) => {
  context.log("info", "info message");
  await context.sleep(0.2);
  context.log("warning", "warning message");
  await context.sleep(0.2);
  return [`logged ${String(x)}`];
};

/** `/sleep`: silent for `secs` seconds (long enough for stream heartbeats). */
export const sleep: DemoFunction = async ([secs], context) => {
  await context.sleep(asNumber(secs));
  return [`slept ${String(secs)}`];
};

/** Test-server extra `/stream_text`: a growing string, so later yields are `append` diffs. */
export const streamText: DemoGenerator = async function* ([text], context) {
  let shown = "";
  for (const word of String(text).split(" ")) {
    await context.sleep(0.1);
    shown = shown ? `${shown} ${word}` : word;
    yield [shown];
  }
};

/** Test-server extra `/grow_list`: a growing list of objects (`add` and nested `replace` diffs). */
export const growList: DemoGenerator = async function* ([n], context) {
  const items: Array<{ index: number; label: string; done: boolean }> = [];
  for (let index = 0; index < asNumber(n); index++) {
    await context.sleep(0.1);
    const previous = items[items.length - 1];
    if (previous) previous.done = true;
    items.push({ index, label: `item ${index}`, done: false });
    yield [structuredClone(items)];
  }
};

/** Test-server extra `/direct` (queue=False): returns its input. */
export const direct: DemoFunction = async ([x]) => [x];

/** Test-server extra `/hold`: blocks until `server.release(key)`. */
export const hold: DemoFunction = async ([key], context) => {
  await context.waitForRelease(String(key));
  return [`released:${String(key)}`];
};

/** Test-server extra `/raise`: a plain Python exception (not gr.Error). */
export const raiseError: DemoFunction = async () => {
  throw new Error("division by zero");
};

/**
 * Test-server extra `/generate`: the READMEs' "complete component". Streams a story word by word (a growing string)
 * and reports `gr.Progress` per word, like an LLM endpoint with `progress=gr.Progress()`.
 */
export const generate: DemoGenerator = async function* ([prompt], context) {
  const story = `${String(prompt)} there was a tiny model that streamed its story one word at a time.`;
  const words = story.split(" ");
  let shown = "";
  for (const [index, word] of words.entries()) {
    context.progress([{ index, length: words.length, unit: "words", progress: null, desc: "Writing" }]);
    await context.sleep(0.1);
    shown = shown ? `${shown} ${word}` : word;
    yield [shown];
  }
};
