#!/usr/bin/env bash
# Memory and churn: vigil's RSS and its BPF map entries while N containers
# (default 1,000) are started and removed one after another, each writing one
# file; then a process that checks a capability millions of times (the dedup
# window folds them). Map entries must come back to the baseline; RSS is
# reported. Writes bench/results/churn.tsv and prints a summary.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
N=${N:-1000}
CHECKS=${CHECKS:-2000000}
TSV="$RESULTS/churn.tsv"
bench_setup

TEST=churn
vigil_start --metrics 127.0.0.1:19311
trap 'kill "$VIGIL_PID" 2>/dev/null || true' EXIT

map_entries() { # map name -> entries (the newest map of that name: this vigil's)
	local id
	id=$(bpftool map show -j | jq -r --arg n "$1" '[.[] | select(.name == $n) | .id] | max')
	bpftool map dump id "$id" -j | jq length
}
rss_kib() { awk '$1 == "VmRSS:" { print $2 }' "/proc/$VIGIL_PID/status"; }
tracked() { curl -sf http://127.0.0.1:19311/metrics | awk '$1 == "vigil_containers_tracked" { print $2 }'; }
sample() { # label
	printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$(rss_kib)" "$(map_entries containers)" \
		"$(map_entries setup_procs)" "$(map_entries cap_dedup)" "$(tracked)" | tee -a "$TSV"
}

printf 'after\trss_kib\tcontainers_map\tsetup_procs_map\tcap_dedup_map\tcontainers_tracked\n' | tee "$TSV"
# warm-up: the first containers fill caches that stay (allocator arenas, metadata connections)
for i in $(seq 1 5); do docker run --rm --network none "$IMAGE" true >/dev/null; done
sleep 2
sample baseline
start=$(date +%s)
for i in $(seq 1 "$N"); do
	docker run --rm --network none "$IMAGE" sh -c 'echo x > /churn' >/dev/null
	[ $((i % 100)) = 0 ] && sample "$i"
done
elapsed=$(($(date +%s) - start))
sleep 3	# cgroup removal reaches vigil asynchronously
sample end
alerts_seen=$(count '.file.path == "/churn"')

# the dedup window under a flood of capability checks (tmpfs: no rootfs-write events)
docker run --rm --network none --tmpfs /t "$IMAGE" sh -c "touch /t/f; probe loop-chown $CHECKS /t/f" \
	>"$WORK/chown.out"
sleep 1
sample "dedup"
vigil_stop
cap_alerts=$(count '.event.action == "capability" and .vigil.capability.name == "CAP_CHOWN" and (.vigil.capability.window_end | not)')
folded=$(alerts '.vigil.capability.name == "CAP_CHOWN"' | jq -s 'map(.vigil.capability.count) | add')

awk -F'\t' -v n="$N" -v secs="$elapsed" -v seen="$alerts_seen" -v checks="$CHECKS" \
	-v cap_alerts="$cap_alerts" -v folded="$folded" -v chown="$(cat "$WORK/chown.out")" '
	$1 == "baseline" { b_rss = $2; b_c = $3; b_s = $4; b_t = $6 }
	$1 == "end" { e_rss = $2; e_c = $3; e_s = $4; e_t = $6 }
	$1 != "after" && $1 != "baseline" && $1 != "dedup" && $2 > max_rss { max_rss = $2 }
	$1 == "dedup" { d_rss = $2; d_map = $5 }
	END {
		printf "churn: %d containers in %d s, %d rootfs-write alerts (one per container expected)\n", n, secs, seen
		printf "  RSS KiB: baseline %d, max %d, end %d (%+d)\n", b_rss, max_rss, e_rss, e_rss - b_rss
		printf "  containers map: %d -> %d; setup_procs map: %d -> %d; tracked: %d -> %d  [%s]\n",
			b_c, e_c, b_s, e_s, b_t, e_t, (e_c == b_c && e_s == b_s && e_t == b_t) ? "back to baseline" : "NOT back to baseline"
		printf "dedup: %d chown calls, %d CAP_CHOWN checks (%s) -> %d alert(s); counts, window end included, sum to %d; cap_dedup map %d entries; RSS %d KiB\n",
			checks, 2 * checks, chown, cap_alerts, folded, d_map, d_rss
	}' "$TSV" | tee "$RESULTS/churn.txt"
