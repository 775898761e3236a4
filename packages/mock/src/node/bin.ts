/**
 * The executable behind `gradio-mock` (see ./cli.ts): runs the command, stops on SIGINT/SIGTERM, exits 1 with the
 * message on a bad command line or app definition.
 * @module
 */
import { runMockCli } from "./cli.js";

try {
  const server = await runMockCli(process.argv.slice(2));
  const stop = () => void server.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
