/** Ours in the page: `client.predict()` as the README shows it. Bundled from the run's snapshot of dist/. */
import { Client } from "@gradio-jobs/core";
import { install } from "./harness.js";

install(async (url) => {
  const client = await Client.connect(url);
  return {
    predict: (endpoint, args) => client.predict(endpoint, args),
    close: () => client.close(),
  };
});
