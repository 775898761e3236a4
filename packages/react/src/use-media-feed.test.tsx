// @vitest-environment jsdom
/**
 * useMediaFeed against the test server's stream app. jsdom decodes no video, so these check the hook's lifecycle (a
 * stream job per media, closed when the media goes, MediaEndedError when the tracks end); frames and chunks are checked
 * in core's tests and in Chromium (e2e/tests/stream-inputs.spec.ts).
 */
import { Client, MediaEndedError } from "@gradio-jobs/core";
import { useTestServer as startServerForFile } from "@gradio-jobs/test-utils/server";
import { cleanup, render, screen, waitFor } from "@testing-library/react";
import { createElement as h, type ReactNode, StrictMode } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { useMediaFeed } from "./use-media-feed.js";

const server = startServerForFile({ app: "stream", version: "6.25.0" });
afterEach(cleanup);

/** A camera MediaStream as the feeder sees it: one video track, which `end()` stops. */
function fakeCamera() {
  const track = { kind: "video", readyState: "live", addEventListener() {}, removeEventListener() {} };
  const media = { getVideoTracks: () => [track], getAudioTracks: () => [], getTracks: () => [track] };
  const end = () => {
    track.readyState = "ended";
  };
  return { media: media as unknown as MediaStream, end };
}

function Feed({ client, media }: { client: Client | null; media: MediaStream | null }) {
  const { stage, stream, mediaError } = useMediaFeed<[string]>(client, "/frames", media);
  return h(
    "p",
    { "data-testid": "out" },
    `${stage}|${stream ? "stream" : "none"}|${mediaError instanceof MediaEndedError ? "media ended" : ""}`,
  );
}
const text = () => screen.getByTestId("out").textContent;

/** Records every stream job the hook shows. */
function Spy({ client, media, seen }: { client: Client; media: MediaStream; seen: unknown[] }) {
  const { stream } = useMediaFeed(client, "/frames", media);
  if (stream && !seen.includes(stream)) seen.push(stream);
  return null;
}

describe.each([false, true])("useMediaFeed (StrictMode: %s)", (strict) => {
  const wrap = (node: ReactNode) => (strict ? h(StrictMode, null, node) : node);

  it("a stream job per media; tracks that end give mediaError and close it; null goes back to idle", async () => {
    const client = await Client.connect(server().url);
    const joins = server().stats.joinsByApi.frames ?? 0;
    const { rerender } = render(wrap(h(Feed, { client, media: null })));
    expect(text()).toBe("idle|none|");
    const camera = fakeCamera();
    rerender(wrap(h(Feed, { client, media: camera.media })));
    await waitFor(() => expect(text()).toBe("pending|stream|"));
    camera.end();
    // No chunk was sent (jsdom has no frames), so closing the event cancels it without reaching the server.
    await waitFor(() => expect(text()).toBe("cancelled|stream|media ended"));
    expect(server().stats.joinsByApi.frames ?? 0).toBe(joins);
    rerender(wrap(h(Feed, { client, media: null })));
    await waitFor(() => expect(text()).toBe("idle|none|"));
    client.close();
  });

  it("a new media closes the previous stream job; unmounting closes the last one", async () => {
    const client = await Client.connect(server().url);
    const first = fakeCamera();
    const seen: unknown[] = [];
    const { rerender, unmount } = render(wrap(h(Spy, { client, media: first.media, seen })));
    await waitFor(() => expect(seen.length).toBeGreaterThan(0));
    const before = seen.at(-1) as { done: boolean };
    rerender(wrap(h(Spy, { client, media: fakeCamera().media, seen })));
    await waitFor(() => expect(before.done).toBe(true));
    const last = seen.at(-1) as { done: boolean };
    expect(last).not.toBe(before);
    unmount();
    await waitFor(() => expect(last.done).toBe(true));
    client.close();
  });
});
