#!/usr/bin/env bash
# End-to-end tests of the playground (every page, the contract in a page and in a worker) in Debian's Chromium,
# driven by Playwright. Installs Chromium with apt-get when it is missing and this runs as root; otherwise fails
# saying how to get it (Playwright's own browser download does not work here). Builds core (for the IIFE page).
# The cancel tests (e2e/tests/cancel.spec.ts) also run on real Gradio 5.45 and 6.25: e2e/real-gradio.ts starts them
# with ../shared/real-gradio/run.sh (root) when first needed and stops them at the end; without them those tests fail.
#
#   scripts/e2e.sh [--json FILE] [playwright test arguments…]
#
# --json FILE: Playwright's JSON results (stats.expected/unexpected/flaky), as scripts/summarize-results.mjs reads
# them; default e2e/test-results/results.json. Screenshots go to e2e/test-results/screenshots/ (untracked);
# UPDATE_SCREENSHOTS=1 rewrites the tracked ones in playground/screenshots/ that the READMEs show.
# Ports (e2e/ports.ts): E2E_GRADIO_PORT (17860), E2E_CONTROL_PORT (17861), E2E_WORK_PORT (17862),
# E2E_PLAYGROUND_PORT (14173); real Gradio takes free ports. See e2e/README.md.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)

JSON="$ROOT/e2e/test-results/results.json"
if [ "${1:-}" = "--json" ]; then
  [ -n "${2:-}" ] || { echo "usage: scripts/e2e.sh [--json FILE] [playwright args…]" >&2; exit 2; }
  JSON=$(realpath -m "$2")
  shift 2
fi

fail() {
  echo "error: $1" >&2
  # Counted as one failed test in the closing line when the results file is read.
  mkdir -p "$(dirname "$JSON")"
  echo '{"step":"e2e","passed":0,"failed":1}' > "$JSON"
  exit 1
}

export CHROMIUM_PATH=${CHROMIUM_PATH:-/usr/bin/chromium}
if ! "$CHROMIUM_PATH" --version >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "[e2e] Chromium is missing: apt-get install -y chromium"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >/dev/null \
      || fail "apt-get could not install chromium"
    CHROMIUM_PATH=/usr/bin/chromium
  else
    fail "Chromium is not installed at $CHROMIUM_PATH. Install Debian's package as root (apt-get update && apt-get install -y chromium), or point CHROMIUM_PATH at a Chromium binary. Playwright's own browser download (playwright install) does not work here."
  fi
fi
echo "[e2e] $("$CHROMIUM_PATH" --version 2>/dev/null)"

bash scripts/bootstrap.sh || fail "bootstrap failed"
# A checkout installed before the playground and e2e joined the workspace lacks their packages.
if [ ! -e e2e/node_modules/@playwright/test ] || [ ! -e playground/node_modules/vite ]; then
  corepack pnpm install --frozen-lockfile --reporter=append-only 2>&1 | tail -3
fi
echo "[e2e] building core (the classic page loads its IIFE build)"
corepack pnpm --filter @gradio-jobs/core run build >/dev/null || fail "the core build failed"

mkdir -p "$(dirname "$JSON")" "$ROOT/e2e/test-results/screenshots"
cd e2e
PLAYWRIGHT_JSON_OUTPUT_NAME="$JSON" corepack pnpm exec playwright test "$@"
