/**
 * `@gradio-jobs/core/node`: what only Node, Deno and Bun can do. Local files as job inputs through
 * {@link handleFile}. Browsers never load it: import it only in code that runs on a server or the command line.
 *
 * @example
 * ```ts
 * import { Client } from "@gradio-jobs/core";
 * import { handleFile } from "@gradio-jobs/core/node";
 *
 * const client = await Client.connect("http://127.0.0.1:7860");
 * const [output] = await client.predict("/flip_file", [await handleFile("./hello.txt")]);
 * ```
 * @module
 */
export {
  type HandleFileInput,
  type HandleFileOptions,
  handleFile,
  LocalFileError,
} from "./http/node-files.js";
