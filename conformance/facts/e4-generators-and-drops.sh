#!/usr/bin/env bash
# E4: (1) cancel a running /work_stream after 3 values; (2) close the stream of a running /work;
# (3) close the stream of a running /work_stream; then /work_stream g4 of another session shows the slot is free.
# Usage: U=http://127.0.0.1:PORT bash e4-generators-and-drops.sh
source "$(dirname "$0")/lib.sh"; start e4
e1=$(join s1$X 1 '["g1",20]'); log "join /work_stream g1 (s1)"; stream s1$X A; waitfor A '" 2"'
log "cancel g1: $(cancel s1$X 1 "$e1")"
sleep 0.3; join s2$X 0 '["w2"]' >/dev/null; log "join /work w2 (s2)"; stream s2$X B; waitfor B process_starts
sleep 0.3; closestream B
join s3$X 1 '["g3",20]' >/dev/null; log "join /work_stream g3 (s3)"; stream s3$X C; waitfor C '" 2"'; closestream C
sleep 0.05; join s4$X 1 '["g4",3]' >/dev/null; log "join /work_stream g4 (s4)"; stream s4$X E
sleep 2.5; log "runs:"; runs
kill "$SPID_A" "$SPID_B" "$SPID_C" "$SPID_E" 2>/dev/null
