#!/usr/bin/env bash
# How long vigil takes to start, and where the time goes: the verifier.
# Each start runs with VIGIL_VERIFIER_STATS=1 -v, so the kernel reports per
# program its verification time, instructions processed and states
# (bench/verifier-stats.awk). Start = from exec to the agent-start line.
#   bench/startup.sh          this host's kernel and backend, RUNS starts
#   bench/startup.sh --vm     also Debian's 6.12 and 6.1 in QEMU (LSM,
#                             --enforce, tracepoint): software emulation
#                             inflates every number, the shares hold
# Medians and ranges over runs; bench/results/startup-<kernel>.tsv holds
# every program load of every run.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
RUNS=${RUNS:-5}

# report NAME DIR...: per-start seconds and per-program verification from the run directories
report() {
	local name=$1 tsv="$RESULTS/startup-$1.tsv"
	shift
	: >"$tsv"
	for d in "$@"; do
		awk -f bench/verifier-stats.awk "$d/vigil.stderr" | sed "s|^|$(basename "$d")\t|" >>"$tsv"
	done
	echo "# $name: seconds to agent-start, median [range] of ${#@} starts"
	cat "${@/%//start-seconds}" | sort -g | awk '{ v[NR] = $1 } END { printf "start   %.2f s [%.2f-%.2f]\n", v[int((NR + 1) / 2)], v[1], v[NR] }'
	# the whole verifier time per start, then the programs that cost most (median over starts)
	awk -F'\t' '{ run[$1] += $3 } END { for (r in run) print run[r] / 1e6 }' "$tsv" | sort -g |
		awk '{ v[NR] = $1 } END { printf "verify  %.2f s [%.2f-%.2f] in all, per start\n", v[int((NR + 1) / 2)], v[1], v[NR] }'
	awk -F'\t' '{ t[$2] = t[$2] " " $3; n[$2] = $4; s[$2] = $5 } END { for (p in t) print p, n[p], s[p], t[p] }' "$tsv" |
		while read -r p insns states times; do
			# shellcheck disable=SC2086
			med=$(printf '%s\n' $times | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
			printf '%8.1f ms  %7s insns %6s states  %s\n' "$(echo "$med / 1000" | bc -l)" "$insns" "$states" "$p"
		done | sort -rn | awk 'NR <= 12' # reads to the end: head would SIGPIPE the pipeline
}

make -s build/vigil
mountpoint -q /sys/fs/bpf || mount -t bpf bpf /sys/fs/bpf
host=()
for r in $(seq 1 "$RUNS"); do
	d="$RESULTS/startup-host/$r"
	rm -rf "$d" && mkdir -p "$d"
	t0=$(date +%s.%N)
	VIGIL_VERIFIER_STATS=1 build/vigil -v --output "$d/vigil.json" 2>"$d/vigil.stderr" &
	vp=$!
	until grep -q agent-start "$d/vigil.json" 2>/dev/null || ! kill -0 "$vp" 2>/dev/null; do sleep 0.01; done
	awk -v s="$t0" -v e="$(date +%s.%N)" 'BEGIN { printf "%.2f\n", e - s }' >"$d/start-seconds"
	kill -TERM "$vp"
	wait "$vp" || true
	host+=("$d")
done
report "host-$(uname -r)" "${host[@]}"

[ "${1:-}" = --vm ] || exit 0
export GUEST=bench/startup-guest.sh VM=build/vm-startup
. tests/vm/lib.sh
set +e # qemu's status is the guest's verdict (boot, guest_finished), never 0
mkdir -p "$VM"
for k in $KERNELS; do
	fetch_kernel "$k"
	build_initramfs
	boot
	guest_finished || die "$KREL: the startup guest did not finish (see $VM/console-$KREL.log)"
	for mode in lsm enforce tracepoint; do
		report "$KREL-$mode" "$SHARE"/out/"$mode"-*
	done
done
