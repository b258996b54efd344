#!/bin/sh
# /init of the test VM: a tmpfs root (runc's pivot_root fails on the
# initramfs rootfs), the filesystems vigil and runc need, modules, the 9p
# share that carries results out, then the test script; the exit status
# leaves through the share, the console and isa-debug-exit.
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
if [ -z "$SWITCHED" ]; then
	mkdir /newroot
	mount -t tmpfs -o size=90% root /newroot
	for d in /*; do [ "$d" = /newroot ] || cp -a "$d" /newroot/; done
	export SWITCHED=1
	exec switch_root /newroot /init
fi
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
mount -t tmpfs tmp /tmp
mount -t tmpfs run /run
mount -t securityfs securityfs /sys/kernel/security
mount -t bpf bpf /sys/fs/bpf
mount -t cgroup2 cgroup2 /sys/fs/cgroup
# Module dependencies differ between kernels (6.1.192's virtio needs
# virtio_ring): insert in passes until a pass loads nothing new.
MODS="overlay virtio virtio_ring virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci netfs fscache 9pnet 9pnet_virtio 9p"
for pass in 1 2 3; do
	left=
	for m in $MODS; do
		[ -f /lib/modules/$m.ko ] || continue
		insmod /lib/modules/$m.ko 2>/dev/null || left="$left $m"
	done
	MODS=$left
	[ -z "$MODS" ] && break
done
mkdir -p /mnt/share
# with virtio as modules (6.1) the 9p channel appears a moment after insmod
i=0
until mount -t 9p -o trans=virtio,version=9p2000.L,msize=262144 share /mnt/share 2>/dev/null; do
	i=$((i + 1))
	[ $i -gt 50 ] && { echo "VMTEST-NO-SHARE"; dmesg | tail -15; poweroff -f; }
	usleep 100000
done
OUT=/mnt/share/out
mkdir -p $OUT
sh /guest.sh >$OUT/guest.log 2>&1
RC=$?
echo $RC >$OUT/exit-code
sync
umount /mnt/share
echo "VMTEST-EXIT=$RC"
printf "\\$(printf %03o $RC)" | dd of=/dev/port bs=1 seek=244 count=1 2>/dev/null
poweroff -f
