#!/usr/bin/env bash
# What drift (docs/drift.md) costs, on this host's backend, measured against
# the same agent with --drift off in the same run:
# - per exec: a fork+exec loop in a container (the probe times its own loop,
#   best of REPS), and the kernel's own time for the drift program per run
#   (kernel.bpf_stats_enabled: run_time_ns / run_cnt of vigil_drift_exec or
#   vigil_lsm_bprm_check);
# - per write: the write-open loop on the root filesystem (one lookup in
#   drift_written per open of a file already recorded), and the kernel time
#   of every vigil program per write-open, drift on against off;
# - memory: drift_written's bytes (bpftool's memlock) after a container wrote
#   4,096 distinct files (its bound), and the tracking-full alert.
# ROUNDS rounds alternate the modes; medians and ranges over rounds.
# Writes bench/results/drift.tsv and prints a summary.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
ROUNDS=${ROUNDS:-5}
REPS=${REPS:-3}
TSV="$RESULTS/drift.tsv"
bench_setup
CTR=vigil-bench-drift
docker rm -f "$CTR" >/dev/null 2>&1 || true
docker run -d --name "$CTR" --network none "$IMAGE" sleep 100000 >/dev/null
STATS_WAS=$(sysctl -n kernel.bpf_stats_enabled)
trap 'docker rm -f "$CTR" >/dev/null 2>&1; [ -n "${VIGIL_PID:-}" ] && kill "$VIGIL_PID" 2>/dev/null;
	sysctl -qw kernel.bpf_stats_enabled="$STATS_WAS"; true' EXIT
sysctl -qw kernel.bpf_stats_enabled=1

best() { # probe args... -> the best ns/op of REPS runs
	local _
	for _ in $(seq 1 "$REPS"); do docker exec "$CTR" probe "$@" | awk '{print $3}'; done | sort -g | head -1
}
# kernel_ns NAME_REGEX: run_time_ns and run_cnt summed over vigil's programs whose name matches
kernel_ns() {
	bpftool prog show -j | jq -r --arg re "$1" \
		'[.[] | select((.name // "") | test($re))] | "\(map(.run_time_ns // 0) | add // 0) \(map(.run_cnt // 0) | add // 0)"'
}

TEST=drift
printf 'round\tmode\tfork_exec_ns\twrite_open_ns\tdrift_prog_ns_per_run\tall_progs_ns_per_write\n' >"$TSV"
for r in $(seq 1 "$ROUNDS"); do
	for mode in off monitor; do
		vigil_start --drift "$mode"
		fe=$(best loop-fork-exec 2000 /bin/true)
		read -r dt dc < <(kernel_ns '^vigil_(drift_exec|lsm_bprm_check)$')
		read -r t0 _ < <(kernel_ns '^vigil_')
		wr=$(best loop-write 100000 /bench-drift)
		read -r t1 _ < <(kernel_ns '^vigil_')
		vigil_stop
		printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$r" "$mode" "$fe" "$wr" \
			"$(awk -v t="$dt" -v c="$dc" 'BEGIN { print c ? t / c : "-" }')" \
			"$(awk -v d=$((t1 - t0)) -v n=$((100000 * REPS)) 'BEGIN { printf "%.0f", d / n }')" >>"$TSV"
	done
done

# memory at the bound: one container writes 4,200 distinct files
vigil_start
docker exec "$CTR" sh -c 'mkdir -p /dm && i=0; while [ $i -lt 4200 ]; do : > /dm/f$i; i=$((i+1)); done'
sleep 1
mem=$(bpftool map show name drift_written -j | jq '.bytes_memlock')
entries=$(bpftool map dump name drift_written -j | jq length)
vigil_stop
full=$(jq -s '[.[] | select(.vigil.drift.tracking_full == true)] | length' "$OUT")

awk -F'\t' -v mem="$mem" -v entries="$entries" -v full="$full" '
NR == 1 { next }
{ fe[$2] = fe[$2] " " $3; wr[$2] = wr[$2] " " $4; if ($2 == "monitor") { dp = dp " " $5 } ; ap[$2] = ap[$2] " " $6 }
function med(s,   a, n, i, j, t) { n = split(s, a, " "); for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
	lo = a[1]; hi = a[n]; return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
END {
	printf "fork+exec ns/op   drift off %.0f, monitor %.0f (median over rounds); added %.0f ns\n", med(fe["off"]), med(fe["monitor"]), med(fe["monitor"]) - med(fe["off"])
	printf "write-open ns/op  drift off %.0f, monitor %.0f; added %.0f ns\n", med(wr["off"]), med(wr["monitor"]), med(wr["monitor"]) - med(wr["off"])
	m = med(dp); printf "drift program, kernel ns per exec: median %.0f (range %.0f-%.0f)\n", m, lo, hi
	printf "all vigil programs, kernel ns per write-open: off %.0f, monitor %.0f\n", med(ap["off"]), med(ap["monitor"])
	printf "drift_written at the bound: %s entries, %s bytes memlock; tracking-full alerts: %s\n", entries, mem, full
}' "$TSV" | tee "$RESULTS/drift.txt"
