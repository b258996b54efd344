#!/usr/bin/env bash
# Syscall overhead of vigil's tracepoint backend, measured side by side.
#
# Each round runs every workload with no agent, with only an empty program on
# the same tracepoint (the mechanism's floor, bench/floor.bpf.c), and with
# vigil (output to a file), in turn, in one container (docker exec), so all
# three see the same machine state. The probe helper times its own loop (ns per operation).
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
trap 'docker rm -f "$CTR" >/dev/null 2>&1; [ -n "${VIGIL_PID:-}" ] && kill "$VIGIL_PID" 2>/dev/null; true' EXIT

run_workload() { # where args... -> ns/op
	local where=$1
	shift
	if [ "$where" = host ]; then "$WORK/probe" "$@"; else docker exec "$CTR" probe "$@"; fi | awk '{print $3}'
}

: >"$RAW"
TEST=bench
for round in $(seq 1 "$ROUNDS"); do
	for mode in none floor vigil; do
		[ "$mode" = vigil ] && vigil_start
		if [ "$mode" = floor ]; then
			build/bench/floor >"$WORK/floor.out" &
			FLOOR_PID=$!
			until grep -q attached "$WORK/floor.out" 2>/dev/null; do sleep 0.1; done
		fi
		for w in "${WORKLOADS[@]}"; do
			IFS='|' read -r name where args _ <<<"$w"
			# shellcheck disable=SC2086
			printf '%s\t%s\t%s\t%s\n' "$round" "$mode" "$name" "$(run_workload "$where" $args)" >>"$RAW"
		done
		[ "$mode" = floor ] && { kill "$FLOOR_PID"; wait "$FLOOR_PID"; }
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
	awk -F'\t' -v targets="$(printf '%s\n' "${WORKLOADS[@]}" | awk -F'|' '{printf "%s=%s,", $1, $4}')" '
	function median(a, n,   i, j, t) {
		for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
		return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	}
	BEGIN { split(targets, tv, ","); for (k in tv) { split(tv[k], p, "="); if (p[1] != "") target[p[1]] = p[2]; order[++nw] = p[1] } }
	$2 == "events" { ev[++ne] = $3; lo[ne] = $4; next }
	{ v[$3, $2, $1] = $4; rounds[$1] = 1 }
	END {
		printf "%-22s %10s %10s %10s %7s %7s %7s %8s %11s %6s %s\n", "workload", "none ns", "floor ns", "vigil ns", "ratio", "min", "max", "added ns", "floor ratio", "target", ""
		for (w = 1; w <= nw; w++) {
			name = order[w]; if (name == "") continue
			n = 0
			for (r in rounds) { n++; a[n] = v[name, "none", r]; b[n] = v[name, "vigil", r]; c[n] = v[name, "floor", r]; q[n] = a[n] / b[n]; fq[n] = a[n] / c[n] }
			mn = q[1]; mx = q[1]; for (i = 1; i <= n; i++) { if (q[i] < mn) mn = q[i]; if (q[i] > mx) mx = q[i] }
			ma = median(a, n); mb = median(b, n); mc = median(c, n); mq = median(q, n); mf = median(fq, n)
			printf "%-22s %10.1f %10.1f %10.1f %7.3f %7.3f %7.3f %8.1f %11.3f %6s %s\n", name, ma, mc, mb, mq, mn, mx, mb - ma, mf, target[name], (mq >= target[name] ? "met" : "MISSED")
			if (name == "rootfs-write-event") events_per_s = 1e9 / mb
		}
		printf "\nrootfs-write events/s sustained by one writer (median): %.0f", events_per_s
		printf "\nrootfs-write-event: alerts per round (100000 writes) and lost:"
		for (i = 1; i <= ne; i++) printf " %d+%d", ev[i], lo[i]
		printf "\n"
	}' "$RAW"
}
summarize | tee "$RESULTS/summary.txt"
