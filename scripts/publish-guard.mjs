#!/usr/bin/env node
// `prepublishOnly` of the published packages: only pnpm publishes them correctly. `npm publish` would ship the
// workspace's package.json as it is: `workspace:^` ranges (installs fail with EUNSUPPORTEDPROTOCOL) and the
// exports map with the workspace-only `source` condition (pnpm applies `publishConfig.exports` instead).
// `changeset publish` runs `pnpm publish` here (packageManager is pnpm). See RELEASING.md.
const agent = process.env.npm_config_user_agent ?? "";
if (!agent.startsWith("pnpm/")) {
  console.error(
    `Publish with pnpm (corepack pnpm exec changeset publish, or corepack pnpm publish), not ${agent.split(" ")[0] || "this tool"}: ` +
      "it rewrites workspace: ranges and publishes publishConfig.exports. See RELEASING.md.",
  );
  process.exit(1);
}
