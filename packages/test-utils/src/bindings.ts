/**
 * Test harness shared by the React and Vue binding tests: one test server per file, a client per test on its own
 * session with the queue joins the server saw from it, and the check that nothing the bindings held survives a test.
 */

import { Client, type Job, type Outputs } from "@gradio-jobs/core";
import { sharedJobs } from "@gradio-jobs/core/bindings";
import {
  type ServerEventMap,
  startTestServer,
  type TestServer,
  waitForEvent,
} from "@gradio-jobs/test-server";
import { afterAll, afterEach, beforeAll, expect, vi } from "vitest";

/** Options of {@link setUpBindingTests}. */
export interface BindingHarnessOptions {
  /** Prefix of the `/hold` keys, unique per test file. */
  readonly keyPrefix: string;
  /** `sharedJobs.gracePeriod` during the file (ms). */
  readonly grace: number;
  /** Unmounts what the test rendered (e.g. Testing Library's `cleanup`), before the leak check. */
  readonly cleanup?: () => void;
}

/** What a binding test file uses. */
export interface BindingHarness {
  /** The file's test server. */
  readonly server: TestServer;
  /**
   * A client on its own session, and the event ids of the queue joins the server saw from it: in its session and in
   * the extra sessions it opens for cancels (tests of one file run one at a time, so every join is the client's).
   */
  session(): Promise<{ client: Client; joins: string[] }>;
  /** A fresh key for `/hold`. */
  holdKey(): string;
  /** Resolves when the server ends (or has ended) the job of `eventId`. */
  ended(eventId: string): Promise<ServerEventMap["job-end"]>;
  /** The job bindings share for the call `probe` makes (the probe itself is discarded before it starts). */
  probeShared<O extends Outputs>(probe: Job<O>): Job<O>;
}

/** Registers the file's hooks and returns its harness. */
export function setUpBindingTests(options: BindingHarnessOptions): BindingHarness {
  let server: TestServer | undefined;
  let keys = 0;
  const clients: Client[] = [];
  const offs: Array<() => void> = [];
  const endings = new Map<string, ServerEventMap["job-end"]>();

  beforeAll(async () => {
    server = await startTestServer({ timeScale: 0.05 });
    server.events.on("job-end", (event) => endings.set(event.eventId, event));
    sharedJobs.gracePeriod = options.grace;
  });
  afterAll(async () => {
    await server?.close();
    sharedJobs.gracePeriod = 1000;
  });
  afterEach(async () => {
    options.cleanup?.();
    for (const off of offs.splice(0)) off();
    for (const client of clients.splice(0)) client.close();
    // Nothing the bindings held survives the test: every shared job was released and dropped.
    await vi.waitFor(() => expect(sharedJobs.size).toBe(0));
  });

  const harness: BindingHarness = {
    get server() {
      if (!server) throw new Error("the test server is not started yet");
      return server;
    },
    async session() {
      const client = await Client.connect(harness.server.url);
      clients.push(client);
      const joins: string[] = [];
      const onJoin = (event: { eventId: string }) => joins.push(event.eventId);
      harness.server.events.on("join", onJoin);
      offs.push(() => harness.server.events.off("join", onJoin));
      return { client, joins };
    },
    holdKey: () => `${options.keyPrefix}-${keys++}`,
    ended: (eventId) => {
      const known = endings.get(eventId);
      return known
        ? Promise.resolve(known)
        : waitForEvent(harness.server, "job-end", (event) => event.eventId === eventId);
    },
    probeShared<O extends Outputs>(probe: Job<O>): Job<O> {
      probe.discard();
      const job = sharedJobs.sharedWith(probe.key);
      if (!job) throw new Error(`no shared job for ${probe.key}`);
      return job as unknown as Job<O>;
    },
  };
  return harness;
}
