#!/usr/bin/env bash
# Runs the conformance contract against REAL Gradio 5.14.0, 5.45.0 and 6.25.0 (pnpm test:gradio).
#
#   conformance/run-real-gradio.sh [--versions "5.14.0 6.25.0"] [--json FILE] [--sequential] [-- VITEST_ARGS...]
#
# For each version:
# 1. provisions it with ../shared/real-gradio/setup.sh VERSION (a Debian chroot with Gradio; needs root; ~70 s for all
#    three the first time, under a second once cached in ~/.cache/real-gradio),
# 2. starts conformance/apps/{main,auth,queue_full,work,work_detect_disconnect,stream,render}.py on free ports with
#    GRADIO_VERSION=VERSION run.sh (versions one at a time: run.sh copies each app into the shared chroot),
# 3. runs conformance/vitest.gradio.config.ts against them (typegen, work-app, then the contract; test names carry
#    the version), with Vitest JSON results in FILE-VERSION.json when --json FILE.json is given,
# 4. stops that version's servers (by port, with stop.sh), whatever happened,
# then prints one line per version: passed, failed, seconds to start, seconds of the suite.
# By default the suites of all versions run at the same time once every server is up (~2 min for the three instead
# of ~3.5 min one after the other; the suites mostly wait on app sleeps, and each starts with its CPU-heavy
# type-check, before the timed scenarios). Each suite's output is held and printed whole, version by version.
#
# Nothing is skipped: a version that cannot be provisioned or started fails loudly, counts as one failed test in its
# JSON file, and makes the exit status 1; the other versions still run. Options and environment:
#   --versions "V ..."   which versions, in order (also GRADIO_VERSIONS; else GRADIO_VERSION alone; else all three)
#   --json FILE          Vitest JSON results, one file per version: FILE.json -> FILE-5.14.0.json, ... (also
#                        GRADIO_RESULTS_JSON)
#   --sequential         one version after the other, output live (also GRADIO_PARALLEL=0); --parallel: the default
#   -- VITEST_ARGS       passed on to Vitest, e.g. -- -t "cancel"
#   REAL_GRADIO_DIR      where setup.sh/run.sh/stop.sh live (default: ../shared/real-gradio beside the checkout)
# To run the contract against a Gradio you started yourself, skip this script: see conformance/README.md.
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
ALL_VERSIONS="5.14.0 5.45.0 6.25.0"
VERSIONS="${GRADIO_VERSIONS:-${GRADIO_VERSION:-$ALL_VERSIONS}}"
JSON_OUT="${GRADIO_RESULTS_JSON:-}"
PARALLEL="${GRADIO_PARALLEL:-1}"
VITEST_ARGS=()
# `pnpm test:gradio -- --json F` passes the -- on (pnpm 10): a leading -- before one of our own options is dropped.
case "${1:-} ${2:-}" in "-- --json"* | "-- --versions"* | "-- --sequential"* | "-- --parallel"*) shift ;; esac
while [ $# -gt 0 ]; do
  case "$1" in
    --json) JSON_OUT="${2:?--json needs a file}"; shift 2 ;;
    --json=*) JSON_OUT="${1#--json=}"; shift ;;
    --versions) VERSIONS="${2:?--versions needs a list}"; shift 2 ;;
    --versions=*) VERSIONS="${1#--versions=}"; shift ;;
    --parallel) PARALLEL=1; shift ;;
    --sequential) PARALLEL=0; shift ;;
    --) shift; VITEST_ARGS=("$@"); break ;;
    *) echo "usage: $0 [--versions \"V ...\"] [--json FILE] [--sequential] [-- VITEST_ARGS...]" >&2; exit 2 ;;
  esac
done
read -r -a VERSIONS <<< "${VERSIONS//,/ }"
[ "${#VERSIONS[@]}" -gt 0 ] || { echo "no Gradio version given" >&2; exit 2; }
[ -z "$JSON_OUT" ] || case "$JSON_OUT" in /*) ;; *) JSON_OUT="$PWD/$JSON_OUT" ;; esac
# Results always go to JSON files (a temporary folder without --json): the closing summary is read from them.
WORK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/real-gradio-run.XXXXXX")"
json_file() { # json_file VERSION
  if [ -n "$JSON_OUT" ]; then echo "${JSON_OUT%.json}-$1.json"; else echo "$WORK_DIR/$1.json"; fi
}

declare -A STATUS=() SECONDS_OF=() NOTE=()
# fail_version VERSION MESSAGE: explain, record one failed test for that version's summary.
fail_version() {
  [ -n "${QUIET:-}" ] || echo "real-gradio conformance, Gradio $1: $2" >&2
  STATUS[$1]=1; NOTE[$1]="$2"
  local file; file="$(json_file "$1")"
  mkdir -p "$(dirname "$file")"
  node -e 'process.stdout.write(JSON.stringify({step: process.argv[1], passed: 0, failed: 1, error: process.argv[2]}))' \
    "real-gradio-$1" "$2" > "$file"
}
# fail_all MESSAGE: nothing can run; every requested version fails with MESSAGE.
fail_all() {
  echo "real-gradio conformance (Gradio ${VERSIONS[*]}): $1" >&2
  for v in "${VERSIONS[@]}"; do QUIET=1 fail_version "$v" "$1"; done
  rm -rf "$WORK_DIR"
  exit 1
}

REAL_GRADIO="${REAL_GRADIO_DIR:-$ROOT/../shared/real-gradio}"
[ -x "$REAL_GRADIO/setup.sh" ] && [ -x "$REAL_GRADIO/run.sh" ] && [ -x "$REAL_GRADIO/stop.sh" ] \
  || fail_all "missing $REAL_GRADIO/{setup,run,stop}.sh: check out 'shared/' beside the repository, or set REAL_GRADIO_DIR."
[ "$(id -u)" = 0 ] \
  || fail_all "provisioning real Gradio needs root (debootstrap, unshare and chroot in $REAL_GRADIO/setup.sh); run as root, e.g. sudo -E corepack pnpm test:gradio."
[ -x "$ROOT/node_modules/.bin/vitest" ] || fail_all "the workspace is not installed: run 'corepack pnpm install' first."
for tool in node curl unshare; do
  command -v "$tool" >/dev/null 2>&1 || fail_all "'$tool' is not installed; $REAL_GRADIO/setup.sh and run.sh need it."
done

now_ms() { date +%s%3N; }
T_ALL=$(now_ms)

# free_ports N: N distinct free TCP ports on 127.0.0.1.
free_ports() {
  node -e '
    const net = require("node:net");
    const servers = Array.from({ length: Number(process.argv[1]) }, () => net.createServer());
    Promise.all(servers.map((s) => new Promise((ok) => s.listen(0, "127.0.0.1", () => ok(s.address().port)))))
      .then((ports) => { console.log(ports.join(" ")); servers.forEach((s) => s.close()); });
  ' "$1"
}

APPS=(main auth queue_full work work_detect_disconnect stream render)
declare -A PORTS_OF=() T_START=() START_S=() T_SUITE=()
ALL_PORTS=()
# stop_ports PORT...: stop.sh for each, all at once (each waits up to 5 s for its server to exit).
stop_ports() {
  local port pids=()
  for port in "$@"; do "$REAL_GRADIO/stop.sh" "$port" >/dev/null 2>&1 & pids+=($!); done
  [ "${#pids[@]}" = 0 ] || wait "${pids[@]}"
}
stop_version() { # stop_version VERSION
  local ports
  read -r -a ports <<< "${PORTS_OF[$1]:-}"
  stop_ports "${ports[@]}"
  PORTS_OF[$1]=""
}
stop_all() {
  stop_ports "${ALL_PORTS[@]}"
  rm -rf "$WORK_DIR"
}
trap stop_all EXIT
trap 'exit 130' INT TERM

# start_version VERSION: provision it and start its apps; returns 1 (after fail_version) if impossible.
# Versions start one at a time: run.sh copies each app into the shared chroot under its own file name.
start_version() {
  local v=$1
  T_START[$v]=$(now_ms)
  echo "=== real Gradio $v: provisioning with $REAL_GRADIO/setup.sh $v"
  "$REAL_GRADIO/setup.sh" "$v" || { fail_version "$v" "$REAL_GRADIO/setup.sh $v failed (see its output above); the contract did not run."; return 1; }
  local ports; read -r -a ports < <(free_ports "${#APPS[@]}")
  PORTS_OF[$v]="${ports[*]}"; ALL_PORTS+=("${ports[@]}")
  echo "=== real Gradio $v: starting ${APPS[*]} on ports ${ports[*]}"
  local pids=() i started=0
  for i in "${!APPS[@]}"; do
    GRADIO_VERSION="$v" "$REAL_GRADIO/run.sh" "$HERE/apps/${APPS[$i]}.py" "${ports[$i]}" & pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" && started=$((started + 1)); done
  if [ "$started" != "${#APPS[@]}" ]; then
    fail_version "$v" "only $started of ${#APPS[@]} Gradio $v apps started (their logs: ${REAL_GRADIO_RUN_DIR:-/tmp/real-gradio}/PORT.log)."
    stop_version "$v"; return 1
  fi
  START_S[$v]=$(( ($(now_ms) - T_START[$v]) / 1000 ))
  echo "    Gradio $v ready after ${START_S[$v]} s"
}

# suite VERSION: the Vitest run against that version's servers (environment from its ports).
suite() {
  local v=$1 ports; read -r -a ports <<< "${PORTS_OF[$v]}"
  local file; file="$(json_file "$v")"; mkdir -p "$(dirname "$file")"
  cd "$ROOT" && GRADIO_VERSION="$v" \
    GRADIO_MAIN_URL="http://127.0.0.1:${ports[0]}" \
    GRADIO_AUTH_URL="http://127.0.0.1:${ports[1]}" \
    GRADIO_QUEUE_FULL_URL="http://127.0.0.1:${ports[2]}" \
    GRADIO_WORK_URL="http://127.0.0.1:${ports[3]}" \
    GRADIO_WORK_DETECT_URL="http://127.0.0.1:${ports[4]}" \
    GRADIO_STREAM_URL="http://127.0.0.1:${ports[5]}" \
    GRADIO_RENDER_URL="http://127.0.0.1:${ports[6]}" \
    GRADIO_AUTH="user:pass" \
    node_modules/.bin/vitest run --config conformance/vitest.gradio.config.ts \
      --reporter=default --reporter=json "--outputFile.json=$file" "${VITEST_ARGS[@]}"
}

finish_version() { # finish_version VERSION EXIT_STATUS
  STATUS[$1]=$2
  SECONDS_OF[$1]="start ${START_S[$1]} s, suite $(( ($(now_ms) - T_SUITE[$1]) / 1000 )) s"
  [ "$2" = 0 ] || NOTE[$1]="vitest exit $2"
}

if [ "$PARALLEL" = 1 ] && [ "${#VERSIONS[@]}" -gt 1 ]; then
  for v in "${VERSIONS[@]}"; do start_version "$v"; done
  declare -A SUITE_PID=()
  for v in "${VERSIONS[@]}"; do
    [ -n "${PORTS_OF[$v]:-}" ] || continue
    echo "=== real Gradio $v: contract suite (output held until all versions are done)"
    T_SUITE[$v]=$(now_ms)
    suite "$v" > "$WORK_DIR/$v.log" 2>&1 & SUITE_PID[$v]=$!
  done
  for v in "${VERSIONS[@]}"; do
    [ -n "${SUITE_PID[$v]:-}" ] || continue
    wait "${SUITE_PID[$v]}"; finish_version "$v" $?
    echo "=== real Gradio $v: suite output"; cat "$WORK_DIR/$v.log"
    stop_version "$v"
  done
else
  for v in "${VERSIONS[@]}"; do
    start_version "$v" || continue
    echo "=== real Gradio $v: contract suite"
    T_SUITE[$v]=$(now_ms)
    suite "$v"; finish_version "$v" $?
    stop_version "$v"
    echo "=== real Gradio $v: done (${SECONDS_OF[$v]}; ${NOTE[$v]:-vitest exit 0})"
  done
fi

echo "=== real Gradio: per-version results ($(( ($(now_ms) - T_ALL) / 1000 )) s in all$([ "$PARALLEL" = 1 ] && [ "${#VERSIONS[@]}" -gt 1 ] && echo ", parallel"))"
failed=0
for v in "${VERSIONS[@]}"; do
  counts=$(node -e '
    try {
      const d = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
      const p = d.numPassedTests ?? d.passed ?? 0;
      const f = (d.numFailedTests ?? d.failed ?? 0) + (d.numRuntimeErrorTestSuites ?? 0);
      console.log(`${p} passed, ${f || (d.success === false ? 1 : 0)} failed`);
    } catch { console.log("no results"); }
  ' "$(json_file "$v")")
  echo "  Gradio $v: $counts${SECONDS_OF[$v]:+ (${SECONDS_OF[$v]})}${NOTE[$v]:+; $(echo "${NOTE[$v]}" | cut -c1-120)}"
  [ "${STATUS[$v]:-1}" = 0 ] || failed=1
done
exit "$failed"
