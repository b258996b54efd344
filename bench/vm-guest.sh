#!/bin/sh
# Runs inside the VM for bench/vm.sh: the same container workloads (and a
# read loop outside any container) with no agent, with vigil's LSM backend
# monitoring (with and without drift: --drift off), and with --enforce, in turn.
# Writes "round<TAB>mode<TAB>workload<TAB>ns" lines to /mnt/share/out/raw.tsv.
OUT=/mnt/share/out
ID=$(cat /container-id)
ROUNDS=${ROUNDS:-5}
cat >/lower/bench.sh <<'SCRIPT'
probe loop-null 100000
probe loop-read 20000 /etc/passwd
probe loop-noop-setresuid 100000
probe loop-write-try 20000 /bench-file
probe loop-fork-exec 500 /bin/true
SCRIPT
jq_free_args() { sed 's|"/test.sh"|"/bench.sh"|' /bundle/config.json >/tmp/c && cp /tmp/c /bundle/config.json; }
jq_free_args

# Round 0 warms the emulator's translation cache and is not recorded; the
# order of the modes rotates so none of them is always first.
r=0
while [ $r -le $ROUNDS ]; do
	case $((r % 3)) in
	0) order="none drift-off lsm enforce" ;;
	1) order="lsm enforce drift-off none" ;;
	2) order="enforce none lsm drift-off" ;;
	esac
	for mode in $order; do
		VP=
		case $mode in
		lsm) /vigil --backend lsm --output /tmp/v.json 2>/dev/null & VP=$! ;;
		# the same without drift's exec and mapping hooks: what drift adds per exec
		drift-off) /vigil --backend lsm --drift off --output /tmp/v.json 2>/dev/null & VP=$! ;;
		enforce) /vigil --enforce --output /tmp/v.json 2>/dev/null & VP=$! ;;
		esac
		[ -n "$VP" ] && { i=0; until grep -q agent-start /tmp/v.json 2>/dev/null || [ $i -gt 200 ]; do usleep 50000; i=$((i + 1)); done; }
		rm -rf /tmp/ovl; mkdir -p /tmp/ovl/upper /tmp/ovl/work /tmp/vol /bundle/rootfs
		echo "127.0.0.1 localhost" >/tmp/hosts
		mount -t overlay overlay -o lowerdir=/lower,upperdir=/tmp/ovl/upper,workdir=/tmp/ovl/work /bundle/rootfs
		# the read loop in a process outside any container, first: after the
		# write loop, vigil's consumer would still be formatting its alerts
		/lower/usr/bin/probe loop-read 20000 /vigil | while read -r name n ns; do
			printf '%s\t%s\t%s\t%s\n' $r $mode host-read $ns
		done >>$OUT/raw-all.tsv
		runc run -b /bundle "$ID" </dev/null 2>/dev/null | while read -r name n ns; do
			printf '%s\t%s\t%s\t%s\n' $r $mode $name $ns
		done >>$OUT/raw-all.tsv
		umount /bundle/rootfs
		[ -n "$VP" ] && { kill -TERM $VP; wait $VP; rm -f /tmp/v.json; }
	done
	r=$((r + 1))
done
awk -F'\t' '$1 > 0' $OUT/raw-all.tsv >$OUT/raw.tsv
exit 0
