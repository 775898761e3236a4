import type { Job } from "@gradio-jobs/core";
import type { JobState } from "@gradio-jobs/core/bindings";
import { useState } from "react";
import { cardData, isCountingDown, isFinal, queueSizeText, rankText } from "../shared/card.js";
import {
  argsSummary,
  describeValue,
  errorText,
  etaLeft,
  formatSeconds,
  imageSizeText,
  progressBars,
  stageName,
} from "../shared/format.js";
import { useJobModel, useNow } from "./hooks.js";

/** One output value: an image, a download link, text or JSON. */
function Value({ value }: { value: unknown }) {
  const view = describeValue(value);
  const [size, setSize] = useState("");
  switch (view.kind) {
    case "image":
      return (
        <a className="value" data-kind="image" href={view.url} target="_blank" rel="noreferrer">
          <img
            data-testid="output-image"
            src={view.url}
            alt={view.name}
            onLoad={(event) => setSize(imageSizeText(event.currentTarget))}
          />
          <span className="image-size" data-testid="image-size">
            {size}
          </span>
        </a>
      );
    case "file":
      return (
        <a className="value" data-kind="file" data-testid="output-file" href={view.url} download={view.name}>
          📄 {view.name}
          {view.size === null ? "" : ` (${view.size} B)`}
        </a>
      );
    case "json":
      return (
        <code className="value" data-kind="json">
          {view.text}
        </code>
      );
    default:
      return (
        <span className="value" data-kind="text">
          {view.text}
        </span>
      );
  }
}

/** A job card: the same markup as the framework-free pages' cards, drawn from `useJob`/`useSubmit` state. */
export function JobCard({
  endpoint,
  args,
  job,
  state,
}: {
  endpoint: string;
  args: unknown;
  job: Job | null;
  state: JobState;
}) {
  const model = useJobModel(state, job);
  const now = useNow(model !== null && isCountingDown(model));
  if (!model) return null;
  return (
    <article className="job" data-testid="job" {...cardData(model, now)}>
      <header className="job-head">
        <span className="job-title">
          <strong>{endpoint}</strong> <code>{argsSummary(args)}</code>
        </span>
        <span className={`badge stage-${model.stage}`} data-testid="stage">
          {stageName(model.stage)}
        </span>
        <code className="code" data-testid="code">
          {model.code}
        </code>
        <button
          type="button"
          className="cancel"
          data-testid="cancel"
          disabled={isFinal(model)}
          onClick={state.cancel}
        >
          Cancel
        </button>
      </header>
      <dl className="facts" hidden={isFinal(model)}>
        <div>
          <dt>Rank</dt>
          <dd data-testid="rank">{rankText(model)}</dd>
        </div>
        <div>
          <dt>Queue size</dt>
          <dd data-testid="queue-size">{queueSizeText(model)}</dd>
        </div>
        <div>
          <dt>ETA</dt>
          <dd data-testid="eta">{formatSeconds(etaLeft(model, now))}</dd>
        </div>
      </dl>
      <div className="progress" data-testid="progress">
        {progressBars(model).map((bar, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: progress levels are positional
          <div className="bar" key={index}>
            <progress max={1} value={bar.fraction ?? undefined} />
            <span>{bar.label}</span>
          </div>
        ))}
      </div>
      <ol className="outputs" data-testid="outputs">
        {model.outputs.map((output, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: outputs only grow, in order
          <li key={index} data-testid="output">
            {output.map((value, position) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: one value per output component, by position
              <Value key={position} value={value} />
            ))}
          </li>
        ))}
      </ol>
      <ul className="logs" data-testid="logs">
        {model.logs.map((log, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: logs only grow, in order
          <li key={index} data-level={log.level}>
            <b>{log.title ?? log.level}</b> {log.message}
          </li>
        ))}
      </ul>
      <p className="error" data-testid="error" data-code={model.error?.code} hidden={!model.error}>
        {model.error ? errorText(model.error) : ""}
      </p>
    </article>
  );
}
