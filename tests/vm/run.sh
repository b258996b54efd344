#!/usr/bin/env bash
# Boots Debian kernels in QEMU (software emulation) with vigil and runc in an
# initramfs, runs tests/vm/guest.sh there, and checks what came out.
#   tests/vm/run.sh            every kernel in KERNELS
# Kernel packages come from Debian via apt (apt-get download; nothing is
# installed on the host). A VM that hangs fails after VM_TIMEOUT seconds.
set -uo pipefail
cd "$(dirname "$0")/../.."
VM=build/vm
VM_TIMEOUT=${VM_TIMEOUT:-300}	# five scenarios take ~50 s under emulation; a hang fails here
KERNELS=${KERNELS:-"6.12 6.1"}
ID=$(echo vigil-vmtest | sha256sum | cut -c1-64)

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
	copy_bin build/vigil /vigil
	for m in fs/overlayfs/overlay fs/netfs/netfs fs/fscache/fscache net/9p/9pnet net/9p/9pnet_virtio fs/9p/9p \
		drivers/virtio/virtio drivers/virtio/virtio_ring drivers/virtio/virtio_pci_legacy_dev \
		drivers/virtio/virtio_pci_modern_dev drivers/virtio/virtio_pci; do
		f=$KDIR/root/lib/modules/$KREL/kernel/$m.ko
		if [ -f "$f.xz" ]; then xz -dc "$f.xz" >"$R/lib/modules/${m##*/}.ko"
		elif [ -f "$f" ]; then cp "$f" "$R/lib/modules/"; fi
	done
	# the container image: busybox and the probe helper
	mkdir -p "$R"/lower/{bin,usr/bin,proc,sys,dev,tmp,etc,data}
	cp /bin/busybox "$R/lower/bin/"
	for a in $(/bin/busybox --list); do [ -e "$R/lower/bin/$a" ] || ln -s busybox "$R/lower/bin/$a"; done
	gcc -static -O2 -o "$R/lower/usr/bin/probe" tests/helpers/probe.c
	echo 'root:x:0:0:root:/root:/bin/sh' >"$R/lower/etc/passwd"
	ln -s /etc "$R/lower/tmp/etc-link"	# a path string that hides where it writes
	mkdir -p "$R/bundle"
	(cd "$R/bundle" && runc spec && jq --arg cg "/docker/$ID" '
		.process.terminal = false | .root.path = "rootfs" | .root.readonly = false
		| .process.args = ["/bin/sh", "/test.sh"] | .linux.cgroupsPath = $cg
		| .linux.namespaces += [{"type": "cgroup"}]
		| .process.capabilities |= with_entries(.value += ["CAP_SETUID", "CAP_SETGID", "CAP_CHOWN"])
		| .mounts += [{"destination": "/data", "type": "bind", "source": "/tmp/vol", "options": ["rbind", "rw"]},
			      {"destination": "/etc/hosts", "type": "bind", "source": "/tmp/hosts", "options": ["bind", "ro"]}]' \
		config.json >c && mv c config.json)
	chmod 1777 "$R/lower/tmp"
	# the same container as uid 1000 (runc's setup changes uid before the entrypoint)
	mkdir -p "$R/bundle-user/rootfs"
	jq '.process.user = {"uid": 1000, "gid": 1000}' "$R/bundle/config.json" >"$R/bundle-user/config.json"
	cp tests/vm/container.sh "$R/lower/test.sh"
	echo "$ID" >"$R/container-id"
	cp tests/vm/init.sh "$R/init"
	cp tests/vm/guest.sh "$R/guest.sh"
	chmod +x "$R/init"
	(cd "$R" && find . | cpio -o -H newc --quiet | gzip -1) >"$VM/initrd-$KREL.gz"
	rm -rf "$R"
}

boot() { # -> qemu status in Q, share in SHARE
	SHARE=$VM/share-$KREL
	rm -rf "$SHARE"
	mkdir -p "$SHARE"
	timeout "$VM_TIMEOUT" qemu-system-x86_64 -accel tcg -cpu max -smp 1 -m 512 -nographic -no-reboot -nic none \
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

ok() { passed=$((passed + 1)); echo "ok   $KREL $SCEN: $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $KREL $SCEN: $1"; }

check() { # name jq-expression-over-the-stream
	if jq -e -s "$2" "$SHARE/out/$SCEN/vigil.json" >/dev/null 2>&1; then ok "$1"; else bad "$1"; fi
}

check_file() { # name file pattern present|absent
	if grep -qx -- "$3" "$SHARE/out/$SCEN/$2" 2>/dev/null; then
		[ "$4" = present ] && ok "$1" || bad "$1"
	else
		[ "$4" = absent ] && ok "$1" || bad "$1"
	fi
}

alerts_of() { # jq condition -> count expression
	echo "[.[] | select(.event.kind == \"alert\" and .container.id == \"$ID\") | select($1)] | length"
}

check_common() { # backend enforce
	check "agent-start: backend $1, enforce $2" ".[0].vigil.backend == \"$1\" and .[0].vigil.enforce == $2"
	check "agent-stop last, exit 0" '.[-1].event.action == "agent-stop"'
	check_file "container ran to its end (runc exit 0)" container-exit 0 present
	check_file "vigil exit 0" vigil-exit 0 present
	check "volume write quiet" "$(alerts_of '.file.path? // "" | startswith("/data")') == 0"
	check "setuid in the container" "$(alerts_of '.event.action == "setuid" and .user.changes.id == "1000"') == 1"
	check "nothing from runc setup" '[.[] | select(.event.kind == "alert" and (.process.name | test("^runc")))] | length == 0'
	check_file "volume file on disk" volume.txt volume-file present
}

check_scenario() {
	case $SCEN in
	tracepoint)
		check_common tracepoint false
		check "rootfs write /written, success" "$(alerts_of '.file.path == "/written" and .event.outcome == "success"') == 1"
		check "mkdir /newdir" "$(alerts_of '.file.path == "/newdir" and .vigil.operation == "mkdir"') == 1"
		check_file "/written on disk" upper.txt ./written present
		;;
	lsm)
		check_common lsm false
		check "lsm/file_open reported /written once" "$(alerts_of '.file.path == "/written"') == 1"
		check "lsm/path_mkdir reported /newdir" "$(alerts_of '.file.path == "/newdir" and .vigil.operation == "mkdir"') == 1"
		check "no denied without --enforce" "$(alerts_of '.event.type | index("denied")') == 0"
		check "lsm/capable: CAP_SETUID granted to setresuid" "$(alerts_of '.capability.name == "CAP_SETUID" and .event.outcome == "success"') == 1"
		check "lsm/capable: no overcommit probes (noaudit)" "$(alerts_of '.capability.name == "CAP_SYS_ADMIN"') == 0"
		check_file "/written on disk" upper.txt ./written present
		;;
	enforce)
		check_common lsm true
		check "/written denied, failure" "$(alerts_of '.file.path == "/written" and (.event.type | index("denied")) and .event.outcome == "failure"') >= 1"
		check "/newdir denied" "$(alerts_of '.file.path == "/newdir" and (.event.type | index("denied"))') >= 1"
		check_file "/written not on disk" upper.txt ./written absent
		check_file "/newdir not on disk" upper.txt ./newdir absent
		check "../etc/dotdot from /tmp denied as /etc/dotdot" "$(alerts_of '.file.path == "/etc/dotdot" and (.event.type | index("denied"))') == 1"
		check "write through a symlink denied, reported at its target" "$(alerts_of '.file.path == "/etc/via-symlink" and (.event.type | index("denied"))') == 1"
		check_file "/etc/dotdot not on disk" upper.txt ./etc/dotdot absent
		check_file "/etc/via-symlink not on disk" upper.txt ./etc/via-symlink absent
		check_file "bind-mounted /etc/hosts readable" container.log hosts-readable present
		;;
	enforce-user)
		check "agent-start: enforce" '.[0].vigil.enforce == true'
		check_file "a --user 1000 container starts and ends (runc exit 0)" container-exit 0 present
		check "nothing from runc setup (its setuid to 1000 included)" \
			'[.[] | select(.event.kind == "alert" and ((.process.name | test("^runc")) or .event.action == "setuid"))] | length == 0'
		check "uid 1000 write to /tmp (1777) denied" "$(alerts_of '.file.path == "/tmp/user-file" and (.event.type | index("denied")) and .process.user.id == "1000"') == 1"
		# may_o_create asks the LSM before it checks permissions: vigil's EPERM comes first
		check "uid 1000 create in / denied before the permission check" "$(alerts_of '.file.path == "/written" and (.event.type | index("denied"))') == 1"
		check_file "/tmp/user-file not on disk" upper.txt ./tmp/user-file absent
		check_file "volume file on disk" volume.txt volume-file present
		;;
	pin)
		check_file "pinned enforcement survives SIGKILL: /written not on disk" 1/upper.txt ./written absent
		check_file "after the clean exit of the adopting vigil, still enforced" 3/upper.txt ./written absent
		check_file "vigil --unpin exit 0" unpin-exit 0 present
		check_file "after --unpin the container writes again" 4/upper.txt ./written present
		SCEN=pin/2
		check "a new vigil --pin adopts the pinned state" '.[0].vigil.adopted == true and .[0].vigil.pinned == true'
		check "the adopting vigil reports denied writes" "$(alerts_of '.file.path == "/written" and (.event.type | index("denied"))') >= 1"
		check_file "the adopting vigil exits 0 on SIGTERM" vigil-exit 0 present
		SCEN=pin
		;;
	enforce-killed)
		# documented: enforcement ends with the agent (fail-open)
		check_file "after SIGKILL the container writes again: /written on disk" upper.txt ./written present
		check_file "container ran to its end (runc exit 0)" container-exit 0 present
		;;
	esac
}

command -v qemu-system-x86_64 >/dev/null || die "qemu-system-x86 not installed (make test-deps)"
[ -x build/vigil ] || die "build vigil first"
mkdir -p "$VM"
passed=0 failed=0
for k in $KERNELS; do
	fetch_kernel "$k"
	build_initramfs
	start=$(date +%s)
	boot
	echo "# $KREL: qemu status $Q in $(($(date +%s) - start)) s"
	if ! guest_finished; then
		failed=$((failed + 1))
		echo "FAIL $KREL: the guest did not finish cleanly"
		tail -20 "$VM/console-$KREL.log" | sed 's/^/     | /'
		cat "$SHARE/out/guest.log" "$SHARE/out/vigil.stderr" 2>/dev/null | tail -20 | sed 's/^/     | /'
		continue
	fi
	for SCEN in tracepoint lsm enforce enforce-killed enforce-user pin; do
		check_scenario
	done
	SCEN=tracepoint
	check "the object built on 6.18 loads; cap_capable reported missing" \
		'.[0].vigil.unavailable | map(test("cap_capable")) | any'
done
echo "vm: $passed passed, $failed failed"
[ "$failed" = 0 ]
