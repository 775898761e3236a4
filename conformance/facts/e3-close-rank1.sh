#!/usr/bin/env bash
# E3: like e2 MODE=close, but b waits at rank 1 (a1 runs, a2 waits, both in session s1): on 6.25 the closed stream is
# noticed at the session's next message, here the estimation sent when the queue moves.
# Usage: U=http://127.0.0.1:PORT bash e3-close-rank1.sh
source "$(dirname "$0")/lib.sh"; start e3
join s1$X 0 '["a1"]' >/dev/null; log "join /work a1 (s1)"; stream s1$X A; waitfor A process_starts
join s1$X 0 '["a2"]' >/dev/null; log "join /work a2 (s1)"
join s2$X 0 '["b"]' >/dev/null; log "join /work b (s2)"; stream s2$X B; waitfor B estimation
closestream B
sleep 0.1; join s3$X 0 '["c"]' >/dev/null; log "join /work c (s3)"; stream s3$X C
sleep 5.5; log "runs:"; runs
for s in B C; do echo "--- stream $s"; cut -c1-150 "$D/$s.txt"; done
kill "$SPID_A" "$SPID_B" "$SPID_C" 2>/dev/null
