# curl helpers for the cancel and session measurements of conformance/README.md ("Cancel and session facts measured
# here"). Sourced by the e*.sh scripts; they need U (the work app's URL) and print times relative to their start.
P=/gradio_api
OUT="${OUT:-${TMPDIR:-/tmp}/cancel-facts}"
now() { perl -MTime::HiRes=time -e 'printf "%.3f", time-$ENV{T0}'; }
log() { echo "+$(now) $*"; }
# join SESSION FN DATA_JSON: POST {P}/queue/join, prints the event id.
join() { curl -s -X POST "$U$P/queue/join" -H 'content-type: application/json' \
  -d "{\"data\":$3,\"fn_index\":$2,\"session_hash\":\"$1\",\"event_data\":null,\"trigger_id\":null}" \
  | perl -ne 'print $1 if /"event_id":\s*"([^"]+)"/'; }
# stream SESSION NAME: opens the session's event stream in the background; frames go to $D/NAME.txt with times.
stream() {
  local f="$D/$2.fifo"; rm -f "$f"; mkfifo "$f"
  curl -sN "$U$P/queue/data?session_hash=$1" > "$f" & eval "SPID_$2=$!"
  perl -MTime::HiRes=time -ne '$|=1; printf "+%.3f %s", time-$ENV{T0}, $_ if /\S/' < "$f" > "$D/$2.txt" &
}
closestream() { local v="SPID_$1"; kill "${!v}" 2>/dev/null; log "closed stream $1"; }
cancel() { curl -s -X POST "$U$P/cancel" -H 'content-type: application/json' \
  -d "{\"session_hash\":\"$1\",\"fn_index\":$2,\"event_id\":\"$3\"}"; }
# runs: the work app's run log, one line per run, times relative to the script's start.
runs() { curl -s -X POST "$U$P/run/runs" -H 'content-type: application/json' -d '{"data":[]}' | python3 -c '
import json, os, sys
t0 = float(os.environ["T0"])
for r in json.load(sys.stdin)["data"][0]:
    ended = "+%.3f" % (r["ended"] - t0) if r["ended"] else None
    print("   run", r["fn"], r["text"], r["session"], "started +%.3f" % (r["started"] - t0), "ended", ended, r["outcome"])'; }
reset() { curl -s -X POST "$U$P/run/reset_runs" -H 'content-type: application/json' -d '{"data":[]}' >/dev/null; }
unloaded() { curl -s -X POST "$U$P/run/unloaded" -H 'content-type: application/json' -d '{"data":[]}' \
  | perl -ne 'print $1 if /"unloaded":\s*(\[[^\]]*\])/'; }
# waitfor NAME TEXT: waits (up to 2 s) until stream NAME has a frame containing TEXT.
waitfor() { for _ in $(seq 1 100); do grep -q "$2" "$D/$1.txt" 2>/dev/null && return 0; sleep 0.02; done; log "timeout waiting for $2 in $1"; }
start() { # start NAME: T0, a fresh output folder $D, an empty run log
  export T0; T0=$(date +%s.%N); D="$OUT/$1"; rm -rf "$D"; mkdir -p "$D"; reset; X=$RANDOM
}
