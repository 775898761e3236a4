// @vitest-environment jsdom
import { Client } from "@gradio-jobs/core";
import { createMockGradio } from "@gradio-jobs/mock";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { Story } from "./Story.js";
import storyApp from "./story-app.js";

// The fake app answers every request to http://gradio.test through MSW: no port, no Python.
const mock = createMockGradio(storyApp); // real time: 0.1 s per word
const network = setupServer(http.all("http://gradio.test/*", ({ request }) => mock.fetch(request)));
let client: Client;

beforeAll(async () => {
  network.listen({ onUnhandledRequest: "error" });
  client = await Client.connect("http://gradio.test");
});
afterEach(cleanup);
afterAll(() => {
  client.close();
  network.close();
  mock.close();
});

it("streams the story, shows progress, and completes", async () => {
  render(<Story client={client} prompt="Long ago" />);
  await screen.findByText("Long ago there"); // streamed: the story so far, word by word
  expect(screen.getByRole("progressbar")).toBeTruthy();
  await waitFor(() => expect(screen.getByTestId("stage").textContent).toBe("complete"));
  expect(screen.getByText("Long ago there was a tiny model that streamed its story.")).toBeTruthy();
});

it("shows the app's error message", async () => {
  render(<Story client={client} prompt=" " />);
  expect((await screen.findByRole("alert")).textContent).toBe("Write a prompt first");
});

it("cancels on the server when the user clicks Cancel", async () => {
  render(<Story client={client} prompt="Cancel me" />);
  await screen.findByText(/^Cancel me/);
  fireEvent.click(await screen.findByRole("button", { name: "Cancel" }));
  await waitFor(() => expect(screen.getByTestId("stage").textContent).toBe("cancelled"));
  await waitFor(() => expect(mock.stats.cancels.length).toBeGreaterThan(0));
});
