/**
 * The page side of the Chromium overhead benchmark (../browser-overhead.mjs). Each client's entry file
 * (ours.js, official.js, floor.js) calls `install` with its own `connect`, so the three bundles run the same loop:
 * `bench.connect(url)`, then `bench.run(jobs)` (sequential `predict("/predict", [1, "add", 2])`; resolves with the
 * wall time in ms, measured with `performance.now()`), then `bench.close()`.
 */

/**
 * @typedef {object} PageClient
 * @property {(endpoint: string, args: unknown[]) => Promise<unknown[]>} predict resolves with the outputs array
 * @property {() => void} close
 */

/** @param {(url: string) => Promise<PageClient>} connect */
export function install(connect) {
  /** @type {PageClient | null} */
  let client = null;
  globalThis.bench = {
    async connect(url) {
      client = await connect(url);
    },
    async run(jobs) {
      const t0 = performance.now();
      for (let i = 0; i < jobs; i++) {
        const outputs = await client.predict("/predict", [1, "add", 2]);
        if (outputs?.[0] !== 3) throw new Error(`job ${i}: expected [3], got ${JSON.stringify(outputs)}`);
      }
      return performance.now() - t0;
    },
    close() {
      client?.close();
      client = null;
    },
  };
}
