"""The main conformance app: the demo app of the real-Gradio transcripts.

It defines the same endpoints, in the same order (so the same fn_index), with the same api names, Python
parameter names, labels and defaults as /work/shared/gradio-transcripts/config.txt and info.txt, and the same
timings as the captures (sleeps of 0.2 s, 0.3 s, 0.5 s, 2 s). packages/test-server mirrors this app, so one contract
suite (conformance/contract/) runs unchanged against both.

Run it with any Gradio 5.x:  pip install gradio==5.14.0 && PORT=7860 python conformance/apps/main.py
"""

import os
import time

import gradio as gr
import numpy as np


def calculator(a, op, b):
    if op == "add":
        return a + b
    if op == "subtract":
        return a - b
    if op == "multiply":
        return a * b
    return a / b


def count(n):
    for i in range(n):
        time.sleep(0.2)
        yield i


def progress(steps, progress=gr.Progress()):
    progress(0, desc="Starting")
    for i in range(1, steps):
        time.sleep(0.3)
        progress(i / steps, desc=f"step {i}/{steps}")
    time.sleep(0.3)
    for _ in progress.tqdm(range(3), desc="tqdm loop", unit="items"):
        time.sleep(0.3)
    return f"done {steps} steps"


def slow(x):
    time.sleep(2)
    return f"slow:{x}"


def fail(x):
    raise gr.Error("bad input")


def long_stream(n):
    for i in range(n):
        time.sleep(0.5)
        yield f"tick {i}"


def flip(img):
    return np.fliplr(img)


def flip_file(path):
    with open(path, encoding="utf-8") as source:
        text = source.read()
    # Next to the input, in Gradio's upload directory (as in upload-and-flip-file.txt).
    target = os.path.join(os.path.dirname(path), "reversed_" + os.path.basename(path))
    with open(target, "w", encoding="utf-8") as out:
        out.write(text[::-1])
    return target


def increment(counter):
    counter += 1
    return counter, counter


def multi(name):
    return f"hello {name}", len(name), {"name": name, "length": len(name), "upper": name.upper()}


def log(x):
    gr.Info("info message")
    time.sleep(0.2)
    gr.Warning("warning message")
    time.sleep(0.2)
    return f"logged {x}"


def sleep(secs):
    time.sleep(secs)
    return f"slept {secs:g}"


with gr.Blocks(title="gradio-jobs conformance: main") as demo:
    with gr.Row():
        a = gr.Number(4, label="a")
        op = gr.Radio(["add", "subtract", "multiply", "divide"], value="add", label="op")
        b = gr.Number(5, label="b")
        result = gr.Number(label="result")
    calc_btn = gr.Button("calc")
    n = gr.Number(5, label="n", precision=0)
    count_out = gr.Number(label="count")
    count_btn = gr.Button("count")
    steps = gr.Number(4, label="steps", precision=0)
    progress_out = gr.Textbox(label="progress result")
    progress_btn = gr.Button("progress")
    slow_in = gr.Textbox("x", label="slow input")
    slow_out = gr.Textbox(label="slow output")
    slow_btn = gr.Button("slow")
    fail_in = gr.Textbox("x", label="fail input")
    fail_out = gr.Textbox(label="fail output")
    fail_btn = gr.Button("fail")
    stream_n = gr.Number(60, label="long_stream n", precision=0)
    stream_out = gr.Textbox(label="long_stream output")
    stream_btn = gr.Button("long_stream")
    image_in = gr.Image(label="image in")
    image_out = gr.Image(label="image out")
    flip_btn = gr.Button("flip")
    file_in = gr.File(label="file in", type="filepath")
    file_out = gr.File(label="file out", type="filepath")
    flip_file_btn = gr.Button("flip_file")
    counter_state = gr.State(0)
    counter = gr.Number(label="counter")
    increment_btn = gr.Button("increment")
    name = gr.Textbox("gradio", label="name")
    text = gr.Textbox(label="text")
    length = gr.Number(label="length")
    as_json = gr.JSON(label="json")
    multi_btn = gr.Button("multi")
    log_in = gr.Textbox("x", label="log input")
    log_out = gr.Textbox(label="log output")
    log_btn = gr.Button("log")
    secs = gr.Number(17, label="secs")
    sleep_out = gr.Textbox(label="sleep output")
    sleep_btn = gr.Button("sleep")

    # Listener order = fn_index: 0 predict, 1 count, 2 progress, 3 slow, 4 fail, 5 long_stream, 6 flip,
    # 7 flip_file, 8 increment, 9 multi, 10 log, 11 sleep (config.txt).
    calc_btn.click(calculator, [a, op, b], result, api_name="predict")
    count_btn.click(count, n, count_out, api_name="count")
    progress_btn.click(progress, steps, progress_out, api_name="progress")
    slow_btn.click(slow, slow_in, slow_out, api_name="slow", concurrency_limit=1)
    fail_btn.click(fail, fail_in, fail_out, api_name="fail")
    stream_btn.click(long_stream, stream_n, stream_out, api_name="long_stream")
    flip_btn.click(flip, image_in, image_out, api_name="flip")
    flip_file_btn.click(flip_file, file_in, file_out, api_name="flip_file")
    increment_btn.click(increment, counter_state, [counter_state, counter], api_name="increment")
    multi_btn.click(multi, name, [text, length, as_json], api_name="multi")
    log_btn.click(log, log_in, log_out, api_name="log")
    sleep_btn.click(sleep, secs, sleep_out, api_name="sleep")

if __name__ == "__main__":
    # show_error=True like the transcripts' app (config.txt): plain exceptions reach the client with their text.
    demo.queue().launch(
        server_name=os.environ.get("GRADIO_SERVER_NAME", "127.0.0.1"),
        server_port=int(os.environ.get("PORT") or os.environ.get("GRADIO_SERVER_PORT") or 7860),
        show_error=True,
    )
