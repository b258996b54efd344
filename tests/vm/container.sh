#!/bin/sh
# The container's entrypoint in the VM tests: one write of each kind, and
# ways a path string could dodge a string match (relative, "..", symlink).
# vigil reads the container's mount table when the entrypoint starts; under
# emulation its consumer can run after a short container has ended (README,
# "How it decides"), so the container gives it a moment first.
sleep 0.5
echo x > /written
echo u > /tmp/user-file	# /tmp is 1777: writable without root
mkdir /newdir
echo v > /data/volume-file
cd /tmp && echo y > ../etc/dotdot
echo z > /tmp/etc-link/via-symlink	# the image has /tmp/etc-link -> /etc
grep -q localhost /etc/hosts && echo hosts-readable
# not the rootfs, so never blocked, even under --enforce: a volume (above), /dev, /proc, tmpfs
echo x > /dev/null && echo dev-writable
echo vigil-test > /proc/self/comm && echo proc-writable
echo x > /dev/shm/f && echo tmpfs-writable
# a uid change by a 32-bit syscall (int 0x80), then a fork: seen as it happens (LSM, --watch-ia32),
# else at the fork ("unseen")
probe int80 setuid32 1000 fork && echo ia32-setuid-done
# --pin's handover (guest.sh): writes until told to stop, counted
if [ -f /data/run-loop ]; then
	i=0
	touch /data/loop-started
	while [ ! -f /data/loop-stop ] && [ $i -lt 2000 ]; do
		echo x > /loop-$i 2>/dev/null
		i=$((i + 1))
		usleep 20000
	done
	echo $i > /data/loop-count
fi
[ -f /data/run-drift ] && { sh /drift.sh; exit 0; }	# --drift enforce (guest.sh)
[ -f /data/run-policy ] && { sh /policy.sh; exit 0; }	# under a --policy (guest.sh policy_scenario)
[ -f /data/run-cases ] && sh /cases.sh	# the shared table (tests/cases)
[ -f /data/run-adv ] && sh /adv.sh	# the adversarial table (tests/cases/adversarial.tsv)
exit 0
