import { Client } from "@gradio-jobs/core";
import { useCallback, useRef, useState } from "react";
import { type AppSummary, appSummary } from "../shared/backend.js";
import { connectedText, errorText } from "../shared/format.js";
import { type ErrorInfo, errorInfo } from "../shared/job-model.js";

export type Connection =
  | { readonly state: "idle" }
  | { readonly state: "connecting"; readonly url: string }
  | { readonly state: "connected"; readonly client: Client; readonly app: AppSummary }
  | { readonly state: "error"; readonly error: ErrorInfo };

/**
 * A client for the URL last asked for; an older connect that finishes late is closed and ignored. `remember` is
 * told each URL that connected (the pages keep it in the address).
 */
export function useConnection(remember: (url: string) => void) {
  const [connection, setConnection] = useState<Connection>({ state: "idle" });
  const latest = useRef<{ attempt: number; client: Client | null }>({ attempt: 0, client: null });
  /** Closes the client, and makes any connect still under way close its client when it finishes. */
  const disconnect = useCallback(() => {
    latest.current.attempt += 1;
    latest.current.client?.close();
    latest.current.client = null;
  }, []);
  const connect = useCallback(
    async (url: string) => {
      disconnect();
      const attempt = latest.current.attempt;
      setConnection({ state: "connecting", url });
      try {
        const client = await Client.connect(url);
        if (attempt !== latest.current.attempt) return client.close();
        latest.current.client = client;
        remember(url);
        setConnection({ state: "connected", client, app: appSummary(client) });
      } catch (error) {
        if (attempt === latest.current.attempt) setConnection({ state: "error", error: errorInfo(error) });
      }
    },
    [disconnect, remember],
  );
  return [connection, connect, disconnect] as const;
}

/** The "Gradio app [url] Connect" bar and the connection's state (`data-testid="connection"`). */
export function ConnectForm({
  label = "Gradio app",
  url,
  onUrl,
  connection,
  connect,
}: {
  label?: string;
  url: string;
  onUrl: (url: string) => void;
  connection: Connection;
  connect: (url: string) => unknown;
}) {
  return (
    <form
      className="bar connect"
      data-testid="connect-form"
      onSubmit={(event) => {
        event.preventDefault();
        void connect(url.trim());
      }}
    >
      <label>
        {label}{" "}
        <input
          id="server-url"
          name="url"
          type="url"
          required
          size={34}
          value={url}
          onChange={(e) => onUrl(e.target.value)}
        />
      </label>
      <button id="connect" type="submit">
        Connect
      </button>
      <span
        className="connection"
        data-testid="connection"
        data-state={connection.state}
        data-code={connection.state === "error" ? connection.error.code : undefined}
      >
        {connection.state === "connecting"
          ? `Connecting to ${connection.url}…`
          : connection.state === "connected"
            ? connectedText(connection.app)
            : connection.state === "error"
              ? errorText(connection.error)
              : ""}
      </span>
    </form>
  );
}
