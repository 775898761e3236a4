import type { ServerCore } from "../core.js";
import type { Route } from "../http/router.js";

/**
 * `GET {P}/heartbeat/{session}` (4.25+, not login-gated): `data: ALIVE` at once and every heartbeat interval
 * (sse-heartbeat.txt). When the client closes it, a server that notices (`detectHeartbeatClose`, default) runs
 * the session's unload step; one that does not (uvicorn 0.32, heartbeat-disconnect.txt) does nothing at all.
 */
export function heartbeatRoute(core: ServerCore): Route {
  return {
    methods: ["GET"],
    scope: "api",
    pattern: /^\/heartbeat\/([^/]+)\/?$/,
    faultRoutes: [],
    loginGated: false,
    handle(context) {
      const sessionHash = decodeURIComponent(context.params[0] ?? "");
      const sse = core.openAuxiliarySse(context);
      const untrack = core.trackHeartbeat(sse, sessionHash);
      sse.open();
      sse.send("ALIVE");
      const stop = core.timers.every(core.options.heartbeatIntervalMs, () => sse.send("ALIVE"));
      sse.onClose((reason) => {
        stop();
        untrack();
        // Server shutdown ends it too ("end"); Gradio's stop path is not modelled.
        if (reason !== "client") return;
        const detected = core.options.detectHeartbeatClose;
        core.stats.heartbeatCloses += 1;
        core.emit("heartbeat-close", { sessionHash, detected });
        if (detected) void core.unloadSession(sessionHash);
      });
    },
  };
}
