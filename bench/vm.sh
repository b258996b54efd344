#!/usr/bin/env bash
# BPF LSM backend overhead, in QEMU on Debian's 6.12 and 6.1 kernels: the
# same container workloads with no agent, vigil monitoring (--backend lsm)
# and vigil --enforce, interleaved in one VM run. Under software emulation
# absolute numbers mean nothing; the ratios do.
set -uo pipefail
cd "$(dirname "$0")/.."
GUEST=bench/vm-guest.sh
# Two vCPUs, as the host bench has two cores: vigil's consumer formats alerts
# on one while the workload runs on the other (with one, every alert's JSON
# is paid for by the workload's own CPU). -smp 2 crashed a guest about once
# in 28 boots here (shared/vm-recipe.md): a guest that does not finish is
# booted once more.
export VM_SMP=${VM_SMP:-2}
export VM_TIMEOUT=${VM_TIMEOUT:-1200}
. tests/vm/lib.sh
# issue 5's targets for the LSM backend, as ratios to no agent
TARGETS=loop-null=0.99,loop-read=0.97,host-read=0.99,loop-noop-setresuid=0.95,loop-write-try=0.85
make -s build/vigil
mkdir -p "$VM" bench/results
for k in $KERNELS; do
	fetch_kernel "$k"
	build_initramfs
	boot
	guest_finished || { echo "$KREL: the guest did not finish; booting it again" >&2; boot; }
	guest_finished || die "$KREL: the benchmark guest did not finish (see $VM/console-$KREL.log)"
	echo "# $KREL (qemu, -smp $VM_SMP, TCG): ratio = no agent / with vigil, median of rounds"
	cp "$SHARE/out/raw.tsv" "bench/results/vm-raw-$KREL.tsv"
	awk -v modes=none,drift-off,lsm,enforce -v judged=lsm -v targets="$TARGETS" -f bench/summarize.awk \
		"$SHARE/out/raw.tsv" | tee "bench/results/vm-$KREL.txt"
	# issue 19: what drift adds per exec, its hooks on against off in the same rounds
	echo "# $KREL: drift's cost per fork+exec (lsm against lsm --drift off)"
	awk -F'\t' '$3 == "loop-fork-exec"' "$SHARE/out/raw.tsv" |
		awk -v modes=drift-off,lsm -f bench/summarize.awk | tee -a "bench/results/vm-$KREL.txt"
done
