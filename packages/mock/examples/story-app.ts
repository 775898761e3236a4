import { defineApp, endpoint, GradioError, textbox } from "@gradio-jobs/mock";

/** A fake "story writer": streams a story word by word with gr.Progress, and fails on an empty prompt. */
export default defineApp({
  endpoints: {
    "/generate": endpoint({
      parameters: [textbox("prompt", { value: "Once upon a time" })],
      outputs: [textbox("story")],
      fn: async function* (prompt, job) {
        if (!prompt.trim()) throw new GradioError("Write a prompt first");
        const words = `${prompt} there was a tiny model that streamed its story.`.split(" ");
        let story = "";
        for (const [index, word] of words.entries()) {
          job.progress([index, words.length], "Writing", "words");
          await job.sleep(0.1);
          story = story ? `${story} ${word}` : word;
          yield story;
        }
      },
    }),
  },
});
