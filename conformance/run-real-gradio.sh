#!/usr/bin/env bash
# Runs the conformance contract against REAL Gradio 5.14.0 (pnpm test:gradio).
#
#   conformance/run-real-gradio.sh [--json FILE]
#
# 1. provisions Gradio with ../shared/real-gradio/setup.sh (Debian chroot + the wheels of @gradio/lite; needs root;
#    1-2 min the first time, seconds once cached in ~/.cache/real-gradio),
# 2. starts conformance/apps/{main,auth,queue_full}.py on free ports with its run.sh,
# 3. runs conformance/real-gradio.test.ts against them (Vitest; JSON results to FILE when given),
# 4. stops the servers (by port, with stop.sh), whatever happened.
#
# Nothing is skipped: if provisioning is impossible the script says what is missing and exits 1 (and, with --json,
# writes a result file that counts as one failed test). Environment:
#   REAL_GRADIO_DIR      where setup.sh/run.sh/stop.sh live (default: ../shared/real-gradio beside the checkout)
#   GRADIO_RESULTS_JSON  same as --json FILE
# To run the contract against a Gradio you started yourself, skip this script: see conformance/README.md.
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
JSON_OUT="${GRADIO_RESULTS_JSON:-}"
while [ $# -gt 0 ]; do
  case "$1" in
    --json) JSON_OUT="${2:?--json needs a file}"; shift 2 ;;
    --json=*) JSON_OUT="${1#--json=}"; shift ;;
    *) echo "usage: $0 [--json FILE]" >&2; exit 2 ;;
  esac
done
[ -z "$JSON_OUT" ] || case "$JSON_OUT" in /*) ;; *) JSON_OUT="$PWD/$JSON_OUT" ;; esac

# fail MESSAGE: explain, record one failed test for the CI summary, exit 1.
fail() {
  echo "real-gradio conformance: $1" >&2
  if [ -n "$JSON_OUT" ]; then
    mkdir -p "$(dirname "$JSON_OUT")"
    node -e 'process.stdout.write(JSON.stringify({step: "real-gradio", passed: 0, failed: 1, error: process.argv[1]}))' \
      "$1" > "$JSON_OUT"
  fi
  exit 1
}

REAL_GRADIO="${REAL_GRADIO_DIR:-$ROOT/../shared/real-gradio}"
[ -x "$REAL_GRADIO/setup.sh" ] && [ -x "$REAL_GRADIO/run.sh" ] && [ -x "$REAL_GRADIO/stop.sh" ] \
  || fail "missing $REAL_GRADIO/{setup,run,stop}.sh: check out 'shared/' beside the repository, or set REAL_GRADIO_DIR."
[ "$(id -u)" = 0 ] \
  || fail "provisioning real Gradio needs root (debootstrap, unshare and chroot in $REAL_GRADIO/setup.sh); run as root, e.g. sudo -E corepack pnpm test:gradio."
[ -x "$ROOT/node_modules/.bin/vitest" ] || fail "the workspace is not installed: run 'corepack pnpm install' first."
for tool in node curl unshare; do
  command -v "$tool" >/dev/null 2>&1 || fail "'$tool' is not installed; $REAL_GRADIO/setup.sh and run.sh need it."
done

T0=$(date +%s)
echo "=== real Gradio: provisioning with $REAL_GRADIO/setup.sh"
"$REAL_GRADIO/setup.sh" || fail "$REAL_GRADIO/setup.sh failed (see its output above); the contract did not run."

# free_ports N: N distinct free TCP ports on 127.0.0.1.
free_ports() {
  node -e '
    const net = require("node:net");
    const servers = Array.from({ length: Number(process.argv[1]) }, () => net.createServer());
    Promise.all(servers.map((s) => new Promise((ok) => s.listen(0, "127.0.0.1", () => ok(s.address().port)))))
      .then((ports) => { console.log(ports.join(" ")); servers.forEach((s) => s.close()); });
  ' "$1"
}
read -r MAIN_PORT AUTH_PORT QUEUE_FULL_PORT < <(free_ports 3)
PORTS=("$MAIN_PORT" "$AUTH_PORT" "$QUEUE_FULL_PORT")
stop_servers() {
  for port in "${PORTS[@]}"; do "$REAL_GRADIO/stop.sh" "$port" >/dev/null 2>&1 || true; done
}
trap stop_servers EXIT
trap 'exit 130' INT TERM

echo "=== real Gradio: starting conformance/apps on ports ${PORTS[*]}"
pids=()
"$REAL_GRADIO/run.sh" "$HERE/apps/main.py" "$MAIN_PORT" & pids+=($!)
"$REAL_GRADIO/run.sh" "$HERE/apps/auth.py" "$AUTH_PORT" & pids+=($!)
"$REAL_GRADIO/run.sh" "$HERE/apps/queue_full.py" "$QUEUE_FULL_PORT" & pids+=($!)
started=0
for pid in "${pids[@]}"; do wait "$pid" && started=$((started + 1)); done
[ "$started" = 3 ] || fail "only $started of 3 Gradio apps started (their logs: ${REAL_GRADIO_RUN_DIR:-/tmp/real-gradio}/PORT.log)."
echo "    ready after $(( $(date +%s) - T0 )) s"

export GRADIO_MAIN_URL="http://127.0.0.1:$MAIN_PORT"
export GRADIO_AUTH_URL="http://127.0.0.1:$AUTH_PORT"
export GRADIO_QUEUE_FULL_URL="http://127.0.0.1:$QUEUE_FULL_PORT"
export GRADIO_AUTH="user:pass"
reporters=(--reporter=default)
if [ -n "$JSON_OUT" ]; then
  mkdir -p "$(dirname "$JSON_OUT")"
  reporters+=(--reporter=json "--outputFile.json=$JSON_OUT")
fi
echo "=== real Gradio: contract suite"
cd "$ROOT"
node_modules/.bin/vitest run --config conformance/vitest.gradio.config.ts "${reporters[@]}"
status=$?
echo "=== real Gradio: done in $(( $(date +%s) - T0 )) s (vitest exit $status)"
exit "$status"
