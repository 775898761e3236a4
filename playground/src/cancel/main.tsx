// The cancel page: a prompt bound to `useJob(client.submit("/work", [text]))`, and the work app's run log.
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.js";

createRoot(document.getElementById("app") as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
