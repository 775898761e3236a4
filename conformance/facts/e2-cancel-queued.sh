#!/usr/bin/env bash
# E2: /work b waits, alone in its own session s2, behind /work a of session s1. MODE says what the client does:
#   keep         cancel b, keep s2's stream open (the server ends it with close_stream)
#   cancelclose  cancel b, close s2's stream as soon as the cancel is answered
#   closecancel  close s2's stream, then cancel b
#   close        close s2's stream, no cancel
# A probe /work c (session s3) joins PROBE_DELAY s later (default 0.1); its rank says whether b still waits, and the
# run log says whether b ever ran.
# Usage: MODE=keep U=http://127.0.0.1:PORT bash e2-cancel-queued.sh
source "$(dirname "$0")/lib.sh"; start "e2-${MODE:?MODE=keep|cancelclose|closecancel|close}"
join s1$X 0 '["a"]' >/dev/null; log "join /work a (s1)"; stream s1$X A; waitfor A process_starts
eB=$(join s2$X 0 '["b"]'); log "join /work b (s2)"; stream s2$X B; waitfor B estimation
case $MODE in
  keep) log "cancel b: $(cancel s2$X 0 "$eB")" ;;
  cancelclose) log "cancel b: $(cancel s2$X 0 "$eB")"; closestream B ;;
  closecancel) closestream B; log "cancel b: $(cancel s2$X 0 "$eB")" ;;
  close) closestream B ;;
esac
sleep "${PROBE_DELAY:-0.1}"; join s3$X 0 '["c"]' >/dev/null; log "join /work c (s3)"; stream s3$X C
sleep "${WAIT:-4}"; log "runs:"; runs
for s in B C; do echo "--- stream $s"; cut -c1-150 "$D/$s.txt"; done
kill "$SPID_A" "$SPID_B" "$SPID_C" 2>/dev/null
