import { createServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { startTestServer } from "@gradio-jobs/test-server";
import { useTestServer } from "@gradio-jobs/test-utils/server";
import { describe, expect, it } from "vitest";
import { Client } from "../client/client.js";
import { AuthError, HttpError, InputError } from "../errors.js";
import type { FileData } from "./files.js";

const server = useTestServer();

/**
 * A private Space's front door: Hugging Face's proxy answers 401 to requests without the Space owner's token and
 * passes the others on to the app. A real HTTP proxy in front of the test server.
 */
async function privateSpace(
  appUrl: string,
  token: string,
): Promise<{ url: string; close: () => Promise<void> }> {
  const app = new URL(appUrl);
  const proxy = createServer((incoming, outgoing) => {
    if (incoming.headers.authorization !== `Bearer ${token}`) {
      outgoing.writeHead(401, { "content-type": "application/json" });
      return void outgoing.end('{"error":"Invalid credentials in Authorization header"}');
    }
    const forward = httpRequest(
      {
        host: app.hostname,
        port: app.port,
        path: incoming.url,
        method: incoming.method,
        headers: incoming.headers,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    incoming.pipe(forward);
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        proxy.closeAllConnections();
        proxy.close(() => resolve());
      }),
  };
}

describe("client.download", () => {
  it("returns an output as a File named like it, with the server's content type", async () => {
    const client = await Client.connect(server().url);
    const [output] = (await client.predict("/flip_file", [new File(["hello"], "hi.txt")])) as [FileData];
    const file = await client.download(output);
    expect(file).toBeInstanceOf(File);
    expect([file.name, file.type, await file.text()]).toEqual([
      "reversed_hi.txt",
      "text/plain; charset=utf-8",
      "olleh",
    ]);
    // By URL too (absolute, or relative to the API base).
    expect(await (await client.download(output.url as string)).text()).toBe("olleh");
    expect(await (await client.download(`file=${output.path}`)).text()).toBe("olleh");
    client.close();
  });

  it("sends the token, which a private Space's proxy wants for files as for everything else", async () => {
    const space = await privateSpace(server().url, "hf_owner");
    try {
      const client = await Client.connect(space.url, { token: "hf_owner" });
      const [uploaded] = await client.upload([new File(["secret bytes"], "secret.txt")]);
      const url = (uploaded as FileData).url as string;
      expect(url.startsWith(`${space.url}/gradio_api/file=`)).toBe(true);
      expect((await fetch(url)).status).toBe(401);
      expect(await (await client.download(uploaded as FileData)).text()).toBe("secret bytes");
      const downloads = server().stats.requests.filter((r) => r.path.includes("/file="));
      expect(downloads.at(-1)?.headers.authorization).toBe("Bearer hf_owner");
      client.close();
    } finally {
      await space.close();
    }
  });

  it("sends the login cookies of an app behind auth=", async () => {
    const app = await startTestServer({ auth: ["user", "pass"] });
    try {
      const client = await Client.connect(app.url, { auth: ["user", "pass"] });
      const [uploaded] = (await client.upload([new File(["for members"], "members.txt")])) as [FileData];
      expect((await fetch(uploaded.url as string)).status).toBe(401);
      expect(await (await client.download(uploaded)).text()).toBe("for members");
      const download = app.stats.requests.filter((r) => r.path.includes("/file=")).at(-1);
      expect(download?.headers.cookie).toMatch(/access-token/);
      client.close();
    } finally {
      await app.close();
    }
  });

  it("rejects with typed errors: no login, a file the app does not serve, something that is not a URL", async () => {
    const app = await startTestServer({ auth: ["user", "pass"] });
    try {
      const loggedIn = await Client.connect(app.url, { auth: ["user", "pass"] });
      const [uploaded] = (await loggedIn.upload([new File(["x"], "x.txt")])) as [FileData];
      const client = await Client.connect(server().url);
      const noLogin = await client.download(uploaded.url as string).catch((e: unknown) => e);
      // Another origin: no credentials of this client go there, and that app wants a login.
      expect(noLogin).toBeInstanceOf(AuthError);

      const notAllowed = await client
        .download(`${server().url}/gradio_api/file=/etc/hostname`)
        .catch((e) => e);
      expect(notAllowed).toBeInstanceOf(HttpError);
      expect(notAllowed).toMatchObject({ status: 403, body: "File not allowed: /etc/hostname." });
      const [mine] = (await client.upload([new File(["y"], "y.txt")])) as [FileData];
      const gone = await client
        .download({ ...mine, path: `${mine.path}.gone`, url: null })
        .catch((e: unknown) => e);
      expect(gone).toMatchObject({ status: 404 });

      const notHttp = await client.download("data:text/plain,hi").catch((e: unknown) => e);
      expect(notHttp).toBeInstanceOf(InputError);
      expect((notHttp as Error).message).toBe(
        "download: data: URLs cannot be downloaded (data:text/plain,hi).",
      );
      // The client still works.
      expect(await client.predict("/predict", [1, "add", 2])).toEqual([3]);
      client.close();
      loggedIn.close();
    } finally {
      await app.close();
    }
  });
});
