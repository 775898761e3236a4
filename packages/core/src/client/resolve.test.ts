import { describe, expect, it } from "vitest";
import { resolveApp } from "./resolve.js";

describe("resolveApp", () => {
  it("gives a bare localhost, [::1] or IPv4 host http://, as demo.launch() serves it, and any other https://", async () => {
    // TLS certificates name hosts, hardly ever addresses: a bare address (local, LAN, a VM's) is a plain-http app.
    for (const host of [
      "127.0.0.1:7991",
      "localhost:7860",
      "LOCALHOST",
      "[::1]:7860",
      "0.0.0.0:7860",
      "10.1.2.3:8000",
      "192.168.1.20:7860/app",
      "203.0.113.7:7860",
    ]) {
      expect((await resolveApp(host)).url, host).toBe(`http://${host.toLowerCase()}`);
    }
    for (const host of [
      "example.com",
      "owner-name.hf.space",
      "localhost.example.com",
      "10.example.com:7860",
    ]) {
      expect((await resolveApp(host)).url, host).toBe(`https://${host}`);
    }
    expect((await resolveApp("https://127.0.0.1:7860")).url).toBe("https://127.0.0.1:7860");
  });

  it("takes the URL of one of the app's own routes for the app", async () => {
    for (const suffix of [
      "/gradio_api",
      "/gradio_api/",
      "/gradio_api/info",
      "/config",
      "/info",
      "/?view=api",
      "/",
    ]) {
      expect((await resolveApp(`http://127.0.0.1:7860${suffix}`)).url, suffix).toBe("http://127.0.0.1:7860");
      expect((await resolveApp(`https://host.example/app${suffix}`)).url, suffix).toBe(
        "https://host.example/app",
      );
    }
    expect((await resolveApp("http://127.0.0.1:7860/gradio_api/app_id")).url).toBe(
      "http://127.0.0.1:7860/gradio_api/app_id",
    );
    expect((await resolveApp("http://127.0.0.1:7860/information")).url).toBe(
      "http://127.0.0.1:7860/information",
    );
  });

  it("does not guess a Space id from a *.hf.space host: owner and name may both contain '-'", async () => {
    expect(await resolveApp("https://my-org-my-space.hf.space")).toEqual({
      url: "https://my-org-my-space.hf.space",
      spaceId: null,
      query: "",
    });
  });

  it("keeps the URL's query parameters but view=api, which only names the API page", async () => {
    expect(await resolveApp("http://127.0.0.1:7860/?lang=de&x=1%202")).toEqual({
      url: "http://127.0.0.1:7860",
      spaceId: null,
      query: "lang=de&x=1+2",
    });
    expect((await resolveApp("https://host.example/app/?view=api&lang=de")).query).toBe("lang=de");
    expect((await resolveApp("https://host.example/app/?view=api")).query).toBe("");
  });
});
