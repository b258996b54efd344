#!/usr/bin/env bash
# Syscall overhead of vigil's tracepoint backend, measured side by side.
#
# Each round runs every workload with no agent, with an empty program on the
# raw sys_exit tracepoint vigil uses (floor-raw), with an empty program on the
# classic per-syscall tracepoint of each syscall vigil watches (floor-classic:
# the other mechanism a tracepoint agent could pick; bench/floor.bpf.c), and
# with vigil (output to a file), in turn, in one container (docker exec), so
# all four see the same machine state. The probe helper times its own loop (ns per operation).
# Reported: median ns/op per mode, the throughput ratio none/vigil (median,
# min, max over rounds), the nanoseconds vigil adds, and the target.
set -euo pipefail
cd "$(dirname "$0")/.."
. tests/integration/lib.sh
ROUNDS=${ROUNDS:-7}
RESULTS=${RESULTS:-bench/results}
mkdir -p "$RESULTS"
RAW="$RESULTS/raw.tsv"
[ "$(id -u)" = 0 ] || die "needs root"
make -s build/vigil build/bench/floor
ensure_dockerd
build_image
gcc -static -O2 -o "$WORK/probe" tests/helpers/probe.c

# name | where | probe arguments | target ratio
WORKLOADS=(
	"null-syscall|container|loop-null 3000000|0.90"
	"read-open-close|container|loop-read 300000 /etc/passwd|0.95"
	"noop-setresuid|container|loop-noop-setresuid 2000000|0.85"
	"host-read-open-close|host|loop-read 300000 /etc/passwd|0.95"
	"rootfs-write-event|container|loop-write 100000 /bench-file|0.80"
)

CTR=vigil-bench
docker rm -f "$CTR" >/dev/null 2>&1 || true
docker run -d --name "$CTR" --network none "$IMAGE" sleep 100000 >/dev/null
# The syscalls vigil watches, as classic tracepoint names (umount2's is umount).
WATCHED=$(grep -o '^	E([a-z0-9_]*,' user/syscall_table.c | tr -d '\tE(,' | sed 's/^umount2$/umount/')

trap 'docker rm -f "$CTR" >/dev/null 2>&1; [ -n "${FLOOR_PID:-}" ] && kill "$FLOOR_PID" 2>/dev/null; [ -n "${VIGIL_PID:-}" ] && kill "$VIGIL_PID" 2>/dev/null; true' EXIT

run_workload() { # where args... -> ns/op
	local where=$1
	shift
	if [ "$where" = host ]; then "$WORK/probe" "$@"; else docker exec "$CTR" probe "$@"; fi | awk '{print $3}'
}

: >"$RAW"
floor_start() { # raw | classic NAME...
	build/bench/floor "$@" >"$WORK/floor.out" 2>"$WORK/floor.err" &
	FLOOR_PID=$!
	until grep -q attached "$WORK/floor.out" 2>/dev/null; do
		kill -0 "$FLOOR_PID" 2>/dev/null || die "floor $1: $(tail -1 "$WORK/floor.err")"
		sleep 0.1
	done
}
TEST=bench
for round in $(seq 1 "$ROUNDS"); do
	for mode in none floor-raw floor-classic vigil; do
		[ "$mode" = vigil ] && vigil_start
		case $mode in
		floor-raw) floor_start raw ;;
		# shellcheck disable=SC2086
		floor-classic) floor_start classic $WATCHED ;;
		esac
		for w in "${WORKLOADS[@]}"; do
			IFS='|' read -r name where args _ <<<"$w"
			# shellcheck disable=SC2086
			printf '%s\t%s\t%s\t%s\n' "$round" "$mode" "$name" "$(run_workload "$where" $args)" >>"$RAW"
		done
		case $mode in floor-*) kill "$FLOOR_PID" && wait "$FLOOR_PID" ;; esac
		if [ "$mode" = vigil ]; then
			vigil_stop
			lost=$(lost_total)
			alerts=$(jq -s '[.[] | select(.event.action == "rootfs-write" and .file.path == "/bench-file")] | length' "$OUT")
			printf '%s\tevents\t%s\t%s\n' "$round" "$alerts" "$lost" >>"$RAW"
		fi
	done
	echo "round $round/$ROUNDS done" >&2
done

summarize() {
	awk -v modes=none,floor-raw,floor-classic,vigil -v judged=vigil \
		-v targets="$(printf '%s\n' "${WORKLOADS[@]}" | awk -F'|' '{printf "%s%s=%s", NR > 1 ? "," : "", $1, $4}')" \
		-f bench/summarize.awk "$RAW"
	awk -F'\t' '$2 == "events" { a = a " " $3 "+" $4 } END {
		print "\nrootfs-write-event: alerts per round (100000 writes) and lost:" a }' "$RAW"
	awk -F'\t' '$2 == "vigil" && $3 == "rootfs-write-event" { x[++n] = $4 } END {
		for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (x[j] < x[i]) { t = x[i]; x[i] = x[j]; x[j] = t }
		m = n % 2 ? x[(n + 1) / 2] : (x[n / 2] + x[n / 2 + 1]) / 2
		printf "rootfs-write events/s sustained by one writer (median): %.0f\n", 1e9 / m }' "$RAW"
}
summarize | tee "$RESULTS/summary.txt"
