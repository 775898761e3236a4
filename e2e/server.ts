/**
 * The servers of an end-to-end run, in one process: the embedded Gradio test server (demo endpoints), the work app's
 * test server (the cancel page's app, time scale 1), and a small control server the tests ask what each Gradio
 * server saw, so a test can check that a job cancelled in the browser also stopped on the server:
 *
 *   GET /events, GET /stats              the demo server: joins, job starts and ends, cancels, streams; queue gauges
 *   GET /work/events, GET /work/stats    the same for the work app, plus heartbeats, unloads and connection peaks
 *   POST /work/reset                     forget the work app's events and start its peaks from what is open now
 *   GET /stream/events, GET /stream/chunks?event=ID   the stream app (streaming inputs): its job events, and every
 *                                        chunk {P}/stream/{event_id} received (arrival time, seq input)
 *
 *   node --import tsx e2e/server.ts   (E2E_GRADIO_PORT, E2E_WORK_PORT, E2E_CONTROL_PORT, E2E_TIME_SCALE)
 */
import { createServer } from "node:http";
import { startTestServer, type TestServer } from "@gradio-jobs/test-server";
import { ports, timeScale } from "./ports.js";

const gradio = await startTestServer({ port: ports.gradio, timeScale });
const work = await startTestServer({ port: ports.work, app: "work", timeScale: 1 });
// 6.25: a close ends an event without time_limit (5.x needs one), so stopping the camera ends /frames at once.
const stream = await startTestServer({ port: ports.stream, app: "stream", version: "6.25.0" });

interface Recorded {
  readonly seq: number;
  readonly name: string;
  readonly at: number;
  readonly payload: unknown;
}

/**
 * Records a server's events, and the most event streams plus heartbeats open at once: what a client's `maxStreams`
 * budget counts (the server's own `peakOpenStreams` leaves the heartbeat out).
 */
function record(server: TestServer, names: readonly string[]) {
  const recorded: Recorded[] = [];
  const open = { streams: 0, heartbeats: 0, peak: 0 };
  const count = (key: "streams" | "heartbeats", by: number) => {
    open[key] += by;
    open.peak = Math.max(open.peak, open.streams + open.heartbeats);
  };
  for (const name of names) {
    server.events.on(name, (payload: unknown) =>
      recorded.push({ seq: recorded.length, name, at: Date.now(), payload }),
    );
  }
  server.events.on("stream-open", () => count("streams", 1));
  server.events.on("stream-close", () => count("streams", -1));
  server.events.on("heartbeat-open", () => count("heartbeats", 1));
  server.events.on("heartbeat-close", () => count("heartbeats", -1));
  return {
    recorded,
    open,
    reset() {
      recorded.length = 0;
      open.peak = open.streams + open.heartbeats;
      server.stats.peakOpenStreams = server.stats.openStreams;
      server.stats.peakOpenConnections = server.stats.openConnections;
    },
  };
}

const JOB_EVENTS = ["join", "job-start", "job-output", "job-end", "cancel", "stream-open", "stream-close"];
const demoLog = record(gradio, JOB_EVENTS);
const workLog = record(work, [...JOB_EVENTS, "heartbeat-open", "heartbeat-close", "unload"]);
const streamLog = record(stream, [...JOB_EVENTS, "stream-input-close"]);

const control = createServer((request, response) => {
  const url = new URL(request.url ?? "/", "http://control");
  const reply = (status: number, body: unknown) => {
    response.writeHead(status, { "content-type": "application/json", "access-control-allow-origin": "*" });
    response.end(JSON.stringify(body));
  };
  if (url.pathname === "/health") return reply(200, { gradio: gradio.url, work: work.url });
  if (url.pathname === "/events") return reply(200, demoLog.recorded);
  if (url.pathname === "/stats") {
    const { openStreams, pendingEvents, runningJobs, joins } = gradio.stats;
    return reply(200, { openStreams, pendingEvents, runningJobs, joins });
  }
  if (url.pathname === "/work/events") return reply(200, workLog.recorded);
  if (url.pathname === "/stream/events") return reply(200, streamLog.recorded);
  if (url.pathname === "/stream/chunks") {
    // Arrival order and time of every chunk {P}/stream/{event_id} received, with its seq input (data[1]).
    const chunks = stream.streamChunks(url.searchParams.get("event") ?? undefined);
    return reply(
      200,
      chunks.map(({ eventId, apiName, index, at, data }) => ({ eventId, apiName, index, at, seq: data[1] })),
    );
  }
  if (url.pathname === "/work/stats") {
    const s = work.stats;
    return reply(200, {
      pendingEvents: s.pendingEvents,
      runningJobs: s.runningJobs,
      openStreams: s.openStreams,
      peakOpenStreams: s.peakOpenStreams,
      openHeartbeats: s.openHeartbeats,
      peakStreamsAndHeartbeats: workLog.open.peak,
      openConnections: s.openConnections,
      peakOpenConnections: s.peakOpenConnections,
      cancels: s.cancels.length,
      unloads: s.unloads,
    });
  }
  if (url.pathname === "/work/reset" && request.method === "POST") {
    // A moment for the sockets of the test's own requests (closed with their answers) to be gone on this side.
    setTimeout(() => {
      workLog.reset();
      reply(200, { ok: true });
    }, 50);
    return;
  }
  reply(404, { error: "not found" });
});
await new Promise<void>((resolve) => control.listen(ports.control, "127.0.0.1", resolve));
console.log(
  `Gradio test server on ${gradio.url} (time scale ${timeScale}); work app on ${work.url} (time scale 1); control on :${ports.control}`,
);

const stop = async () => {
  control.closeAllConnections();
  control.close();
  await Promise.all([gradio.close(), work.close(), stream.close()]);
  process.exit(0);
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
