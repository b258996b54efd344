#!/usr/bin/env bash
# Syscall overhead of vigil's tracepoint backend and of its peers, measured
# side by side.
#
# Each round runs every workload with no agent, with an empty program on the
# raw sys_exit tracepoint (floor-raw: the mechanism vigil does not use, kept
# to show why), with an empty program on the classic per-syscall tracepoint of
# each syscall vigil watches (floor-classic: vigil's mechanism; bench/floor.bpf.c), with
# vigil (output to a file), with auditd and rules for the same detections
# (bench/peers/vigil.rules), and with a bpftrace script for them
# (bench/peers/vigil.bt), in turn, in one container (docker exec), so all
# see the same machine state. The probe helper times its own loop (ns per operation);
# each workload runs REPS times per mode and round and keeps its best.
# Reported: median ns/op per mode, the throughput ratio none/vigil (median,
# min, max over rounds), the nanoseconds vigil adds, and the target. Mode
# vigil-stats runs vigil again under the kernel's own accounting
# (kernel.bpf_stats_enabled) and reports, per workload and program, the
# runs per operation and the nanoseconds per run the kernel measured (not
# compared: the accounting itself costs two clock reads per run); mode
# floor-stats does the same for the empty floor_classic program, the
# accounting's own floor to read vigil's figures against.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
ROUNDS=${ROUNDS:-7}
REPS=${REPS:-5}
RAW="$RESULTS/raw.tsv"
bench_setup build/bench/floor
gcc -static -O2 -o "$WORK/probe" tests/helpers/probe.c

# name | where | probe arguments | target ratio
WORKLOADS=(
	"null-syscall|container|loop-null 3000000|0.90"
	"read-open-close|container|loop-read 300000 /etc/passwd|0.95"
	"noop-setresuid|container|loop-noop-setresuid 500000|0.85"
	"host-read-open-close|host|loop-read 300000 /etc/passwd|0.95"
	"rootfs-write-event|container|loop-write 100000 /bench-file|0.80"
	"fork-exec|container|loop-fork-exec 2000 /bin/true|-"
)
MODES=${MODES:-none floor-raw floor-classic vigil vigil-stats floor-stats auditd bpftrace}
for m in $MODES; do
	case $m in auditd | bpftrace) command -v "$m" >/dev/null || die "needs $m (make bench-deps)" ;; esac
done

CTR=vigil-bench
docker rm -f "$CTR" >/dev/null 2>&1 || true
docker run -d --name "$CTR" --network none "$IMAGE" sleep 100000 >/dev/null
# The syscalls vigil watches, by tracepoint name: E(name, ...) or E_TP(name, tracepoint, ...).
WATCHED=$(sed -n 's/^\tE(\([a-z0-9_]*\),.*/\1/p; s/^\tE_TP([a-z0-9_]*, *\([a-z0-9_]*\),.*/\1/p' user/kernel/syscall_table.c)

cleanup() { # whatever a failed round left running; a process already gone is fine
	docker rm -f "$CTR" >/dev/null 2>&1 || true
	kill "${FLOOR_PID:-}" "${VIGIL_PID:-}" 2>/dev/null || true
	auditd_stop || true
	bpftrace_stop || true
	sysctl -qw kernel.bpf_stats_enabled="$STATS_WAS" || true
}
trap cleanup EXIT

# The machine is noisy (a neighbour's load slows whole runs by up to 30 %): the
# best of REPS runs is the one least disturbed, as lmbench reports.
run_workload() { # where args... -> the best ns/op of REPS runs
	local where=$1 _
	shift
	for _ in $(seq 1 "$REPS"); do
		if [ "$where" = host ]; then "$WORK/probe" "$@"; else docker exec "$CTR" probe "$@"; fi | awk '{print $3}'
	done | sort -g | head -1
}

# vigil's programs and the floor's: name, runs, ns (kernel.bpf_stats_enabled), sorted for join
prog_stats() {
	bpftool prog show -j | jq -r '.[] | select(.name | startswith("vigil_") or startswith("floor_")) |
		"\(.name)\t\(.run_cnt // 0)\t\(.run_time_ns // 0)"' | LC_ALL=C sort
}
# one run of a workload under the accounting -> "round prog workload program ops runs ns" lines
run_stats() { # round name where args...
	local round=$1 name=$2 where=$3 ops
	shift 3
	prog_stats >"$WORK/stats.before"
	if [ "$where" = host ]; then "$WORK/probe" "$@"; else docker exec "$CTR" probe "$@"; fi >"$WORK/stats.out"
	prog_stats >"$WORK/stats.after"
	ops=$(awk '{ print $2 }' "$WORK/stats.out")
	LC_ALL=C join -t "$(printf '\t')" "$WORK/stats.before" "$WORK/stats.after" |
		awk -F'\t' -v r="$round" -v w="$name" -v ops="$ops" \
			'$4 > $2 { printf "%s\tprog\t%s\t%s\t%s\t%s\t%s\n", r, w, $1, ops, $4 - $2, $5 - $3 }'
}
STATS_WAS=$(sysctl -n kernel.bpf_stats_enabled)

: >"$RAW"
floor_start() { # raw | classic NAME...
	build/bench/floor "$@" >"$WORK/floor.out" 2>"$WORK/floor.err" &
	FLOOR_PID=$!
	until grep -q attached "$WORK/floor.out" 2>/dev/null; do
		kill -0 "$FLOOR_PID" 2>/dev/null || die "floor $1: $(tail -1 "$WORK/floor.err")"
		sleep 0.1
	done
}

# auditd, as a host would run it: the daemon writes the log, the rules come from a file.
AUDIT_LOG=$WORK/audit.log
auditd_start() {
	# Debian's configuration, logging to this run's directory
	sed -e "s|^log_file *=.*|log_file = $AUDIT_LOG|" -e "s|^max_log_file_action *=.*|max_log_file_action = IGNORE|" \
		/etc/audit/auditd.conf >"$WORK/auditd.conf"
	: >"$AUDIT_LOG"
	auditd -c "$WORK" -n >"$WORK/auditd.out" 2>&1 &
	AUDITD_PID=$!
	for _ in $(seq 1 50); do auditctl -s | grep -q "^pid $AUDITD_PID$" && break; sleep 0.1; done
	auditctl -s | grep -q "^pid $AUDITD_PID$" || die "auditd did not start: $(tail -3 "$WORK/auditd.out")"
	auditctl -R bench/peers/vigil.rules >/dev/null || die "auditctl -R"
	auditctl -e 1 >/dev/null
}
auditd_stop() {
	[ -n "${AUDITD_PID:-}" ] || return 0
	auditctl -D >/dev/null; auditctl -e 0 >/dev/null
	kill "$AUDITD_PID" 2>/dev/null; wait "$AUDITD_PID" 2>/dev/null || true
	AUDITD_PID=
}
# bpftrace: "host" is the cgroup this script runs in (the host workload's).
bpftrace_start() {
	local cg
	cg=$(stat -c %i "$(awk -F' ' '$9 == "cgroup2" { print $5; exit }' /proc/self/mountinfo)$(sed -n 's/^0:://p' /proc/self/cgroup)")
	bpftrace -o "$WORK/bpftrace.out" bench/peers/vigil.bt "$cg" 2>"$WORK/bpftrace.err" &
	BPFTRACE_PID=$!
	until grep -q '^Attaching' "$WORK/bpftrace.out" 2>/dev/null; do
		kill -0 "$BPFTRACE_PID" 2>/dev/null || die "bpftrace: $(tail -3 "$WORK/bpftrace.err")"
		sleep 0.2
	done
	sleep 0.5
}
bpftrace_stop() {
	[ -n "${BPFTRACE_PID:-}" ] || return 0
	kill -INT "$BPFTRACE_PID" 2>/dev/null; wait "$BPFTRACE_PID" 2>/dev/null || true
	BPFTRACE_PID=
}
# events the monitor reported for the write loop, and what it says it lost
events_of() { # mode -> "alerts<TAB>lost"
	case $1 in
	vigil)
		printf '%s\t%s' "$(jq -s '[.[] | select(.event.action == "rootfs-write" and .file.path == "/bench-file")] | length' "$OUT")" "$(lost_total)" ;;
	auditd)
		printf '%s\t%s' "$(cat "$AUDIT_LOG"* | grep -c 'name="/bench-file".*nametype=\(NORMAL\|CREATE\)')" \
			"$(auditctl -s | awk '$1 == "lost" { print $2 }')" ;;
	bpftrace)
		printf '%s\t%s' "$(grep -c '^rootfs-write .* /bench-file$' "$WORK/bpftrace.out")" \
			"$(grep -o 'Lost [0-9]* events' "$WORK/bpftrace.out" "$WORK/bpftrace.err" | awk '{ n += $2 } END { print n + 0 }')" ;;
	esac
}

TEST=bench
for round in $(seq 1 "$ROUNDS"); do
	for mode in $MODES; do
		if [ "$mode" = vigil-stats ] || [ "$mode" = floor-stats ]; then
			sysctl -qw kernel.bpf_stats_enabled=1
			# shellcheck disable=SC2086
			if [ "$mode" = vigil-stats ]; then vigil_start; else floor_start classic $WATCHED; fi
			for w in "${WORKLOADS[@]}"; do
				IFS='|' read -r name where args _ <<<"$w"
				# shellcheck disable=SC2086
				run_stats "$round" "$name" "$where" $args >>"$RAW"
			done
			if [ "$mode" = vigil-stats ]; then vigil_stop; else kill "$FLOOR_PID" && wait "$FLOOR_PID"; fi
			sysctl -qw kernel.bpf_stats_enabled="$STATS_WAS"
			continue
		fi
		case $mode in
		vigil) vigil_start ;;
		auditd) auditd_start ;;
		bpftrace) bpftrace_start ;;
		floor-raw) floor_start raw ;;
		# shellcheck disable=SC2086
		floor-classic) floor_start classic $WATCHED ;;
		esac
		for w in "${WORKLOADS[@]}"; do
			IFS='|' read -r name where args _ <<<"$w"
			# shellcheck disable=SC2086
			printf '%s\t%s\t%s\t%s\n' "$round" "$mode" "$name" "$(run_workload "$where" $args)" >>"$RAW"
		done
		case $mode in
		floor-*) kill "$FLOOR_PID" && wait "$FLOOR_PID" ;;
		vigil) vigil_stop ;;
		auditd) auditd_stop ;;
		bpftrace) bpftrace_stop ;;
		esac
		case $mode in
		vigil | auditd | bpftrace) printf '%s\tevents\t%s\t%s\n' "$round" "$mode" "$(events_of $mode)" >>"$RAW" ;;
		esac
	done
	echo "round $round/$ROUNDS done" >&2
done

summarize() {
	awk -v modes="$(echo $MODES | sed 's/ *vigil-stats//; s/ *floor-stats//' | tr ' ' ',')" -v judged=vigil -v tsv="$RESULTS/ratios.tsv" \
		-v targets="$(printf '%s\n' "${WORKLOADS[@]}" | awk -F'|' '{ printf("%s%s=%s", (NR > 1 ? "," : ""), $1, $4) }')" \
		-f bench/summarize.awk "$RAW"
	echo
	echo "rootfs-write-event: events each monitor reported per round ($REPS x 100000 writes) + what it reported lost:"
	awk -F'\t' '$2 == "events" { a[$3] = a[$3] " " $4 "+" $5 } END { for (m in a) printf "  %-9s%s\n", m, a[m] }' "$RAW" | sort
	awk -F'\t' '$2 == "vigil" && $3 == "rootfs-write-event" { x[++n] = $4 } END {
		if (!n) exit
		for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (x[j] < x[i]) { t = x[i]; x[i] = x[j]; x[j] = t }
		m = n % 2 ? x[(n + 1) / 2] : (x[n / 2] + x[n / 2 + 1]) / 2
		printf "rootfs-write events/s sustained by one writer under vigil (median): %.0f\n", 1e9 / m }' "$RAW"
	grep -q '	prog	' "$RAW" || return 0
	echo
	echo "vigil's programs and the empty floor_classic on the same tracepoints (floor-stats), as the kernel"
	echo "measured them (kernel.bpf_stats_enabled), median over rounds [range]:"
	printf '  %-22s %-28s %10s %22s %10s\n' workload program runs/op "ns/run" "ns/op"
	awk -F'\t' '$2 == "prog" { k = $3 "\t" $4; n[k]++; rpo[k, n[k]] = $6 / $5; npr[k, n[k]] = $7 / $6; npo[k, n[k]] = $7 / $5; keys[k] = 1 }
		function med(a, k, c,   i, j, t, x) {
			for (i = 1; i <= c; i++) x[i] = a[k, i]
			for (i = 1; i <= c; i++) for (j = i + 1; j <= c; j++) if (x[j] < x[i]) { t = x[i]; x[i] = x[j]; x[j] = t }
			lo = x[1]; hi = x[c]
			return c % 2 ? x[(c + 1) / 2] : (x[c / 2] + x[c / 2 + 1]) / 2 }
		END { for (k in keys) { split(k, p, "\t"); r = med(rpo, k, n[k]); m = med(npr, k, n[k]); l = lo; h = hi
			o = med(npo, k, n[k])
			printf "  %-22s %-28s %10.3f %8.0f [%5.0f-%5.0f] %10.1f\n", p[1], p[2], r, m, l, h, o } }' "$RAW" | sort
}
: >"$RESULTS/ratios.tsv"
summarize | tee "$RESULTS/summary.txt"
