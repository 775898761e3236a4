/**
 * The `gradio-jobs` command line, as a function of its arguments: `gradio-jobs types <url-or-space>` connects with the
 * SDK's own {@link Client.connect} (so URLs, Space ids, `--token`, `--auth` and errors behave as in code) and prints
 * {@link generateApiTypes}' `.d.ts` text. `cli.ts` runs it with the process' arguments.
 * @module
 */
import { parseArgs } from "node:util";
import { Client, type ClientOptions } from "../client/client.js";
import { GradioJobsError } from "../errors.js";
import { generateApiTypes } from "./api-types.js";

/** Where the command writes (the process' streams, or a test's buffers). */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const USAGE = `Usage: gradio-jobs types <url-or-space> [options] > src/gradio-api.d.ts

Prints TypeScript types for every endpoint of a Gradio app (names, arguments, defaults, outputs), for
Client.connect<GradioApi>(...) from @gradio-jobs/core. <url-or-space> is an app URL or a Space id (owner/name).

Options:
  --token <token>         Hugging Face token (hf_...) or bearer token, for private Spaces
  --auth <user:password>  log in first, for apps launched with auth=...
  --name <Name>           name of the exported interface (default GradioApi)
  --import-from <module>  module that FileArg and FileData come from (default @gradio-jobs/core)
  --all                   also describe endpoints hidden with show_api=False
  --hub-url <url>         Hugging Face Hub that resolves Space ids (default https://huggingface.co)
  -h, --help              show this help
`;

/**
 * Runs the command line with `argv` (without `node` and the script) and resolves with the exit code: 0, or 1 after
 * writing the error to `stderr`.
 *
 * @example
 * ```ts
 * process.exitCode = await runCli(["types", "http://127.0.0.1:7860"], {
 *   stdout: (text) => process.stdout.write(text),
 *   stderr: (text) => process.stderr.write(text),
 * });
 * ```
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    io.stderr(`gradio-jobs: ${(error as Error).message}\n\n${USAGE}`);
    return 1;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  const [command, src, ...extra] = positionals;
  if (command !== "types" || !src || extra.length > 0) {
    const problem =
      command === undefined
        ? "missing command"
        : command !== "types"
          ? `unknown command ${JSON.stringify(command)}`
          : !src
            ? "missing <url-or-space>"
            : `unexpected argument ${JSON.stringify(extra[0])}`;
    io.stderr(`gradio-jobs: ${problem}.\n\n${USAGE}`);
    return 1;
  }
  let auth: ClientOptions["auth"];
  if (values.auth !== undefined) {
    const colon = values.auth.indexOf(":");
    if (colon < 0) {
      io.stderr("gradio-jobs: --auth takes user:password.\n");
      return 1;
    }
    auth = [values.auth.slice(0, colon), values.auth.slice(colon + 1)];
  }
  const options: ClientOptions = { token: values.token, auth, hubUrl: values["hub-url"] };
  try {
    const client = await Client.connect(src, options);
    client.close();
    io.stdout(
      generateApiTypes(client.endpoints, {
        source: client.spaceId ?? client.url,
        gradioVersion: client.config.version,
        name: values.name,
        importFrom: values["import-from"],
        includeUndocumented: values.all,
        config: client.config,
      }),
    );
    return 0;
  } catch (error) {
    io.stderr(`gradio-jobs: ${describe(error)}\n`);
    return 1;
  }
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      token: { type: "string" },
      auth: { type: "string" },
      name: { type: "string" },
      "import-from": { type: "string" },
      all: { type: "boolean", default: false },
      "hub-url": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // The SDK's messages speak to code (`auth: [username, password]`, a `token`); say it in flags.
  const message = error.message
    .replace(/`auth: \[username, password\]`/g, "--auth user:password")
    .replace(/`token`/g, "--token")
    .replace(/ to Client\.connect/g, "");
  return error instanceof GradioJobsError ? `${message} (${error.code})` : message;
}
