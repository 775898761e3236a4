import type { Client } from "@gradio-jobs/core";
import { useJob } from "@gradio-jobs/react";
import { useEffect, useState } from "react";
import { ConnectForm, useConnection } from "../react/connection.js";
import { errorText } from "../shared/format.js";
import { errorInfo } from "../shared/job-model.js";
import { initialWorkUrl, rememberWorkUrl } from "../shared/server-url.js";
import { fetchRuns, type Run, resetRuns, runSeconds } from "./runs.js";

/** How often the run log is read. */
const RUNS_EVERY_MS = 1000;

/**
 * The React README's `Story`: the job is written right in the body, one per distinct text. Each keystroke
 * supersedes the job before it, which `useJob` cancels at once (on the server too: the run log below shows it).
 */
function Story({ client, text }: { client: Client; text: string }) {
  const { stage, result, error, active, cancel } = useJob(
    text ? client.submit<[string]>("/work", [text]) : null,
  );
  return (
    <section className="story" data-testid="story" data-stage={stage}>
      <span className={`badge stage-${stage}`} data-testid="stage">
        {stage}
      </span>
      <output data-testid="result">{result?.[0] ?? ""}</output>
      {active && (
        <button type="button" className="cancel" onClick={cancel}>
          Cancel
        </button>
      )}
      {error && stage !== "cancelled" && (
        <p className="error" role="alert">
          {errorText(errorInfo(error))}
        </p>
      )}
    </section>
  );
}

/** The server's run log, read every second: what ran, in which session, for how long, cancelled or not. */
function Runs({ client }: { client: Client }) {
  const [runs, setRuns] = useState<readonly Run[]>([]);
  const [readError, setReadError] = useState<string | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    const read = () =>
      fetchRuns(client, abort.signal).then(
        (log) => {
          setRuns(log);
          setReadError(null);
        },
        (error: unknown) => abort.signal.aborted || setReadError(String(error)),
      );
    void read();
    const timer = setInterval(read, RUNS_EVERY_MS);
    return () => {
      clearInterval(timer);
      abort.abort();
    };
  }, [client]);
  const count = (outcome: Run["outcome"]) => runs.filter((run) => run.outcome === outcome).length;
  const first = runs[0]?.started ?? 0;
  return (
    <section className="runs" data-testid="runs">
      <h2>
        What the server ran{" "}
        <button type="button" onClick={() => void resetRuns(client).then(() => setRuns([]))}>
          Clear
        </button>
      </h2>
      <p className="intro" data-testid="runs-summary">
        {runs.length} runs: {count("completed")} completed, {count("cancelled")} cancelled, {count("running")}{" "}
        running{readError ? ` (cannot read the run log: ${readError})` : ""}
      </p>
      <table className="contract">
        <thead>
          <tr>
            <th>text</th>
            <th>session</th>
            <th>started</th>
            <th>ran for</th>
            <th>outcome</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr
              key={`${run.session}@${run.started}`}
              data-testid="run"
              data-text={run.text}
              data-outcome={run.outcome}
            >
              <td>
                {run.fn} <code>{JSON.stringify(run.text)}</code>
              </td>
              <td>
                {run.session === client.sessionHash ? "the client's" : `extra …${run.session.slice(-4)}`}
              </td>
              <td>+{(run.started - first).toFixed(2)} s</td>
              <td>{runSeconds(run).toFixed(2)} s</td>
              <td>{run.outcome}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function App() {
  const [url, setUrl] = useState(initialWorkUrl);
  const [connection, connect, disconnect] = useConnection(rememberWorkUrl);
  const [text, setText] = useState("");
  const client = connection.state === "connected" ? connection.client : null;
  useEffect(() => {
    void connect(initialWorkUrl());
    return disconnect;
  }, [connect, disconnect]);
  return (
    <div className="playground" data-runtime="React: useJob">
      <ConnectForm label="Work app" url={url} onUrl={setUrl} connection={connection} connect={connect} />
      <form className="bar" onSubmit={(event) => event.preventDefault()}>
        <label className="grow">
          Prompt{" "}
          <input
            id="prompt"
            name="prompt"
            autoComplete="off"
            placeholder="type here: every keystroke submits /work"
            disabled={!client}
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
        </label>
      </form>
      {client && <Story client={client} text={text} />}
      {client && <Runs client={client} />}
    </div>
  );
}
