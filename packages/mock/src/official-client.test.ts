/**
 * The official `@gradio/client` (2.7.0, what the bench compares against) works on a mock app too: it connects, calls
 * a plain endpoint, and streams a generator's yields in order.
 */
import { Client } from "@gradio/client";
import { afterAll, beforeAll, expect, it } from "vitest";
import { defineApp, endpoint, number, textbox } from "./index.js";
import { type MockServer, startMockServer } from "./node/index.js";

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer(
    defineApp({
      endpoints: {
        "/add": endpoint({
          parameters: [number("a"), number("b")],
          outputs: [number("sum")],
          fn: (a, b) => a + b,
        }),
        "/words": endpoint({
          parameters: [textbox("text")],
          outputs: [textbox("so far")],
          fn: async function* (text, job) {
            let shown = "";
            for (const word of text.split(" ")) {
              await job.sleep(0.01);
              shown = shown ? `${shown} ${word}` : word;
              yield shown;
            }
          },
        }),
      },
    }),
  );
});
afterAll(() => server.close());

it("connects, predicts and streams with @gradio/client", async () => {
  const client = await Client.connect(server.url);
  expect((await client.predict("/add", { a: 2, b: 3 })).data).toEqual([5]);
  const seen: unknown[] = [];
  for await (const message of client.submit("/words", { text: "one two three" })) {
    if (message.type === "data") seen.push((message.data as unknown[])[0]);
    if (message.type === "status" && message.stage === "complete") break;
  }
  // The official client reports the completion's full final value as one more data event (as it does on Gradio).
  expect(seen).toEqual(["one", "one two", "one two three", "one two three"]);
  client.close();
});
