/**
 * Messages that reach the session stream before the join answer that names their event id. Gradio writes a job's
 * first messages (and, for a fast job or a 6.12+ cache hit, its completion) to the open stream while it still
 * handles the join, so they can arrive first; they are kept until the job registers.
 * @module
 */
import type { ProtocolError } from "../errors.js";
import type { ServerMessage } from "../wire/messages.js";

/** What arrived for an event id before its join answer: a message, or a frame naming it that did not decode. */
export type EarlyItem = { readonly message: ServerMessage } | { readonly garbled: ProtocolError };

/** At most this many items are kept (a server flooding unknown ids cannot grow memory without bound). */
const MAX_EARLY = 10_000;

/** Early items by event id, bounded in total. */
export class EarlyMessages {
  readonly #byEvent = new Map<string, EarlyItem[]>();
  #count = 0;

  /** Keeps an item for `eventId` (dropped once {@link MAX_EARLY} items are kept). */
  keep(eventId: string, item: EarlyItem): void {
    if (this.#count >= MAX_EARLY) return;
    const items = this.#byEvent.get(eventId) ?? [];
    items.push(item);
    this.#byEvent.set(eventId, items);
    this.#count += 1;
  }

  /** The items kept for `eventId`, in arrival order, removed from the buffer. */
  take(eventId: string): EarlyItem[] {
    const items = this.#byEvent.get(eventId) ?? [];
    this.#byEvent.delete(eventId);
    this.#count -= items.length;
    return items;
  }

  clear(): void {
    this.#byEvent.clear();
    this.#count = 0;
  }
}
