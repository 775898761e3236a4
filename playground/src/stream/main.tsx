// The streaming-inputs page: a camera into /frames and a microphone into /audio of the stream app, with useMediaFeed.
import { Client } from "@gradio-jobs/core";
import { useMediaFeed } from "@gradio-jobs/react";
import { StrictMode, useEffect, useState } from "react";
import { createRoot } from "react-dom/client";

/** The stream app: `?stream=URL`, else `<meta name="gradio-stream-url">`, else the embedded one of scripts/dev.sh. */
const streamUrl =
  new URLSearchParams(location.search).get("stream") ||
  document.querySelector<HTMLMetaElement>('meta[name="gradio-stream-url"]')?.content ||
  "http://127.0.0.1:7880";

/** One media source (camera or microphone) fed into one stream endpoint, with its own controls and state. */
function Feed({
  client,
  kind,
  endpoint,
}: {
  client: Client | null;
  kind: "camera" | "microphone";
  endpoint: string;
}) {
  const [media, setMedia] = useState<MediaStream | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // The seq input numbers the chunks, so the app's log shows their order.
  const feed = useMediaFeed<[string]>(client, endpoint, media, { args: (chunk, index) => [chunk, index] });
  const start = async () => {
    setProblem(null);
    try {
      setMedia(
        await navigator.mediaDevices.getUserMedia(kind === "camera" ? { video: true } : { audio: true }),
      );
    } catch (error) {
      setProblem(String(error));
    }
  };
  const stop = () => {
    for (const track of media?.getTracks() ?? []) track.stop();
    setMedia(null);
  };
  /** Ends the tracks but keeps feeding them: the feeder notices and closes the event (MediaEndedError). */
  const endTracks = () => {
    for (const track of media?.getTracks() ?? []) track.stop();
  };
  useEffect(
    () => () => {
      for (const track of media?.getTracks() ?? []) track.stop();
    },
    [media],
  );
  const { stage, latest, outputs, error, mediaError, stream } = feed;
  return (
    <section className="card" data-feed={kind}>
      <h2>
        {kind === "camera" ? "Camera → " : "Microphone → "}
        <code>{endpoint}</code>
      </h2>
      <p>
        <button type="button" onClick={start} disabled={!client || media !== null} data-action="start">
          Start {kind}
        </button>{" "}
        <button type="button" onClick={stop} disabled={media === null} data-action="stop">
          Stop
        </button>{" "}
        <button type="button" onClick={endTracks} disabled={media === null} data-action="end-tracks">
          End the tracks
        </button>
      </p>
      <dl>
        <dt>stage</dt>
        <dd data-field="stage">{stage}</dd>
        <dt>event</dt>
        <dd data-field="event">{stream?.eventId ?? "—"}</dd>
        <dt>runs</dt>
        <dd data-field="runs">{outputs.length}</dd>
        <dt>latest</dt>
        <dd data-field="latest">{latest?.[0] ?? "—"}</dd>
        <dt>time limit</dt>
        <dd>{stream?.timeLimit ?? "none"}</dd>
        {(problem || mediaError || error) && (
          <>
            <dt>error</dt>
            <dd data-field="error">{problem ?? String(mediaError ?? error)}</dd>
          </>
        )}
      </dl>
    </section>
  );
}

function App() {
  const [client, setClient] = useState<Client | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    let connected: Client | null = null;
    Client.connect(streamUrl).then(
      (made) => {
        connected = made;
        setClient(made);
      },
      (error: unknown) => setFailure(String(error)),
    );
    return () => connected?.close();
  }, []);
  return (
    <>
      <p>
        App: <code>{streamUrl}</code> —{" "}
        {failure ?? (client ? `Gradio ${client.config.version}` : "connecting…")}
      </p>
      <div className="grid">
        <Feed client={client} kind="camera" endpoint="/frames" />
        <Feed client={client} kind="microphone" endpoint="/audio" />
      </div>
    </>
  );
}

createRoot(document.getElementById("app") as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
