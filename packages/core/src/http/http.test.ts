import { describe, expect, it } from "vitest";
import { Http } from "./http.js";

describe("Http.isAppUrl", () => {
  const http = new Http("http://127.0.0.1:7860/gradio");

  it("accepts the app's origin however the URL is spelled", () => {
    expect(http.isAppUrl("http://127.0.0.1:7860/gradio_api/queue/join")).toBe(true);
    expect(http.isAppUrl("HTTP://127.0.0.1:7860/x")).toBe(true);
    expect(http.isAppUrl("http://127.0.0.1:7860")).toBe(true);
    expect(http.isAppUrl("http://127.0.0.1:7860?x=1")).toBe(true);
  });

  it("refuses look-alikes of the origin, so credentials never go there", () => {
    for (const url of [
      "http://127.0.0.1:7860.evil.example/",
      "http://127.0.0.1:7860@evil.example/",
      "http://127.0.0.1:78601/",
      "http://127.0.0.1:7861/",
      "https://127.0.0.1:7860/",
      "//127.0.0.1:7860/",
      "/relative",
      "not a url",
    ]) {
      expect(http.isAppUrl(url), url).toBe(false);
    }
  });
});
