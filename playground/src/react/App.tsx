import type { EndpointArguments, Job } from "@gradio-jobs/core";
import { useJob, useSubmit } from "@gradio-jobs/react";
import { type FormEvent, useEffect, useState } from "react";
import { jobJoined, submitInOrder } from "../shared/batch.js";
import {
  defaultArgsText,
  type EndpointSummary,
  endpointAfterConnect,
  jobCount,
  MAX_JOBS,
  materializeArgs,
  parseArgs,
} from "../shared/endpoints.js";
import { initialServerUrl, rememberServerUrl } from "../shared/server-url.js";
import { ConnectForm, useConnection } from "./connection.js";
import { JobCard } from "./JobCard.js";

interface Call {
  readonly key: number;
  readonly endpoint: string;
  readonly args: EndpointArguments;
}

/** A job submitted with "Submit ×N", shown with `useJob`. */
function BatchCard({ call, job }: { call: Call; job: Job }) {
  return <JobCard endpoint={call.endpoint} args={call.args} job={job} state={useJob(job)} />;
}

let nextKey = 1;

export function App() {
  const [url, setUrl] = useState(initialServerUrl);
  const [connection, connect, disconnect] = useConnection(rememberServerUrl);
  const [endpoint, setEndpoint] = useState("");
  const [argsText, setArgsText] = useState("[]");
  const [count, setCount] = useState(3);
  const [formError, setFormError] = useState<string | null>(null);
  const [batch, setBatch] = useState<readonly { call: Call; job: Job }[]>([]);
  const [currentCall, setCurrentCall] = useState<Call | null>(null);
  const client = connection.state === "connected" ? connection.client : null;
  const endpoints = connection.state === "connected" ? connection.app.endpoints : [];
  // "Submit": one current job; submitting again supersedes (cancels) it.
  const current = useSubmit(client, endpoint);

  useEffect(() => {
    void connect(initialServerUrl());
    return disconnect;
  }, [connect, disconnect]);
  // Selecting an endpoint starts it with its default arguments.
  const select = (apiName: string, from: readonly EndpointSummary[]) => {
    setEndpoint(apiName);
    setArgsText(defaultArgsText(from, apiName));
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new connection re-selects (keeping the endpoint)
  useEffect(() => {
    if (connection.state === "connected") {
      select(endpointAfterConnect(connection.app.endpoints, endpoint), connection.app.endpoints);
    }
  }, [connection]);

  const readArgs = (): EndpointArguments | null => {
    setFormError(null);
    try {
      return parseArgs(argsText);
    } catch (error) {
      setFormError((error as Error).message);
      return null;
    }
  };
  const submitOne = (event: FormEvent) => {
    event.preventDefault();
    const args = readArgs();
    if (!args || !client) return;
    current.submit(materializeArgs(args));
    setCurrentCall({ key: nextKey++, endpoint, args });
  };
  const submitMany = () => {
    const args = readArgs();
    if (!args || !client) return;
    void submitInOrder(
      jobCount(count),
      () => ({
        call: { key: nextKey++, endpoint, args },
        job: client.submit(endpoint, materializeArgs(args)),
      }),
      (entry) => jobJoined(entry.job),
      (entry) => setBatch((previous) => [...previous, entry]),
    );
  };

  return (
    <div className="playground" data-runtime="React: useSubmit, useJob">
      <ConnectForm url={url} onUrl={setUrl} connection={connection} connect={connect} />
      <form className="bar submit" data-testid="submit-form" onSubmit={submitOne}>
        <fieldset disabled={!client}>
          <label>
            Endpoint{" "}
            <select
              id="endpoint"
              name="endpoint"
              value={endpoint}
              onChange={(e) => select(e.target.value, endpoints)}
            >
              {endpoints.map((e) => (
                <option key={e.apiName} value={e.apiName}>
                  {e.apiName}
                  {e.generator ? " (generator)" : ""}
                </option>
              ))}
            </select>
          </label>
          <label className="grow">
            Arguments (JSON){" "}
            <input
              id="args"
              name="args"
              className="args"
              spellCheck={false}
              value={argsText}
              onChange={(e) => setArgsText(e.target.value)}
            />
          </label>
          <label>
            Jobs{" "}
            <input
              id="count"
              name="count"
              type="number"
              min={1}
              max={MAX_JOBS}
              value={count}
              onChange={(e) => setCount(jobCount(e.target.valueAsNumber))}
            />
          </label>
          <button id="submit" type="submit">
            Submit
          </button>
          <button id="submit-many" type="button" onClick={submitMany}>
            Submit ×{count}
          </button>
        </fieldset>
      </form>
      <p className="form-error" data-testid="form-error" hidden={formError === null}>
        {formError}
      </p>
      <section className="current" data-testid="current">
        <h2>Current job</h2>
        <div className="cards">
          {currentCall && current.job ? (
            <JobCard
              key={currentCall.key}
              endpoint={currentCall.endpoint}
              args={currentCall.args}
              job={current.job}
              state={current}
            />
          ) : (
            <p className="empty">Submit a job to see it here.</p>
          )}
        </div>
      </section>
      <section className="batch" data-testid="batch">
        <h2>
          Submitted together{" "}
          <button
            id="clear-batch"
            type="button"
            onClick={() => setBatch((previous) => previous.filter((entry) => !entry.job.done))}
          >
            Clear finished
          </button>
        </h2>
        <div className="cards">
          {batch.map((entry) => (
            <BatchCard key={entry.call.key} call={entry.call} job={entry.job} />
          ))}
        </div>
      </section>
    </div>
  );
}
