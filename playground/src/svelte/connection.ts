import { Client } from "@gradio-jobs/core";
import { type Readable, writable } from "svelte/store";
import { type AppSummary, appSummary } from "../shared/backend.js";
import { type ErrorInfo, errorInfo } from "../shared/job-model.js";
import { rememberServerUrl } from "../shared/server-url.js";

/** The connection of the page: a client for the URL last asked for (an older connect finishing late is closed). */
export type Connection =
  | { readonly state: "idle" }
  | { readonly state: "connecting"; readonly url: string }
  | { readonly state: "connected"; readonly client: Client; readonly app: AppSummary }
  | { readonly state: "error"; readonly error: ErrorInfo };

/** The page's connection as a store, with `connect(url)` and `disconnect()` (closes the client). */
export function connectionStore(): Readable<Connection> & {
  connect(url: string): Promise<void>;
  disconnect(): void;
} {
  const connection = writable<Connection>({ state: "idle" });
  let attempt = 0;
  let client: Client | null = null;
  /** Closes the client, and makes any connect still under way close its client when it finishes. */
  const disconnect = () => {
    attempt += 1;
    client?.close();
    client = null;
  };
  const connect = async (url: string) => {
    disconnect();
    const mine = attempt;
    connection.set({ state: "connecting", url });
    try {
      const connected = await Client.connect(url);
      if (mine !== attempt) return connected.close();
      client = connected;
      rememberServerUrl(url);
      connection.set({ state: "connected", client: connected, app: appSummary(connected) });
    } catch (error) {
      if (mine === attempt) connection.set({ state: "error", error: errorInfo(error) });
    }
  };
  return { subscribe: connection.subscribe, connect, disconnect };
}
