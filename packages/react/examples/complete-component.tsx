import { Client } from "@gradio-jobs/core";
import { useJob } from "@gradio-jobs/react";
import { useEffect, useState } from "react";

export function App() {
  const client = useClient("http://127.0.0.1:7860");
  const [prompt, setPrompt] = useState("Once upon a time");
  return (
    <main>
      <input value={prompt} onChange={(event) => setPrompt(event.target.value)} />
      {client ? <Story client={client} prompt={prompt} /> : <p>Connecting…</p>}
    </main>
  );
}

export function Story({ client, prompt }: { client: Client; prompt: string }) {
  // Written right in the body: one job per distinct prompt, not one per render. A new prompt cancels the old job.
  const { stage, rank, queueSize, eta, progress, latest, message, error, active, cancel } = useJob(
    client.submit<[string]>("/generate", { prompt }),
  );
  const step = progress?.[0];
  const fraction = step
    ? (step.progress ?? (step.length ? ((step.index ?? 0) + 1) / step.length : null))
    : null;

  return (
    <section>
      {stage === "pending" && <p>Submitting…</p>}
      {stage === "queued" && (
        <p>
          Position {(rank ?? 0) + 1} of {queueSize}
          {eta !== null && `, about ${Math.ceil(eta)} s`}
        </p>
      )}
      {stage === "running" && fraction !== null && (
        <progress value={fraction} max={1}>
          {Math.round(fraction * 100)}%
        </progress>
      )}
      {stage === "running" && step?.desc && <small>{step.desc}</small>}
      <pre aria-live="polite">{latest?.[0]}</pre>
      {active && (
        <button type="button" onClick={cancel}>
          Cancel
        </button>
      )}
      {stage === "cancelled" && <p>Cancelled.</p>}
      {/* `message`: the app's own text for gr.Error ("bad input"); other errors (connection, queue full) explain themselves. */}
      {stage === "error" && <p role="alert">{message ?? error?.message}</p>}
    </section>
  );
}

function useClient(url: string): Client | null {
  const [client, setClient] = useState<Client | null>(null);
  useEffect(() => {
    let active = true;
    let connected: Client | undefined;
    Client.connect(url).then((c) => {
      connected = c;
      if (active) setClient(c);
      else c.close();
    }, console.error);
    return () => {
      active = false;
      connected?.close();
    };
  }, [url]);
  return client;
}
