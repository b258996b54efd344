#!/usr/bin/env bash
# The policy (docs/policy.md), measured:
# 1. The metadata race: N containers per runtime (Docker, containerd via ctr, Podman) whose first
#    action is a root-filesystem write, under a rule that matches their image and sets rootfs off,
#    with `pending: monitor`. A write that raises an alert ran before vigil had placed the container
#    under its rule: "placed in time" = N minus those.
# 2. A policy of 1,000 rules and 10,000 paths: --check-policy's time, and a reload's (SIGHUP to the
#    policy-loaded line) in a running agent.
# Writes bench/results/policy.tsv and prints a summary.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
. tests/integration/test_runtimes.sh # import_ctr_image, ensure_podman_image, PODMAN_RUN
N=${N:-100}
TSV="$RESULTS/policy.tsv"
bench_setup

TEST=policy-race
POL=$WORK/race.yaml
cat >"$POL" <<'EOF'
version: 1
defaults: {rootfs: monitor, pending: monitor}
rules:
  - name: race
    match: {image: "*vigil-test/busybox*"}
    rootfs: off
EOF
import_ctr_image
ensure_podman_image
vigil_start --policy "$POL"
for i in $(seq 1 "$N"); do
	docker run --rm --network none --name "vigil-race-d-$$-$i" "$IMAGE" sh -c 'echo x > /race-docker' >/dev/null
	ctr -n default run --rm "$CTR_IMAGE" "vigil-race-c-$$-$i" sh -c 'echo x > /race-ctr' >/dev/null
	"${PODMAN_RUN[@]}" --name "vigil-race-p-$$-$i" "$PODMAN_IMAGE" sh -c 'echo x > /race-podman' >/dev/null
done
vigil_stop
printf 'runtime\tcontainers\tplaced_in_time\tpending_alerts\n' | tee "$TSV"
for rt in docker ctr podman; do
	late=$(count '.file.path == "/race-'"$rt"'"')
	pend=$(count '.file.path == "/race-'"$rt"'" and .vigil.policy.pending == true')
	printf '%s\t%s\t%s\t%s\n' "$rt" "$N" "$((N - late))" "$pend" | tee -a "$TSV"
done

TEST=policy-scale
BIG=$WORK/big.yaml
python3 - "$BIG" <<'EOF'
import sys
with open(sys.argv[1], "w") as f:
    f.write("version: 1\ndefaults: {rootfs: monitor}\nrules:\n")
    for r in range(1000):
        f.write("  - name: rule-%d\n    match: {image: \"registry.example/team-%d/app-*\", labels: {tier: \"t%d\"}}\n"
                "    rootfs: monitor\n    allow_writes: [%s]\n"
                % (r, r, r, ", ".join("/var/lib/app-%d/dir-%d/" % (r, p) for p in range(10))))
EOF
check_ms=$( { TIMEFORMAT=%R; time "$VIGIL" --check-policy "$BIG" >/dev/null; } 2>&1 | awk '{ print $1 * 1000 }')
printf 'version: 1\n' >"$WORK/live.yaml"
vigil_start --policy "$WORK/live.yaml"
cp "$BIG" "$WORK/live.yaml.new"
t0=$(date +%s.%N)
mv "$WORK/live.yaml.new" "$WORK/live.yaml"
until [ "$(jq -s '[.[] | select(.event.action == "policy-loaded")] | length' "$OUT")" -ge 2 ]; do sleep 0.01; done
t1=$(date +%s.%N)
vigil_stop
reload_ms=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", (b - a) * 1000 }')
printf 'policy\trules\tpaths\tcheck_ms\treload_ms\n' | tee -a "$TSV"
printf 'big\t1000\t10000\t%s\t%s\n' "$check_ms" "$reload_ms" | tee -a "$TSV"

# 3. What the allow-list costs the kernel: a container opening one file for writing in a loop, under
#    no policy (every open an alert) and under a rule allowing it (every open a lookup, no alert),
#    in ns per open of all vigil programs together, from the kernel's own run-time statistics.
TEST=policy-cost
OPS=${OPS:-20000}
vigil_ns() { # total run_time_ns and run_cnt of every loaded vigil program
	bpftool prog show -j | jq '[.[] | select(.name | startswith("vigil_"))] | [(map(.run_time_ns // 0) | add), (map(.run_cnt // 0) | add)] | @tsv' -r
}
printf 'version: 1\nrules:\n  - name: cost\n    match: {image: "*vigil-test/busybox*"}\n    allow_writes: [/var/cache/app/]\n' >"$WORK/cost.yaml"
prev=$(sysctl -n kernel.bpf_stats_enabled)
sysctl -qw kernel.bpf_stats_enabled=1
printf 'loop\tops\tns_per_op\talerts\n' | tee -a "$TSV"
for mode in none allow; do
	if [ $mode = allow ]; then vigil_start --policy "$WORK/cost.yaml"; else vigil_start; fi
	docker run -d --rm --network none --name "vigil-cost-$$" "$IMAGE" sh -c \
		'mkdir -p /var/cache/app; sleep 1; probe loop-write '"$OPS"' /var/cache/app/f' >/dev/null
	sleep 0.8 # the mkdir and the rule placed, before the counters are read
	read -r t0 c0 < <(vigil_ns)
	docker wait "vigil-cost-$$" >/dev/null 2>&1 || true
	read -r t1 c1 < <(vigil_ns)
	vigil_stop
	printf '%s\t%s\t%s\t%s\n' "$mode" "$OPS" "$(awk -v a="$t0" -v b="$t1" -v n="$OPS" 'BEGIN { printf "%.0f", (b - a) / n }')" \
		"$(count '.file.path == "/var/cache/app/f"')" | tee -a "$TSV"
done
sysctl -qw kernel.bpf_stats_enabled="$prev"
