"""Conformance app for password auth: the calculator of main.py behind launch(auth=("user", "pass")).

Run it with any Gradio 5.x:  pip install gradio==5.14.0 && PORT=7861 python conformance/apps/auth.py
"""

import os

import gradio as gr


def calculator(a, op, b):
    if op == "add":
        return a + b
    if op == "subtract":
        return a - b
    if op == "multiply":
        return a * b
    return a / b


with gr.Blocks(title="gradio-jobs conformance: auth") as demo:
    with gr.Row():
        a = gr.Number(4, label="a")
        op = gr.Radio(["add", "subtract", "multiply", "divide"], value="add", label="op")
        b = gr.Number(5, label="b")
        result = gr.Number(label="result")
    calc_btn = gr.Button("calc")
    calc_btn.click(calculator, [a, op, b], result, api_name="predict")

if __name__ == "__main__":
    demo.queue().launch(
        server_name=os.environ.get("GRADIO_SERVER_NAME", "127.0.0.1"),
        server_port=int(os.environ.get("PORT") or os.environ.get("GRADIO_SERVER_PORT") or 7861),
        auth=("user", "pass"),
    )
