/**
 * Runs a test server until SIGINT/SIGTERM.
 *
 *   tsx packages/test-server/src/cli.ts --port 7860 [--host 127.0.0.1] [--app demo|work|stream] [--protocol sse_v3]
 *       [--version 5.14.0] [--auth user:pass] [--time-scale 1] [--queue-max-size N]
 *       [--heartbeat-interval-ms 15000] [--no-detect-heartbeat-close]
 *   corepack pnpm --filter @gradio-jobs/test-server start -- --port 7860   (a leading `--` is skipped)
 */
import { parseArgs } from "node:util";
import { DIALECTS, type ProtocolName, type TestServerOptions } from "./options.js";
import { startTestServer } from "./server.js";

function toOptions(): TestServerOptions {
  // `pnpm start -- --port 7860` (the READMEs' command) passes the `--` on to the script with pnpm 10, and parseArgs
  // would take everything after it as positionals.
  const argv = process.argv.slice(2);
  const { values } = parseArgs({
    args: argv[0] === "--" ? argv.slice(1) : argv,
    options: {
      port: { type: "string", default: "7860" },
      host: { type: "string" },
      app: { type: "string" },
      version: { type: "string" },
      "heartbeat-interval-ms": { type: "string" },
      "no-detect-heartbeat-close": { type: "boolean" },
      protocol: { type: "string" },
      auth: { type: "string" },
      "time-scale": { type: "string" },
      "queue-max-size": { type: "string" },
    },
  });
  const options: TestServerOptions = { port: Number(values.port) };
  if (values.host) options.host = values.host;
  if (values.app) {
    if (values.app !== "demo" && values.app !== "work" && values.app !== "stream")
      throw new Error(`unknown app ${values.app}`);
    options.app = values.app;
  }
  if (values.version) options.version = values.version;
  if (values["heartbeat-interval-ms"]) options.heartbeatIntervalMs = Number(values["heartbeat-interval-ms"]);
  if (values["no-detect-heartbeat-close"]) options.detectHeartbeatClose = false;
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
