"""Conformance app for a full queue: /slow of main.py (2 s, concurrency_limit=1) with queue(max_size=2).

max_size counts waiting jobs only: with one /slow job running and two waiting, the next join answers 503.
Run it with any Gradio 5.x:  pip install gradio==5.14.0 && PORT=7862 python conformance/apps/queue_full.py
"""

import os
import time

import gradio as gr


def slow(x):
    time.sleep(2)
    return f"slow:{x}"


with gr.Blocks(title="gradio-jobs conformance: queue_full") as demo:
    slow_in = gr.Textbox("x", label="slow input")
    slow_out = gr.Textbox(label="slow output")
    slow_btn = gr.Button("slow")
    slow_btn.click(slow, slow_in, slow_out, api_name="slow", concurrency_limit=1)

if __name__ == "__main__":
    demo.queue(max_size=2).launch(
        server_name=os.environ.get("GRADIO_SERVER_NAME", "127.0.0.1"),
        server_port=int(os.environ.get("PORT") or os.environ.get("GRADIO_SERVER_PORT") or 7862),
    )
