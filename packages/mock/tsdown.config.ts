import { defineConfig } from "tsdown";
import { esmLibrary } from "../../tsdown.shared.js";

// The browser entry (index), the Node entry (node: HTTP server, CLI parts) and the CLI executable. Nothing Node-only
// is reachable from index; tsx and msw stay external (optional peers).
export default defineConfig(
  esmLibrary(
    { index: "src/index.ts", node: "src/node/index.ts", cli: "src/node/bin.ts" },
    { external: [/^node:/, /^tsx/, /^msw/] },
  ),
);
