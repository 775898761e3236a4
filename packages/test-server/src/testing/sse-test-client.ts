/** Test helpers: talk to a test server over real HTTP (fetch), the way an SDK would. */

/** A parsed stream message (loosely typed on purpose: tests assert on shapes). */
export type Message = Record<string, unknown> & { msg: string };

/** How an SSE response ended. */
export type StreamEnd = "clean" | "aborted" | "cancelled";

/** Reads an SSE response frame by frame. */
export class SseReader {
  readonly frames: string[] = [];
  readonly done: Promise<StreamEnd>;
  private readonly controller = new AbortController();
  private waiters: Array<() => void> = [];
  private buffer = "";

  private constructor(readonly response: Response) {
    this.done = this.pump();
  }

  /** Opens `url` (GET by default) and starts reading. */
  static async open(url: string, init: RequestInit = {}): Promise<SseReader> {
    const controller = new AbortController();
    const response = await fetch(url, { ...init, signal: controller.signal });
    const reader = new SseReader(response);
    reader.controller.signal.addEventListener("abort", () => controller.abort());
    return reader;
  }

  /** Parsed JSON messages so far (non-JSON frames are skipped). */
  get messages(): Message[] {
    return this.frames.flatMap((frame) => {
      try {
        return [JSON.parse(frame) as Message];
      } catch {
        return [];
      }
    });
  }

  /** Waits for the first message (from the start) that matches. */
  async waitFor(predicate: (message: Message) => boolean, timeoutMs = 5000): Promise<Message> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching message; got ${JSON.stringify(this.frames)}`);
      const ended = await Promise.race([this.nextChunk().then(() => false), this.done.then(() => true)]);
      if (ended && !this.messages.find(predicate))
        throw new Error(`stream ended; got ${JSON.stringify(this.frames)}`);
    }
  }

  /** Closes the connection from the client side. */
  close(): void {
    this.controller.abort();
  }

  private nextChunk(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private async pump(): Promise<StreamEnd> {
    const body = this.response.body;
    if (!body) return "clean";
    const reader = body.getReader();
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return "clean";
        this.buffer += decoder.decode(value, { stream: true });
        let boundary = this.buffer.indexOf("\n\n");
        while (boundary >= 0) {
          const block = this.buffer.slice(0, boundary);
          this.buffer = this.buffer.slice(boundary + 2);
          const data = block
            .split("\n")
            .filter((line) => line.startsWith("data:"))
            .map((line) => line.slice(5).replace(/^ /, ""));
          if (data.length > 0) this.frames.push(data.join("\n"));
          boundary = this.buffer.indexOf("\n\n");
        }
        this.wake();
      }
    } catch {
      return this.controller.signal.aborted ? "cancelled" : "aborted";
    } finally {
      this.wake();
    }
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

/** A small client for one test server: join, stream, cancel, with JSON bodies as the JS client sends them. */
export class TestClient {
  constructor(
    readonly baseUrl: string,
    readonly prefix = "/gradio_api",
    readonly headers: Record<string, string> = {},
  ) {}

  api(path: string): string {
    return `${this.baseUrl}${this.prefix}${path}`;
  }

  postJson(path: string, body: unknown): Promise<Response> {
    return fetch(this.api(path), {
      method: "POST",
      headers: { "content-type": "application/json", ...this.headers },
      body: JSON.stringify(body),
    });
  }

  /** POST queue/join; returns the event id (throws on a non-200 answer). */
  async join(fnIndex: number, data: unknown[], sessionHash: string): Promise<string> {
    const response = await this.postJson("/queue/join", {
      data,
      event_data: null,
      fn_index: fnIndex,
      trigger_id: null,
      session_hash: sessionHash,
    });
    if (response.status !== 200)
      throw new Error(`join answered ${response.status}: ${await response.text()}`);
    return ((await response.json()) as { event_id: string }).event_id;
  }

  stream(sessionHash: string): Promise<SseReader> {
    return SseReader.open(this.api(`/queue/data?session_hash=${sessionHash}`), { headers: this.headers });
  }

  /** Joins, opens the session stream and reads it to its end. */
  async run(
    fnIndex: number,
    data: unknown[],
    sessionHash: string,
  ): Promise<{ messages: Message[]; end: StreamEnd }> {
    await this.join(fnIndex, data, sessionHash);
    const reader = await this.stream(sessionHash);
    const end = await reader.done;
    return { messages: reader.messages, end };
  }

  cancel(sessionHash: string, fnIndex: number, eventId: string): Promise<Response> {
    return this.postJson("/cancel", { session_hash: sessionHash, fn_index: fnIndex, event_id: eventId });
  }
}

let sessionCounter = 0;

/** A fresh session hash, like the JS client's. */
export function newSession(): string {
  sessionCounter += 1;
  return `s${sessionCounter}${Math.random().toString(36).slice(2, 9)}`;
}

/** The `msg` names of messages, for order assertions. */
export function names(messages: Message[]): string[] {
  return messages.map((message) => message.msg);
}

/** The `output` object of a message (empty when there is none). */
export function outputOf(message: Message | undefined): Record<string, unknown> {
  return (message?.output ?? {}) as Record<string, unknown>;
}

/** `output.data` of a message (empty when there is none). */
export function dataOf<T = unknown>(message: Message | undefined): T[] {
  return (outputOf(message).data ?? []) as T[];
}
