#!/usr/bin/env bash
# E1: cancel a running /work (async, 1.5 s). Is the run recorded as cancelled, and does the slot free at once?
# Usage: U=http://127.0.0.1:PORT bash e1-cancel-running.sh   (U: conformance/apps/work.py on the Gradio to test)
source "$(dirname "$0")/lib.sh"; start e1
eA=$(join s1$X 0 '["a"]'); log "join /work a (session s1)"; stream s1$X A
waitfor A process_starts; sleep 0.5
log "cancel a: $(cancel s1$X 0 "$eA")"
join s2$X 0 '["b"]' >/dev/null; log "join /work b (session s2)"; stream s2$X B
sleep 2.3; log "runs:"; runs
for s in A B; do echo "--- stream $s"; cut -c1-150 "$D/$s.txt"; done
kill "$SPID_A" "$SPID_B" 2>/dev/null
