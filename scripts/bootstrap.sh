#!/usr/bin/env bash
# Installs what the workspace needs on a fresh Debian 12 + Node 20 machine: pnpm (through corepack, pinned by
# package.json's packageManager) and the locked dependencies. Sourced by test-all.sh and dev.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

need() { command -v "$1" >/dev/null 2>&1 || { echo "error: $1 is missing. $2" >&2; exit 1; }; }
need node "Install Node.js 20 or newer (e.g. apt-get install nodejs, or from nodejs.org)."
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 18 ] || { echo "error: Node $node_major is too old; Node 18+ is needed (20 recommended)." >&2; exit 1; }
need corepack "It ships with Node 16.9+; reinstall Node.js, or run: npm install -g corepack"

export COREPACK_ENABLE_DOWNLOAD_PROMPT=0
if [ "${CI:-}" = "true" ] || [ ! -d node_modules/.pnpm ]; then
  echo "[bootstrap] corepack pnpm install --frozen-lockfile"
  corepack pnpm install --frozen-lockfile --reporter=append-only 2>&1 | tail -5
fi
