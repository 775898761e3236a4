/**
 * Gradio's `FileUploadProgress` (route_utils.py), which feeds `GET {P}/upload_progress`: per `upload_id`, the bytes
 * received since the progress stream last asked, for the file being received. Gradio keeps one pending unit per
 * upload: bytes of the same file add up, and a new file's first bytes replace (drop) an unread unit of the previous
 * file. An upload is forgotten only when its progress stream ends.
 * @module
 */

/** Bytes of one file received since the last look. */
export interface UploadUnit {
  readonly name: string;
  readonly bytes: number;
}

interface Tracked {
  unit: UploadUnit | null;
  done: boolean;
}

export class UploadTracker {
  readonly #uploads = new Map<string, Tracked>();
  readonly #waiting = new Map<string, Set<() => void>>();

  /** An upload with this id began (Gradio tracks it before reading the body). */
  track(uploadId: string): void {
    if (this.#uploads.has(uploadId)) return;
    this.#uploads.set(uploadId, { unit: null, done: false });
    for (const wake of this.#waiting.get(uploadId) ?? []) wake();
    this.#waiting.delete(uploadId);
  }

  /** `bytes` more of file `name` arrived. */
  received(uploadId: string, name: string, bytes: number): void {
    this.track(uploadId);
    const upload = this.#uploads.get(uploadId) as Tracked;
    const unit = upload.unit;
    upload.unit = { name, bytes: unit?.name === name ? unit.bytes + bytes : bytes };
  }

  /** The whole body was read (or refused as too large). */
  finish(uploadId: string): void {
    this.track(uploadId);
    (this.#uploads.get(uploadId) as Tracked).done = true;
  }

  isTracked(uploadId: string): boolean {
    return this.#uploads.has(uploadId);
  }

  isDone(uploadId: string): boolean {
    return this.#uploads.get(uploadId)?.done ?? false;
  }

  /** Takes the pending unit, or null when nothing arrived since the last look. */
  take(uploadId: string): UploadUnit | null {
    const upload = this.#uploads.get(uploadId);
    const unit = upload?.unit ?? null;
    if (upload) upload.unit = null;
    return unit;
  }

  forget(uploadId: string): void {
    this.#uploads.delete(uploadId);
  }

  /** Resolves true once the upload is tracked, false after `ms` (Gradio 5.45+ waits 3 s, then answers 404). */
  whenTracked(uploadId: string, ms: number): Promise<boolean> {
    if (this.#uploads.has(uploadId)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiting = this.#waiting.get(uploadId) ?? new Set();
      this.#waiting.set(uploadId, waiting);
      const timer = setTimeout(() => {
        waiting.delete(wake);
        resolve(false);
      }, ms);
      const wake = () => {
        clearTimeout(timer);
        resolve(true);
      };
      waiting.add(wake);
    });
  }
}
