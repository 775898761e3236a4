#!/usr/bin/env bash
# The playground: installs what is missing, builds core (the classic page loads its IIFE build), starts the embedded
# Gradio test server (demo endpoints, a slow queue so positions are visible) unless GRADIO_URL points elsewhere, and
# the embedded work app for the cancel page (/work: 1.5 s, one at a time, with a run log) unless GRADIO_WORK_URL
# does, starts the playground's Vite dev server, prints the URLs and stops everything on Ctrl-C.
#
#   scripts/dev.sh [--gradio-url URL] [--work-url URL] [--port 5173] [--server-port 7860] [--work-port 7870]
#                  [--time-scale 1] [--host 127.0.0.1]
#
# Environment: GRADIO_URL (any Gradio app; then no test server starts), GRADIO_WORK_URL (a work app, e.g. real
# Gradio running conformance/apps/work.py), PLAYGROUND_PORT, GRADIO_PORT, GRADIO_WORK_PORT, TIME_SCALE,
# PLAYGROUND_HOST.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

GRADIO_URL=${GRADIO_URL:-}
GRADIO_WORK_URL=${GRADIO_WORK_URL:-}
PORT=${PLAYGROUND_PORT:-5173}
SERVER_PORT=${GRADIO_PORT:-7860}
WORK_PORT=${GRADIO_WORK_PORT:-7870}
TIME_SCALE=${TIME_SCALE:-1}
HOST=${PLAYGROUND_HOST:-127.0.0.1}
usage() { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --gradio-url) GRADIO_URL=${2:?--gradio-url needs a URL}; shift 2 ;;
    --work-url) GRADIO_WORK_URL=${2:?--work-url needs a URL}; shift 2 ;;
    --port) PORT=${2:?--port needs a number}; shift 2 ;;
    --server-port) SERVER_PORT=${2:?--server-port needs a number}; shift 2 ;;
    --work-port) WORK_PORT=${2:?--work-port needs a number}; shift 2 ;;
    --time-scale) TIME_SCALE=${2:?--time-scale needs a number}; shift 2 ;;
    --host) HOST=${2:?--host needs an address}; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) echo "error: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done

bash scripts/bootstrap.sh
# A checkout installed before the playground joined the workspace lacks its packages.
if [ ! -e playground/node_modules/vite ]; then
  corepack pnpm install --frozen-lockfile --reporter=append-only 2>&1 | tail -3
fi
echo "[dev] building core (the classic page loads its IIFE build)"
corepack pnpm --filter @gradio-jobs/core run build >/dev/null

pids=()
stop() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop EXIT
trap 'exit 130' INT TERM

# Waits until URL answers (up to 30 s) while PID lives.
wait_for() {
  local url=$1 pid=$2 what=$3
  for _ in $(seq 1 150); do
    kill -0 "$pid" 2>/dev/null || { echo "error: $what exited; see its output above." >&2; exit 1; }
    node -e 'fetch(process.argv[1]).then((r) => process.exit(r.status < 500 ? 0 : 1), () => process.exit(1))' "$url" \
      && return 0
    sleep 0.2
  done
  echo "error: $what did not answer at $url within 30 s." >&2
  exit 1
}

in_use() {
  node -e 'const s=require("net").connect(+process.argv[1],"127.0.0.1");s.on("connect",()=>process.exit(0));s.on("error",()=>process.exit(1))' "$1"
}

if [ -z "$GRADIO_URL" ]; then
  if in_use "$SERVER_PORT"; then
    echo "error: port $SERVER_PORT is taken. Use --server-port N for the test server, or --gradio-url URL (GRADIO_URL) for an app already running." >&2
    exit 1
  fi
  GRADIO_URL="http://127.0.0.1:$SERVER_PORT"
  node_modules/.bin/tsx packages/test-server/src/cli.ts --port "$SERVER_PORT" --time-scale "$TIME_SCALE" &
  pids+=($!)
  wait_for "$GRADIO_URL/config" "${pids[-1]}" "the test server"
  server_note="embedded test server, time scale $TIME_SCALE"
else
  GRADIO_URL=${GRADIO_URL%/}
  server_note="your app (it must allow this origin: Gradio allows localhost)"
fi

if [ -z "$GRADIO_WORK_URL" ]; then
  if in_use "$WORK_PORT"; then
    echo "error: port $WORK_PORT is taken. Use --work-port N for the work app, or --work-url URL (GRADIO_WORK_URL) for a work app already running." >&2
    exit 1
  fi
  GRADIO_WORK_URL="http://127.0.0.1:$WORK_PORT"
  # Time scale 1 whatever --time-scale says: the cancel page is about how long /work really takes.
  node_modules/.bin/tsx packages/test-server/src/cli.ts --app work --port "$WORK_PORT" &
  pids+=($!)
  wait_for "$GRADIO_WORK_URL/config" "${pids[-1]}" "the work app's test server"
  work_note="embedded test server, work app"
else
  GRADIO_WORK_URL=${GRADIO_WORK_URL%/}
  work_note="your work app"
fi

if in_use "$PORT"; then
  echo "error: port $PORT is taken; choose another with --port N (PLAYGROUND_PORT)." >&2
  exit 1
fi
(cd playground && GRADIO_URL="$GRADIO_URL" GRADIO_WORK_URL="$GRADIO_WORK_URL" exec node_modules/.bin/vite --port "$PORT" --strictPort --host "$HOST" --clearScreen false --logLevel warn) &
pids+=($!)
shown_host=$HOST
[ "$shown_host" = "0.0.0.0" ] && shown_host=127.0.0.1
base="http://$shown_host:$PORT"
wait_for "$base/" "${pids[-1]}" "the playground (Vite)"

cat <<TEXT

  gradio-jobs playground   $base/
    React                  $base/react/
    Vue                    $base/vue/
    Vanilla TS             $base/vanilla/
    Classic <script>       $base/classic/
    Web Worker             $base/worker/
    Contract               $base/contract/
    Cancel                 $base/cancel/
  Gradio app               $GRADIO_URL  ($server_note)
  Work app (Cancel page)   $GRADIO_WORK_URL  ($work_note)

  Try /slow with "Submit ×3" to watch queue positions move. Ctrl-C stops everything.

TEXT
wait -n "${pids[@]}" || true
echo "[dev] a server stopped; stopping the rest." >&2
