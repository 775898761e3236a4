// @vitest-environment jsdom
/**
 * The README's "complete component" (`packages/react/examples/complete-component.tsx`, which the README shows verbatim:
 * checked in packages/test-utils/src/readme-examples.test.ts) against the test server's `/generate`.
 */
import { Client } from "@gradio-jobs/core";
import { startTestServer, type TestServer, waitForEvent } from "@gradio-jobs/test-server";
import { cleanup, render, screen, waitFor } from "@testing-library/react";
import { type ComponentType, createElement as h } from "react";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

// The example is JSX and lives outside src/: the workspace tsconfig has no `jsx` setting, so `tsc` must not follow
// an import of it (the README test type-checks it with `jsx: react-jsx`). Vite compiles it for the test.
const examplePath = "../../examples/complete-component.tsx";
const { Story } = (await import(/* @vite-ignore */ examplePath)) as {
  Story: ComponentType<{ client: Client; prompt: string }>;
};

let server: TestServer;
let client: Client;
beforeAll(async () => {
  // Real time: ~0.1 s per word, so a job is still running when the prompt changes.
  server = await startTestServer();
  client = await Client.connect(server.url);
});
afterEach(cleanup);
afterAll(async () => {
  client.close();
  await server.close();
});

describe("README complete component (React)", () => {
  it("streams the story word by word with a progress bar, and a new prompt cancels the old job", async () => {
    const firstEnd = waitForEvent(server, "job-end", (event) => event.apiName === "generate");
    const { container, rerender } = render(h(Story, { client, prompt: "Once upon a time" }));

    // Streamed text grows while the progress bar and its description show.
    await waitFor(() =>
      expect(container.querySelector("pre")?.textContent).toMatch(/^Once upon a time there/),
    );
    expect(container.querySelector("progress")).not.toBeNull();
    expect(container.textContent).toContain("Writing");
    expect(screen.getByRole("button", { name: "Cancel" })).toBeTruthy();

    rerender(h(Story, { client, prompt: "Long ago" }));
    expect((await firstEnd).outcome).toBe("cancelled");

    await waitFor(() => expect(container.querySelector("pre")?.textContent).toMatch(/^Long ago there/));
    await waitFor(
      () => expect(container.querySelector("pre")?.textContent).toMatch(/one word at a time\.$/),
      {
        timeout: 5000,
      },
    );
    await waitFor(() => expect(container.querySelector("progress")).toBeNull());
    // Nothing reads as an error: the superseded job's cancel is not shown.
    expect(container.querySelector("[role=alert]")).toBeNull();
    expect(container.textContent).not.toContain("Cancelled.");
    expect(screen.queryByRole("button", { name: "Cancel" })).toBeNull();
  });
});
