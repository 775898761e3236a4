/**
 * The servers of an end-to-end run, in one process: the embedded Gradio test server (demo endpoints) and a small
 * control server the tests ask what the Gradio server saw (`GET /events`: joins, job starts and ends, cancels), so a
 * test can check that a job cancelled in the browser also stopped on the server.
 *
 *   node --import tsx e2e/server.ts   (E2E_GRADIO_PORT, E2E_CONTROL_PORT, E2E_TIME_SCALE)
 */
import { createServer } from "node:http";
import { startTestServer } from "@gradio-jobs/test-server";
import { ports, timeScale } from "./ports.js";

const gradio = await startTestServer({ port: ports.gradio, timeScale });

interface Recorded {
  readonly seq: number;
  readonly name: string;
  readonly payload: unknown;
}
const recorded: Recorded[] = [];
for (const name of [
  "join",
  "job-start",
  "job-output",
  "job-end",
  "cancel",
  "stream-open",
  "stream-close",
] as const) {
  gradio.events.on(name, (payload: unknown) => recorded.push({ seq: recorded.length, name, payload }));
}

const control = createServer((request, response) => {
  const url = new URL(request.url ?? "/", "http://control");
  const reply = (status: number, body: unknown) => {
    response.writeHead(status, { "content-type": "application/json", "access-control-allow-origin": "*" });
    response.end(JSON.stringify(body));
  };
  if (url.pathname === "/health") return reply(200, { gradio: gradio.url });
  if (url.pathname === "/events") return reply(200, recorded);
  if (url.pathname === "/stats") {
    const { openStreams, pendingEvents, runningJobs, joins } = gradio.stats;
    return reply(200, { openStreams, pendingEvents, runningJobs, joins });
  }
  reply(404, { error: "not found" });
});
await new Promise<void>((resolve) => control.listen(ports.control, "127.0.0.1", resolve));
console.log(`Gradio test server on ${gradio.url} (time scale ${timeScale}); control on :${ports.control}`);

const stop = async () => {
  control.closeAllConnections();
  control.close();
  await gradio.close();
  process.exit(0);
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
