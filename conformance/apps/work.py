"""The "work" conformance app: what ran on the server, and for how long.

packages/test-server has the same app (`startTestServer({ app: "work" })`), endpoint for endpoint: same order (so
the same fn_index), api names, parameter names and defaults. Every worker function has concurrency_limit=1 and is
`async`, so that a cancel (Gradio cancels the asyncio task) interrupts it and the run log records it.

  fn  api_name        inputs                      outputs            behaviour
  0   /work           text                        str                sleeps 1.5 s, returns "work:" + text
  1   /work_stream    text, n = 20                str (generator)    n times: sleep 0.1 s, out += f" {i}", yield out
  2   /stateful_work  text (+ a gr.State(0))      str (+ the State)  sleeps 1.5 s; count = state + 1;
                                                                     returns (f"{text}:{count}", count)
  3   /runs           none                        JSON               the run log (below)
  4   /reset_runs     none                        JSON               clears the run log and the unload list -> {"ok": true}
  5   /unloaded       none                        JSON               {"unloaded": [session_hash, ...]}
  6   (demo.unload)                                                  appends the session hash to the unload list

/runs, /reset_runs and /unloaded have no concurrency limit, so they never wait behind /work. Read them without the
queue: `curl -X POST -H 'content-type: application/json' -d '{"data":[]}' $URL/gradio_api/run/runs`.

The run log: one record per started run of fns 0-2, in start order:
  {"fn": "/work", "text": <text>, "session": <session_hash>, "started": <epoch s>, "ended": <epoch s or null>,
   "outcome": "running" | "completed" | "cancelled"}
"cancelled" means the run was interrupted (asyncio.CancelledError, or GeneratorExit when a generator is closed).
A run whose job Gradio only flags as dead (its stream was closed) keeps running: a plain function completes, and a
generator stays "running" if Gradio never closes it.

Detect-disconnect control: real Gradio under uvicorn 0.32 never notices a closed heartbeat stream, so demo.unload
never runs (../shared/real-gradio/README.md). Started under a file name that contains "detect_disconnect" (the
symlink work_detect_disconnect.py; run.sh keeps the file name) or with WORK_DETECT_DISCONNECT=1, the app adds the
ASGI middleware of ../shared/real-gradio/examples/unload.py, which reports ASGI spec 2.3, so Starlette watches for
disconnects on streamed routes and closing the heartbeat runs demo.unload. It changes how every streamed route ends
(the queue's event stream too); use it only for what concerns the heartbeat.

Run it with any Gradio 5.x or 6.x:  PORT=7863 python conformance/apps/work.py
"""

import asyncio
import os
import time

import gradio as gr

DETECT_DISCONNECT = "detect_disconnect" in os.path.basename(__file__) or os.environ.get(
    "WORK_DETECT_DISCONNECT", ""
) not in ("", "0")

RUNS = []
UNLOADED = []


def start_run(fn, text, request):
    record = {
        "fn": fn,
        "text": text,
        "session": request.session_hash,
        "started": time.time(),
        "ended": None,
        "outcome": "running",
    }
    RUNS.append(record)
    return record


def end_run(record, outcome):
    record["ended"] = time.time()
    record["outcome"] = outcome


async def work(text, request: gr.Request):
    record = start_run("/work", text, request)
    try:
        await asyncio.sleep(1.5)
    except BaseException:  # asyncio.CancelledError: Gradio cancelled the task
        end_run(record, "cancelled")
        raise
    end_run(record, "completed")
    return "work:" + text


async def work_stream(text, n, request: gr.Request):
    record = start_run("/work_stream", text, request)
    out = text
    try:
        for i in range(int(n)):
            await asyncio.sleep(0.1)
            out += f" {i}"
            yield out
    except BaseException:  # asyncio.CancelledError, or GeneratorExit when the generator is closed
        end_run(record, "cancelled")
        raise
    end_run(record, "completed")


async def stateful_work(text, state, request: gr.Request):
    record = start_run("/stateful_work", text, request)
    try:
        await asyncio.sleep(1.5)
    except BaseException:
        end_run(record, "cancelled")
        raise
    end_run(record, "completed")
    count = state + 1
    return f"{text}:{count}", count


async def runs():
    return RUNS


async def reset_runs():
    RUNS.clear()
    UNLOADED.clear()
    return {"ok": True}


async def unloaded():
    return {"unloaded": UNLOADED}


def on_unload(request: gr.Request):
    UNLOADED.append(request.session_hash)
    print(f"unload listener ran for session {request.session_hash} at {time.time():.3f}", flush=True)


with gr.Blocks(title="gradio-jobs conformance: work") as demo:
    text = gr.Textbox(label="text")
    n = gr.Number(20, label="n", precision=0)
    state = gr.State(0)
    work_out = gr.Textbox(label="work output")
    stream_out = gr.Textbox(label="work_stream output")
    stateful_out = gr.Textbox(label="stateful_work output")
    runs_out = gr.JSON(label="runs")
    reset_out = gr.JSON(label="reset")
    unloaded_out = gr.JSON(label="unloaded")

    # Listener order = fn_index: 0 work, 1 work_stream, 2 stateful_work, 3 runs, 4 reset_runs, 5 unloaded, 6 unload.
    gr.Button("work").click(work, text, work_out, api_name="work", concurrency_limit=1)
    gr.Button("work_stream").click(
        work_stream, [text, n], stream_out, api_name="work_stream", concurrency_limit=1
    )
    gr.Button("stateful_work").click(
        stateful_work, [text, state], [stateful_out, state], api_name="stateful_work", concurrency_limit=1
    )
    gr.Button("runs").click(runs, None, runs_out, api_name="runs", concurrency_limit=None)
    gr.Button("reset_runs").click(reset_runs, None, reset_out, api_name="reset_runs", concurrency_limit=None)
    gr.Button("unloaded").click(unloaded, None, unloaded_out, api_name="unloaded", concurrency_limit=None)
    demo.unload(on_unload)


class ReportAsgiSpec23:
    """Pure ASGI middleware: report ASGI spec 2.3 to the app (see DETECT_DISCONNECT)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            scope = {**scope, "asgi": {**scope.get("asgi", {}), "spec_version": "2.3"}}
        await self.app(scope, receive, send)


if __name__ == "__main__":
    app_kwargs = {}
    if DETECT_DISCONNECT:
        from starlette.middleware import Middleware

        app_kwargs["middleware"] = [Middleware(ReportAsgiSpec23)]
    print(f"work app, detect disconnect: {DETECT_DISCONNECT}", flush=True)
    demo.queue().launch(
        app_kwargs=app_kwargs,
        server_name=os.environ.get("GRADIO_SERVER_NAME", "127.0.0.1"),
        server_port=int(os.environ.get("PORT") or os.environ.get("GRADIO_SERVER_PORT") or 7863),
    )
