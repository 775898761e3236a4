"""The gr.render conformance app: events created by a render become callable once the render has run.

`/set_count` (n) stores n in the session's `gr.State` and returns it; the render that listens to that State
(`/render_boxes`, api name from the function) draws n textboxes, each with a button whose click is the rendered
endpoint `/shout_{i}` (text -> text.upper() + "!" * (i + 1)). Rendering happens per session: the rendered events
exist only in the session that ran the render, and a new render replaces the previous one's events.
`/static_echo` is an ordinary endpoint, present from the start. `/request_info` returns what the app sees of the
request that started it (`gr.Request`): its query parameters and the value of the cookie `probe`, for the connection
options scenarios. `/token_info` and `/needs_token` take a `gr.OAuthToken` (optional, required): Gradio 6.21+ hands
them the join's `oauth_token`.

Run it with any Gradio 5.x or 6.x:  PORT=7860 python conformance/apps/render.py
"""

import os

import gradio as gr


def set_count(n):
    n = int(n)
    return n, n


def static_echo(text):
    return f"echo:{text}"


def request_info(request: gr.Request):
    return {"query": dict(request.query_params), "probe_cookie": request.cookies.get("probe")}


def token_info(text, token: gr.OAuthToken | None):
    return f"{text}:{'none' if token is None else token.token}"


def needs_token(text, token: gr.OAuthToken):
    return f"{text}:{token.token}"


with gr.Blocks() as demo:
    count = gr.State(0)
    n = gr.Number(0, label="n", precision=0)
    shown = gr.Number(label="count")
    gr.Button("set").click(set_count, [n], [count, shown], api_name="set_count")

    text = gr.Textbox(label="text")
    echoed = gr.Textbox(label="echoed")
    gr.Button("echo").click(static_echo, [text], [echoed], api_name="static_echo")

    seen = gr.JSON(label="request")
    gr.Button("request").click(request_info, None, [seen], api_name="request_info")

    token_text = gr.Textbox(label="token text")
    token_out = gr.Textbox(label="token out")
    gr.Button("token").click(token_info, [token_text], [token_out], api_name="token_info")
    gr.Button("needs token").click(needs_token, [token_text], [token_out], api_name="needs_token")

    @gr.render(inputs=[count], triggers=[count.change])
    def render_boxes(k):
        for i in range(k):
            box = gr.Textbox(label=f"box {i}")
            out = gr.Textbox(label=f"out {i}")

            def shout(value, i=i):
                return value.upper() + "!" * (i + 1)

            gr.Button(f"shout {i}").click(shout, [box], [out], api_name=f"shout_{i}")


if __name__ == "__main__":
    demo.queue().launch(server_name="127.0.0.1", server_port=int(os.environ.get("PORT", "7860")))
