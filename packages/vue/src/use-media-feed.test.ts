// @vitest-environment jsdom
/**
 * useMediaFeed against the test server's stream app. jsdom decodes no video, so these check the composable's
 * lifecycle (a stream job per media, closed when the media goes or the scope ends, MediaEndedError when the tracks end);
 * frames and chunks are checked in core's tests and in Chromium (e2e/tests/stream-inputs.spec.ts).
 */
import { Client, MediaEndedError } from "@gradio-jobs/core";
import { useTestServer } from "@gradio-jobs/test-utils/server";
import { describe, expect, it, vi } from "vitest";
import { effectScope, shallowRef } from "vue";
import { useMediaFeed } from "./use-media-feed.js";

const server = useTestServer({ app: "stream", version: "6.25.0" });

/** A camera MediaStream as the feeder sees it: one video track, which `end()` stops. */
function fakeCamera() {
  const track = { kind: "video", readyState: "live", addEventListener() {}, removeEventListener() {} };
  const media = { getVideoTracks: () => [track], getAudioTracks: () => [], getTracks: () => [track] };
  const end = () => {
    track.readyState = "ended";
  };
  return { media: media as unknown as MediaStream, end };
}

describe("useMediaFeed", () => {
  it("a stream job per media; tracks that end give mediaError and close it; null goes back to idle", async () => {
    const client = await Client.connect(server().url);
    const joins = server().stats.joinsByApi.frames ?? 0;
    const media = shallowRef<MediaStream | null>(null);
    const scope = effectScope();
    const feed = scope.run(() => useMediaFeed<[string]>(client, "/frames", media))!;
    expect([feed.stage.value, feed.stream.value]).toEqual(["idle", null]);
    const camera = fakeCamera();
    media.value = camera.media;
    await vi.waitFor(() => expect(feed.stage.value).toBe("pending"));
    const stream = feed.stream.value;
    camera.end();
    await vi.waitFor(() => expect(feed.mediaError.value).toBeInstanceOf(MediaEndedError));
    await vi.waitFor(() => expect(feed.stage.value).toBe("cancelled"));
    expect(server().stats.joinsByApi.frames ?? 0).toBe(joins);
    media.value = fakeCamera().media;
    await vi.waitFor(() => expect(feed.stream.value).not.toBe(stream));
    const next = feed.stream.value;
    expect(feed.mediaError.value).toBeNull();
    scope.stop();
    await vi.waitFor(() => expect(next?.done).toBe(true));
    client.close();
  });
});
