/**
 * Where the real-Gradio test files find their servers: the URLs that `conformance/run-real-gradio.sh` exports (or
 * that you set yourself, see conformance/README.md), and the Gradio version those servers run.
 * @module
 */

/** The URL in environment variable `name`, without a trailing slash; throws, naming the app to start, if unset. */
export function requiredUrl(name: string, app: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(
      `${name} is not set: it must be the URL of a Gradio server running conformance/apps/${app} ` +
        "(run conformance/run-real-gradio.sh, or see conformance/README.md to use your own Gradio).",
    );
  }
  return value.replace(/\/+$/, "");
}

/**
 * The Gradio version the app at `url` reports in `GET /config`. When `GRADIO_VERSION` is set (run-real-gradio.sh
 * sets it to the build it started), a server of another version is an error: the results would be filed under the
 * wrong version.
 */
export async function gradioVersion(url: string): Promise<string> {
  let version: unknown;
  try {
    const response = await fetch(`${url}/config`);
    version = ((await response.json()) as { version?: unknown }).version;
  } catch (error) {
    throw new Error(`cannot read the Gradio version from ${url}/config: ${String(error)}`);
  }
  if (typeof version !== "string") throw new Error(`${url}/config has no version`);
  const expected = process.env.GRADIO_VERSION;
  if (expected && expected !== version) {
    throw new Error(`GRADIO_VERSION is ${expected}, but the server at ${url} runs Gradio ${version}`);
  }
  return version;
}
