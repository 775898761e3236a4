"""Streaming inputs (`connection: "stream"`, protocol §9): the twin of the test server's stream app
(packages/test-server/src/app/stream-app.ts), same endpoints in the same order (fn_index), names and components.

| fn | api_name     | inputs                                            | output                         | stream                      |
|----|--------------|---------------------------------------------------|--------------------------------|-----------------------------|
| 0  | /frames      | frame (gr.Image(streaming=True), numpy), seq = 0  | "WxH #seq"                     | every 0.1 s, no time limit  |
| 1  | /audio       | audio (gr.Audio(streaming=True), filepath), seq=0 | "N samples at R Hz #seq"       | every 0.1 s, time_limit 2 s |
| 2  | /calls       | -                                                 | every run of /frames and /audio, in order (JSON) | -         |
| 3  | /reset_calls | -                                                 | {"reset": true}                | -                           |

A frame comes as Gradio's webcam sends it: `{"url": "data:image/jpeg;base64,..."}` (PNG works too); an audio chunk is
an uploaded WAV file, read with the standard `wave` module (no ffmpeg here). Each run records its session, seq, time
and result, so a client can check what the server really received, in what order and when.
"""
import os
import time
import wave

import gradio as gr

CALLS = []


def frames(frame, seq, request: gr.Request):
    height, width = frame.shape[:2]
    info = f"{width}x{height} #{int(seq)}"
    CALLS.append({"fn": "frames", "session": request.session_hash, "seq": int(seq), "at": time.time(), "info": info})
    return info


def audio(path, seq, request: gr.Request):
    if not path:
        raise gr.Error("no audio chunk")
    with wave.open(path, "rb") as recording:
        samples, rate = recording.getnframes(), recording.getframerate()
    info = f"{samples} samples at {rate} Hz #{int(seq)}"
    CALLS.append({"fn": "audio", "session": request.session_hash, "seq": int(seq), "at": time.time(), "info": info})
    return info


def calls():
    return list(CALLS)


def reset_calls():
    CALLS.clear()
    return {"reset": True}


with gr.Blocks() as demo:
    frame = gr.Image(sources=["webcam"], streaming=True, type="numpy", label="frame")
    frame_seq = gr.Number(0, precision=0, label="seq")
    frame_info = gr.Textbox(label="frame info")
    microphone = gr.Audio(sources=["microphone"], streaming=True, type="filepath", label="audio")
    audio_seq = gr.Number(0, precision=0, label="audio seq")
    audio_info = gr.Textbox(label="audio info")
    calls_out = gr.JSON(label="calls")
    reset_out = gr.JSON(label="reset")
    calls_button = gr.Button("calls")
    reset_button = gr.Button("reset_calls")

    frame.stream(
        frames, [frame, frame_seq], frame_info, stream_every=0.1, time_limit=None,
        concurrency_limit=None, api_name="frames",
    )
    microphone.stream(
        audio, [microphone, audio_seq], audio_info, stream_every=0.1, time_limit=2,
        concurrency_limit=None, api_name="audio",
    )
    calls_button.click(calls, None, calls_out, api_name="calls", concurrency_limit=None)
    reset_button.click(reset_calls, None, reset_out, api_name="reset_calls", concurrency_limit=None)

if __name__ == "__main__":
    demo.queue().launch(server_port=int(os.environ.get("PORT", "7860")))
