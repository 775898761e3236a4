#!/usr/bin/env bash
# E5: session S opens GET {P}/heartbeat/S, joins /work a (runs) and b (waits), closes the heartbeat after 1 s, then
# polls /unloaded every 0.1 s for 3 s. Run it on work.py and on work_detect_disconnect.py.
# Usage: U=http://127.0.0.1:PORT [WAIT=s] bash e5-heartbeat.sh
source "$(dirname "$0")/lib.sh"; start "e5-${U##*:}"
S=hb$X
curl -sN "$U$P/heartbeat/$S" > "$D/hb.txt" & HB=$!; log "heartbeat opened"
join "$S" 0 '["a"]' >/dev/null; join "$S" 0 '["b"]' >/dev/null; log "joined /work a and b in $S"; stream "$S" A
sleep 1; kill "$HB"; log "heartbeat closed"
for _ in $(seq 1 30); do u=$(unloaded); [[ $u == *$S* ]] && { log "unloaded: $u"; break; }; sleep 0.1; done
[[ $u == *$S* ]] || log "not unloaded after 3 s: $u"
sleep "${WAIT:-2}"; log "runs:"; runs; log "unloaded: $(unloaded)"
kill "$SPID_A" 2>/dev/null
