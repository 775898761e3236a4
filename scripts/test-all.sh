#!/usr/bin/env bash
# The README's test command: installs what is missing, builds, lints, type-checks and runs every suite
# (Vitest against the embedded test server, the conformance contract against real Gradio 5.14.0, 5.45.0 and 6.25.0,
# Playwright e2e in Debian's Chromium).
# Ends with one line "N passed, N failed" over all suites.
# Exit status 0 only when nothing failed.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
RESULTS="$ROOT/.test-results"
rm -rf "$RESULTS"; mkdir -p "$RESULTS"

bash scripts/bootstrap.sh || { echo "0 passed, 1 failed"; exit 1; }

# step NAME COMMAND...: a build/lint step counts as one test (pass or fail) in the totals.
step() {
  local name=$1; shift
  echo "=== $name"
  if "$@"; then echo "{\"step\":\"$name\",\"passed\":1,\"failed\":0}" > "$RESULTS/step-$name.json"
  else echo "{\"step\":\"$name\",\"passed\":0,\"failed\":1}" > "$RESULTS/step-$name.json"; echo "!!! step $name failed"; fi
}

step build corepack pnpm -r --filter "./packages/*" run build
# publint --strict, attw (esm-only) for core/react/vue, and the size-limit budgets of scripts/.size-limit.js (adapters
# at the issue's 800 B; core and the IIFE at today's size + ~2 %, so that growth fails until it is justified).
step package-gates node scripts/check-packages.mjs --no-build --only publint,attw,size
step lint corepack pnpm exec biome check .
# The import direction of core's layers (wire, http, session, job, client, bindings/codegen): .dependency-cruiser.cjs.
step layers corepack pnpm check:layers
step typecheck corepack pnpm exec tsc -p tsconfig.json --noEmit
step typecheck-playground corepack pnpm exec tsc -p playground/tsconfig.json --noEmit
step typecheck-e2e corepack pnpm exec tsc -p e2e/tsconfig.json --noEmit
step packed-apps node scripts/check-packed.mjs

echo "=== vitest (unit + integration against the embedded test server)"
corepack pnpm exec vitest run --reporter=default --reporter=json --outputFile.json="$RESULTS/vitest.json" \
  || echo "!!! vitest reported failures"

echo "=== conformance contract against real Gradio 5.14.0, 5.45.0, 6.25.0 (conformance/run-real-gradio.sh)"
# One version after the other; results in real-gradio-<version>.json, each version counted on its own line.
bash conformance/run-real-gradio.sh --json "$RESULTS/real-gradio.json" || echo "!!! real-Gradio conformance failed"

echo "=== e2e (Playwright in Debian's Chromium: every playground page, the contract in a page and in a worker)"
bash scripts/e2e.sh --json "$RESULTS/e2e.json" || echo "!!! e2e reported failures"

node scripts/summarize-results.mjs "$RESULTS"
