/** Where the IIFE (`iife.ts`) leaves the modules that `cdn/engine.js` shares with it (`host.ts` reads them). */
export const hostKey: unique symbol = Symbol.for("@gradio-jobs/core iife");
