/**
 * Smoke test of the built package, as Node users get it: `import` of dist/index.js (no `source` condition, no
 * TypeScript), a real call against the test server, and the IIFE bundle evaluated as a classic script.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runInNewContext } from "node:vm";
import { useTestServer } from "@gradio-jobs/test-utils/server";
import { describe, expect, it } from "vitest";

const dist = (name: string) => fileURLToPath(new URL(`../dist/${name}`, import.meta.url));
const server = useTestServer();
const authServer = useTestServer({ auth: ["user", "pass"] });

function requireBuilt(name: string): string {
  const path = dist(name);
  if (!existsSync(path)) {
    throw new Error(
      `${path} is missing: build first with \`corepack pnpm --filter @gradio-jobs/core build\`.`,
    );
  }
  return path;
}

describe("built package", () => {
  it("imports in Node and runs a job", async () => {
    const core = (await import(/* @vite-ignore */ requireBuilt("index.js"))) as typeof import("./index.js");
    const client = await core.Client.connect(server().url);
    expect(await client.predict("/predict", [4, "add", 5])).toEqual([9]);
    expect(new core.QueueFullError("x")).toBeInstanceOf(core.GradioJobsError);
  });

  it("loads its parts that are split off (uploads, login) from dist/", async () => {
    const core = (await import(/* @vite-ignore */ requireBuilt("index.js"))) as typeof import("./index.js");
    const client = await core.Client.connect(authServer().url, { auth: ["user", "pass"] });
    const [file] = await client.upload([new Blob(["hello"], { type: "text/plain" })]);
    expect(file?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/.*file=/);
    expect(await client.predict("/predict", [1, "add", 2])).toEqual([3]);
  });

  it("a part that cannot be loaded (a deploy replaced the chunks) fails with ConnectionError, not a TypeError", async () => {
    requireBuilt("index.js");
    // Inside the package (its node_modules), so that the copy still resolves nanostores.
    const copy = mkdtempSync(fileURLToPath(new URL("../node_modules/.dist-copy-", import.meta.url)));
    try {
      cpSync(dist("."), copy, { recursive: true });
      for (const file of readdirSync(copy))
        if (/^(login|upload)-.*\.js$/.test(file)) rmSync(join(copy, file));
      const core = (await import(/* @vite-ignore */ join(copy, "index.js"))) as typeof import("./index.js");
      const login = await core.Client.connect(authServer().url, { auth: ["user", "pass"] }).catch((e) => e);
      expect(login).toBeInstanceOf(core.ConnectionError);
      expect((login as Error).message).toMatch(/Could not load the login part of @gradio-jobs\/core/);
      const client = await core.Client.connect(server().url);
      const job = client.submit("/predict", [new Blob(["x"]), "add", 1]);
      await expect(job.result()).rejects.toBeInstanceOf(core.ConnectionError);
      expect(await client.predict("/predict", [1, "add", 2])).toEqual([3]);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it("touches no window, document, EventSource, localStorage or sessionStorage", () => {
    // Except the media feed (`StreamJob.feed`, loaded on its first call): a camera's frames are drawn from a <video>
    // onto a <canvas>, which only pages have.
    const files = readdirSync(dist(".")).filter(
      (f) => f.endsWith(".js") && f !== "cli.js" && !f.startsWith("media-feed-"),
    );
    expect(files).toEqual(expect.arrayContaining(["index.js", "gradio-jobs.iife.js"]));
    for (const file of files) {
      const code = readFileSync(requireBuilt(file), "utf8");
      // Uses, not mentions: comments may name these globals.
      expect(code).not.toMatch(
        /\b(window|document|localStorage|sessionStorage)\s*[.[]|new\s+EventSource|typeof\s+(window|document)\b/,
      );
    }
  });

  it("exposes the global GradioJobs from the IIFE bundle as a classic script", async () => {
    const sandbox: Record<string, unknown> = {
      fetch,
      URL,
      Blob,
      FormData,
      Headers,
      TextDecoder,
      crypto,
      queueMicrotask,
      setTimeout,
      clearTimeout,
      AbortController,
    };
    sandbox.globalThis = sandbox;
    runInNewContext(readFileSync(requireBuilt("gradio-jobs.iife.js"), "utf8"), sandbox);
    const global = sandbox.GradioJobs as typeof import("./index.js");
    expect(typeof global.Client.connect).toBe("function");
    // Everything the ES module exports except the class Job (jobs come from client.submit; the IIFE holds only
    // what a page needs before it connects) and the helpers of framework bindings (ES modules themselves).
    const esm = await import(/* @vite-ignore */ requireBuilt("index.js"));
    const notOnTheGlobal = ["Job", "JobRegistry", "jobView", "sharedJobs"];
    expect(Object.keys(global).sort()).toEqual(
      Object.keys(esm)
        .filter((name) => !notOnTheGlobal.includes(name))
        .sort(),
    );
    expect(global.Status.FINISHED).toBe("FINISHED");
    // Minified class names must not leak into error names.
    expect(new global.AppError({ title: null, message: null }).name).toBe("AppError");
    expect(new global.QueueFullError("full").name).toBe("QueueFullError");
  });
});
