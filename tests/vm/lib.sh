# shellcheck shell=bash
# Booting Debian kernels in QEMU with vigil, runc and a container image in an
# initramfs; the guest runs $GUEST and leaves results in a 9p share.
# Used by tests/vm/run.sh (tests) and bench/vm.sh (LSM overhead).
VM=${VM:-build/vm}	# bench/startup.sh boots its own guests beside
VM_TIMEOUT=${VM_TIMEOUT:-900}	# 20 scenarios take 230-580 s under emulation (6.12 verifies 3x slower than 6.1); a hang fails here
KERNELS=${KERNELS:-"6.12 6.1"}
ID=$(echo vigil-vmtest | sha256sum | cut -c1-64)
. tests/cases/lib.sh

die() { echo "vm: $*" >&2; exit 1; }

# The newest Debian package of a kernel series: 6.12 -> linux-image-6.12.N+deb12-amd64.
package_of() {
	local re
	case $1 in
	6.1) re='^linux-image-6\.1\.0-[0-9]+-amd64$' ;;
	*) re="^linux-image-${1//./\\.}\\.[0-9]+\\+deb12-amd64\$" ;;
	esac
	apt-cache search --names-only "linux-image-$1" | awk '{print $1}' | grep -E "$re" | sort -V | tail -1
}

fetch_kernel() { # series -> sets KREL, KDIR
	local pkg deb
	pkg=$(package_of "$1")
	[ -n "$pkg" ] || die "no Debian package for kernel $1 (apt-get update?)"
	KDIR=$VM/kernels/$pkg
	if [ ! -f "$KDIR/vmlinux" ]; then
		mkdir -p "$KDIR" "$VM/debs"
		(cd "$VM/debs" && apt-get download -q -o APT::Sandbox::User=root "$pkg" >/dev/null) || die "apt-get download $pkg"
		deb=$(ls "$VM"/debs/"${pkg}"_*.deb | tail -1)
		dpkg-deb -x "$deb" "$KDIR/root"
		python3 tests/vm/extract-vmlinux.py "$KDIR"/root/boot/vmlinuz-* "$KDIR/vmlinux" || die "extract kernel"
	fi
	KREL=$(ls "$KDIR/root/lib/modules")
}

copy_bin() { # file dest-in-root
	local l
	install -D "$1" "$R$2"
	for l in $(ldd "$1" | grep -o '/[^ ]*'); do
		[ -e "$R$l" ] || install -D "$(readlink -f "$l")" "$R$l"
	done
}

build_initramfs() { # -> $VM/initrd-$KREL.gz
	local a m f
	R=$(mktemp -d "$VM/root.XXXXXX")
	mkdir -p "$R"/{bin,sbin,usr/bin,usr/sbin,proc,sys,dev,tmp,run,mnt,lib/modules}
	cp /bin/busybox "$R/bin/"
	for a in $(/bin/busybox --list); do [ -e "$R/bin/$a" ] || ln -s busybox "$R/bin/$a"; done
	copy_bin /usr/sbin/runc /usr/sbin/runc
	copy_bin /usr/bin/crun /usr/bin/crun	# refuses the host's hybrid cgroups: tested here
	copy_bin build/vigil /vigil
	copy_bin build/tests/refuse /refuse	# a hardened host's BPF policy (guest.sh: refusal)
	for m in fs/overlayfs/overlay fs/netfs/netfs fs/fscache/fscache net/9p/9pnet net/9p/9pnet_virtio fs/9p/9p \
		drivers/virtio/virtio drivers/virtio/virtio_ring drivers/virtio/virtio_pci_legacy_dev \
		drivers/virtio/virtio_pci_modern_dev drivers/virtio/virtio_pci; do
		f=$KDIR/root/lib/modules/$KREL/kernel/$m.ko
		if [ -f "$f.xz" ]; then xz -dc "$f.xz" >"$R/lib/modules/${m##*/}.ko"
		elif [ -f "$f" ]; then cp "$f" "$R/lib/modules/"; fi
	done
	# the container image: busybox and the probe helper
	mkdir -p "$R"/lower/{bin,usr/bin,proc,sys,dev,tmp,etc,data,mnt}
	cp /bin/busybox "$R/lower/bin/"
	for a in $(/bin/busybox --list); do [ -e "$R/lower/bin/$a" ] || ln -s busybox "$R/lower/bin/$a"; done
	gcc -static -O2 -o "$R/lower/usr/bin/probe" tests/helpers/probe.c
	install -m 4755 "$R/lower/usr/bin/probe" "$R/lower/usr/bin/probe-suid"
	install -D -m 644 "$R/lower/usr/bin/probe" "$R/lower/usr/lib/probe-data"	# a program shipped not executable (drift.sh)
	cases_script >"$R/lower/cases.sh"	# tests/cases: the table both backends answer to
	adv_script >"$R/lower/adv.sh"
	echo 'root:x:0:0:root:/root:/bin/sh' >"$R/lower/etc/passwd"
	echo vigil >"$R/lower/etc/motd"
	echo vigil >"$R/lower/etc/issue"
	ln -s /etc "$R/lower/tmp/etc-link"	# a path string that hides where it writes
	mkdir -p "$R/bundle"
	(cd "$R/bundle" && runc spec && jq --arg cg "/docker/$ID" '
		.process.terminal = false | .process.noNewPrivileges = false | .root.path = "rootfs" | .root.readonly = false
		| .process.args = ["/bin/sh", "/test.sh"] | .linux.cgroupsPath = $cg
		| .linux.namespaces += [{"type": "cgroup"}]
		| .process.capabilities |= with_entries(.value += ["CAP_SETUID", "CAP_SETGID", "CAP_CHOWN", "CAP_SYS_ADMIN", "CAP_SYS_CHROOT"])
		| .mounts += [{"destination": "/data", "type": "bind", "source": "/tmp/vol", "options": ["rbind", "rw"]},
			      {"destination": "/etc/hosts", "type": "bind", "source": "/tmp/hosts", "options": ["bind", "ro"]}]' \
		config.json >c && mv c config.json)
	chmod 1777 "$R/lower/tmp"
	# the same container as uid 1000 (runc's setup changes uid before the entrypoint)
	mkdir -p "$R/bundle-user/rootfs"
	jq '.process.user = {"uid": 1000, "gid": 1000}' "$R/bundle/config.json" >"$R/bundle-user/config.json"
	# a truly privileged container, as --privileged makes it: every capability (those runc 1.1 names),
	# every device, no seccomp filter, nothing masked
	mkdir -p "$R/bundle-priv/rootfs"
	jq '.process.capabilities |= with_entries(.value = [range(0; 38) as $c | ["CAP_CHOWN", "CAP_DAC_OVERRIDE",
		"CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP",
		"CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW",
		"CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE",
		"CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME",
		"CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP",
		"CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND",
		"CAP_AUDIT_READ"][$c]])
		| .linux.resources.devices = [{"allow": true, "access": "rwm"}] | del(.linux.seccomp)
		| .linux.maskedPaths = [] | .linux.readonlyPaths = []' \
		"$R/bundle/config.json" >"$R/bundle-priv/config.json"
	cp tests/vm/container.sh "$R/lower/test.sh"
	cp tests/vm/policy.sh "$R/lower/policy.sh"
	cp tests/vm/drift.sh "$R/lower/drift.sh"
	echo "$ID" >"$R/container-id"
	cp tests/vm/init.sh "$R/init"
	cp "${GUEST:-tests/vm/guest.sh}" "$R/guest.sh"
	chmod +x "$R/init"
	(cd "$R" && find . | cpio -o -H newc --quiet | gzip -1) >"$VM/initrd-$KREL.gz"
	rm -rf "$R"
}

boot() { # -> qemu status in Q, share in SHARE
	SHARE=$VM/share-$KREL
	rm -rf "$SHARE"
	mkdir -p "$SHARE"
	timeout "$VM_TIMEOUT" qemu-system-x86_64 -accel tcg -cpu max -smp "${VM_SMP:-1}" -m 512 -nographic -no-reboot -nic none \
		-kernel "$KDIR/vmlinux" -initrd "$VM/initrd-$KREL.gz" \
		-append "console=ttyS0 quiet panic=-1" \
		-virtfs "local,path=$SHARE,mount_tag=share,security_model=none,id=share" \
		-device isa-debug-exit,iobase=0xf4,iosize=4 >"$VM/console-$KREL.log" 2>&1
	Q=$?
}

# The guest's own verdict must arrive three ways: qemu's status (rc<<1|1), the marker, the file.
guest_finished() {
	local rc
	rc=$(cat "$SHARE/out/exit-code" 2>/dev/null) || return 1
	[ $((Q % 2)) = 1 ] && [ $(((Q - 1) / 2)) = "$rc" ] && grep -aq "VMTEST-EXIT=$rc" "$VM/console-$KREL.log" && [ "$rc" = 0 ]
}

