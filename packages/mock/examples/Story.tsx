import type { Client } from "@gradio-jobs/core";
import { useJob } from "@gradio-jobs/react";

/** The component under test: one /generate job per prompt, its streamed text, progress, cancel and error. */
export function Story({ client, prompt }: { client: Client; prompt: string }) {
  const { stage, progress, latest, message, error, active, cancel } = useJob(
    client.submit<[string]>("/generate", { prompt }),
  );
  const step = progress?.[0];
  return (
    <section>
      <p data-testid="stage">{stage}</p>
      {step && (
        <progress value={(step.index ?? 0) + 1} max={step.length ?? 1}>
          {step.desc}
        </progress>
      )}
      <pre aria-live="polite">{latest?.[0]}</pre>
      {active && (
        <button type="button" onClick={cancel}>
          Cancel
        </button>
      )}
      {stage === "error" && <p role="alert">{message ?? error?.message}</p>}
    </section>
  );
}
