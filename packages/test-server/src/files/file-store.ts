import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join, resolve, sep } from "node:path";

/** The `FileData` object Gradio puts in `data` for file-like outputs. */
export interface FileData {
  path: string;
  url: string | null;
  size: number | null;
  orig_name: string | null;
  mime_type: string | null;
  is_stream: boolean;
  meta: { _type: "gradio.FileData" };
}

/** Gradio's `strip_invalid_filename_characters`: keep alphanumerics and `._-, `. */
export function cleanFileName(name: string): string {
  const kept = [...basename(name)].filter((char) => /[\p{L}\p{N}._\-, ]/u.test(char)).join("");
  return kept.trimEnd();
}

/**
 * The server's temp upload directory (Gradio's `GRADIO_TEMP_DIR`): uploads and outputs live in
 * `<dir>/<sha256 of content>/<name>`, and only files under it may be served by `file=`.
 */
export class FileStore {
  readonly directory: string;

  constructor() {
    this.directory = mkdtempSync(join(tmpdir(), "gradio-test-server-"));
  }

  /** Saves bytes under a content-hash folder and returns the absolute server path. */
  async save(name: string, bytes: Buffer): Promise<string> {
    const folder = join(this.directory, createHash("sha256").update(bytes).digest("hex"));
    mkdirSync(folder, { recursive: true });
    const path = join(folder, name || `tmp${createHash("sha1").update(bytes).digest("hex").slice(0, 10)}`);
    await writeFile(path, bytes);
    return path;
  }

  /** Writes a file next to another one (same folder), as a demo function writing its output. */
  async saveBeside(siblingPath: string, name: string, bytes: Buffer): Promise<string> {
    const path = join(resolve(siblingPath, ".."), name);
    await writeFile(path, bytes);
    return path;
  }

  /** True when the path lies inside the upload directory. */
  isAllowed(path: string): boolean {
    return resolve(path).startsWith(this.directory + sep);
  }

  async read(path: string): Promise<Buffer> {
    return readFile(path);
  }

  /** Size in bytes, or null when the file is missing. */
  async sizeOf(path: string): Promise<number | null> {
    try {
      const info = await stat(path);
      return info.isFile() ? info.size : null;
    } catch {
      return null;
    }
  }

  /** Removes the whole directory. */
  dispose(): void {
    rmSync(this.directory, { recursive: true, force: true });
  }
}
