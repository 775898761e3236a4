/**
 * Session hashes: the id under which Gradio keeps a client's jobs, stream and State.
 * @module
 */

/** A random session hash (11 base-36 characters, like the official JS client) from `crypto.getRandomValues`. */
export function newSessionHash(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(11));
  return Array.from(bytes, (b) => (b % 36).toString(36)).join("");
}
