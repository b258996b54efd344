#!/bin/sh
# Runs inside the VM for bench/startup.sh: vigil started RUNS times per
# backend (LSM monitoring, --enforce, tracepoint), each with the verifier's
# statistics, until agent-start; the seconds and libbpf's lines to the share.
OUT=/mnt/share/out
RUNS=${RUNS:-3}
for mode in lsm enforce tracepoint; do
	case $mode in
	lsm) flags="--backend lsm" ;;
	enforce) flags="--enforce" ;;
	tracepoint) flags="--backend tracepoint" ;;
	esac
	r=1
	while [ $r -le $RUNS ]; do
		d=$OUT/$mode-$r
		mkdir -p $d
		t0=$(cut -d' ' -f1 /proc/uptime)
		VIGIL_VERIFIER_STATS=1 /vigil -v $flags --output $d/vigil.json 2>$d/vigil.stderr &
		VP=$!
		until grep -q agent-start $d/vigil.json 2>/dev/null || ! kill -0 $VP 2>/dev/null; do usleep 20000; done
		t1=$(cut -d' ' -f1 /proc/uptime)
		echo "$t0 $t1" | awk '{ printf "%.2f\n", $2 - $1 }' >$d/start-seconds
		kill -TERM $VP
		wait $VP
		r=$((r + 1))
	done
done
exit 0
