#!/usr/bin/env bash
# Sustained event rate, ring buffer size, consumer CPU, and latency.
#
# Rate: W writers in one container each open a rootfs file for writing
# N times as fast as they can (every open is an event), with vigil writing to
# a file and a ring buffer of R MiB. Reported per (R, W): the events/s
# offered, the alerts delivered and the events reported lost (alerts + lost
# must equal offered), and vigil's CPU time (user + system) per 100k events.
# Latency: one writer paced at about 10,000 writes/s for 5 s, vigil writing
# to a pipe; bench/latency.py stamps each line on arrival and compares it
# with the alert's @timestamp (the kernel's time of the write): p50, p99, max.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
N=${N:-200000}
bench_setup
CTR=vigil-rate
docker rm -f "$CTR" >/dev/null 2>&1 || true
docker run -d --name "$CTR" --network none "$IMAGE" sleep 100000 >/dev/null
trap 'docker rm -f "$CTR" >/dev/null 2>&1; [ -n "${VIGIL_PID:-}" ] && kill "$VIGIL_PID" 2>/dev/null; true' EXIT
TICK=$(getconf CLK_TCK)
cpu_ticks() { awk '{ print $14 + $15 }' /proc/"$1"/stat; }

TEST=rate
{
printf '%-8s %-8s %14s %10s %8s %12s %16s\n' "ring MiB" writers "offered ev/s" delivered lost "alerts+lost" "CPU ms/100k ev"
for ring in 1 4 16; do
	for writers in 1 2; do
		vigil_start --ring-buffer "$ring"
		t0=$(cpu_ticks "$VIGIL_PID")
		for w in $(seq 1 "$writers"); do
			docker exec "$CTR" probe loop-write "$N" "/rate-$w" >"$WORK/w$w.out" &
		done
		wait $(jobs -p | grep -v "^$VIGIL_PID$") 2>/dev/null || true
		sleep 1	# the consumer drains what is left
		t1=$(cpu_ticks "$VIGIL_PID")
		vigil_stop
		offered=$((N * writers))
		delivered=$(jq -s '[.[] | select(.event.action == "rootfs-write" and (.file.path | startswith("/rate-")))] | length' "$OUT")
		lost=$(lost_total)
		# each writer timed its own loop: the offered rate is the sum of theirs
		rate=$(cat "$WORK"/w*.out | awk -v w="$writers" 'NR <= w { r += 1e9 / $3 } END { printf "%.0f", r }')
		printf '%-8s %-8s %14s %10s %8s %12s %16.1f\n' "$ring" "$writers" "$rate" "$delivered" "$lost" \
			"$((delivered + lost))/$offered" "$(awk -v d=$((t1 - t0)) -v hz="$TICK" -v n="$offered" 'BEGIN { print d * 1000 / hz / n * 100000 }')"
		rm -f "$WORK"/w*.out
	done
done
echo
# latency: a pipe, so each line is seen when vigil writes it
"$VIGIL" --output - 2>"$WORK/latency.stderr" | python3 bench/latency.py /lat- >"$WORK/latency.txt" &
for _ in $(seq 1 100); do pgrep -f "^$VIGIL --output -" >/dev/null && break; sleep 0.1; done
sleep 3	# attached (agent-start) before the writer starts
docker exec "$CTR" sh -c 'i=0; while [ $i -lt 500 ]; do probe loop-write 100 /lat-f >/dev/null; usleep 10000; i=$((i + 1)); done'
sleep 1
pkill -TERM -f "^$VIGIL --output -"
wait
cat "$WORK/latency.txt"
} | tee "$RESULTS/rate.txt"
