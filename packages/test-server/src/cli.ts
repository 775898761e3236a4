/**
 * Runs a test server until SIGINT/SIGTERM.
 *
 *   tsx packages/test-server/src/cli.ts --port 7860 [--host 127.0.0.1] [--protocol sse_v3]
 *       [--auth user:pass] [--time-scale 1] [--queue-max-size N]
 */
import { parseArgs } from "node:util";
import { DIALECTS, type ProtocolName, type TestServerOptions } from "./options.js";
import { startTestServer } from "./server.js";

function toOptions(): TestServerOptions {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "7860" },
      host: { type: "string" },
      protocol: { type: "string" },
      auth: { type: "string" },
      "time-scale": { type: "string" },
      "queue-max-size": { type: "string" },
    },
  });
  const options: TestServerOptions = { port: Number(values.port) };
  if (values.host) options.host = values.host;
  if (values.protocol) {
    if (!(values.protocol in DIALECTS)) throw new Error(`unknown protocol ${values.protocol}`);
    options.protocol = values.protocol as ProtocolName;
  }
  if (values.auth) {
    const separator = values.auth.indexOf(":");
    if (separator < 0) throw new Error("--auth expects user:pass");
    options.auth = [values.auth.slice(0, separator), values.auth.slice(separator + 1)];
  }
  if (values["time-scale"]) options.timeScale = Number(values["time-scale"]);
  if (values["queue-max-size"]) options.queueMaxSize = Number(values["queue-max-size"]);
  return options;
}

const server = await startTestServer(toOptions());
console.log(`Gradio test server on ${server.url}`);
const stop = () => {
  server.close().then(() => process.exit(0));
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
