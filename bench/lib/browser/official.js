/**
 * The official client in the page, through its `browser` export, connected as in lib/clients.mjs (status events on,
 * as the Node benchmarks use it); `predict()` resolves with `{ data }`.
 */
import { Client } from "@gradio/client";
import { install } from "./harness.js";

install(async (url) => {
  const client = await Client.connect(url, { events: ["data", "status"] });
  return {
    predict: async (endpoint, args) => (await client.predict(endpoint, args)).data,
    close: () => client.close(),
  };
});
