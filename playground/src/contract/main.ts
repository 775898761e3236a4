/**
 * The contract page: runs core's contract scenarios in this page and in a module Web Worker, one after another, and
 * shows a row per scenario (`data-status` pass/fail). `?only=a,b` picks scenarios, `?env=page|worker` one side.
 * @module
 */
import * as sdk from "@gradio-jobs/core";
import { initialServerUrl, keepServerInLinks } from "../shared/server-url.js";
import {
  ENVIRONMENTS,
  type Environment,
  SCENARIO_NAMES,
  type ScenarioName,
  type ScenarioResult,
} from "./names.js";
import { runScenario } from "./run.js";

const params = new URLSearchParams(location.search);
const url = initialServerUrl();
const only = params.get("only")?.split(",") ?? null;
const names = SCENARIO_NAMES.filter((name) => !only || only.includes(name));
const envs = ENVIRONMENTS.filter((env) => !params.get("env") || params.get("env") === env);
const table = document.querySelector("tbody") as HTMLTableSectionElement;
const summary = document.querySelector("[data-testid=summary]") as HTMLElement;
const server = document.querySelector("[data-testid=server]") as HTMLElement;
server.textContent = url;
keepServerInLinks(params.get("server"));

let worker: Worker | null = null;
function inWorker<T>(message: unknown): Promise<T> {
  worker ??= new Worker(new URL("./contract-worker.ts", import.meta.url), {
    type: "module",
    name: "contract",
  });
  const target = worker;
  return new Promise((resolve) => {
    target.addEventListener("message", (event: MessageEvent<T>) => resolve(event.data), { once: true });
    target.postMessage(message);
  });
}

function row(name: string, env: Environment): HTMLTableRowElement {
  const tr = document.createElement("tr");
  tr.dataset.testid = "scenario";
  tr.dataset.name = name;
  tr.dataset.env = env;
  tr.dataset.status = "waiting";
  for (const text of [name, env, "waiting", "", ""]) tr.insertCell().textContent = text;
  table.append(tr);
  return tr;
}

function show(tr: HTMLTableRowElement, result: Pick<ScenarioResult, "status" | "ms" | "details">): void {
  tr.dataset.status = result.status;
  const cells = tr.cells;
  (cells[2] as HTMLTableCellElement).textContent = result.status;
  (cells[3] as HTMLTableCellElement).textContent = `${result.ms} ms`;
  (cells[4] as HTMLTableCellElement).textContent = JSON.stringify(result.details);
}

const results: ScenarioResult[] = [];
const rows = envs.flatMap((env) => names.map((name) => ({ env, name, tr: row(name, env) })));
const globalsRow = envs.includes("worker") ? row("no-window-document", "worker") : null;

for (const { env, name, tr } of rows) {
  tr.dataset.status = "running";
  const result =
    env === "page"
      ? await runScenario(name as ScenarioName, "page", { sdk, url })
      : await inWorker<ScenarioResult>({ name, url });
  results.push(result);
  show(tr, result);
}
if (globalsRow) {
  const { touched } = await inWorker<{ touched: string[] }>("globals");
  show(globalsRow, { status: touched.length ? "fail" : "pass", ms: 0, details: { touched } });
}
const failed = [...table.rows].filter((tr) => tr.dataset.status === "fail").length;
summary.textContent = `${table.rows.length - failed} passed, ${failed} failed`;
document.body.dataset.done = "true";
(worker as Worker | null)?.terminate();
