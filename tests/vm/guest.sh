#!/bin/sh
# Runs inside the VM: vigil (tracepoint backend) against runc containers whose
# cgroup paths are Docker's (/docker/<id>), on an overlayfs root like Docker's.
# Leaves the stream in /mnt/share/out for the host to check.
OUT=/mnt/share/out
ID=$(cat /container-id)

/vigil --output $OUT/vigil.json 2>$OUT/vigil.stderr &
VP=$!
i=0
until grep -q agent-start $OUT/vigil.json 2>/dev/null; do
	kill -0 $VP 2>/dev/null || { echo "vigil exited"; cat $OUT/vigil.stderr; exit 1; }
	i=$((i + 1)); [ $i -gt 200 ] && { echo "vigil did not start"; exit 1; }
	usleep 50000
done

mkdir -p /tmp/ovl/upper /tmp/ovl/work /bundle/rootfs /tmp/vol
mount -t overlay overlay -o lowerdir=/lower,upperdir=/tmp/ovl/upper,workdir=/tmp/ovl/work /bundle/rootfs
runc run -b /bundle "$ID" </dev/null >$OUT/container.log 2>&1
echo "container exit $?"
usleep 300000
kill -TERM $VP
wait $VP
echo "vigil exit $?"
ls /tmp/ovl/upper >$OUT/upper.txt
exit 0
