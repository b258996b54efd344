#!/bin/sh
# Runs inside the VM: for each backend, vigil against a runc container whose
# cgroup path is Docker's (/docker/<id>), on an overlayfs root like Docker's,
# with a bind-mounted volume and an /etc/hosts-style file bind mount. Leaves
# the stream and what reached the disk in /mnt/share/out/<scenario>/.
OUT=/mnt/share/out
ID=$(cat /container-id)

start_vigil() { # dir flags...
	d=$1
	shift
	/vigil --output $d/vigil.json "$@" 2>$d/vigil.stderr &
	VP=$!
	i=0
	until grep -q agent-start $d/vigil.json 2>/dev/null; do
		kill -0 $VP 2>/dev/null || { echo "vigil $* exited"; cat $d/vigil.stderr; return 1; }
		i=$((i + 1)); [ $i -gt 300 ] && { echo "vigil $* did not start"; return 1; }
		usleep 50000
	done
}

scenario() { # name vigil-flags...  (*-killed: vigil is SIGKILLed first; *-user: the container runs as uid 1000)
	name=$1
	shift
	d=$OUT/$name
	mkdir -p $d
	start_vigil $d "$@" || return 1
	case $name in *-killed) kill -KILL $VP; wait $VP; echo killed >$d/vigil-killed ;; esac
	rm -rf /tmp/ovl /tmp/vol
	mkdir -p /tmp/ovl/upper /tmp/ovl/work /tmp/vol /bundle/rootfs
	chmod 1777 /tmp/vol	# the --user container writes there too
	echo "127.0.0.1 localhost" >/tmp/hosts
	mount -t overlay overlay -o lowerdir=/lower,upperdir=/tmp/ovl/upper,workdir=/tmp/ovl/work /bundle/rootfs
	bundle=/bundle
	case $name in *-user) bundle=/bundle-user; mount --bind /bundle/rootfs /bundle-user/rootfs ;; esac
	runc run -b $bundle "$ID" </dev/null >$d/container.log 2>&1
	echo $? >$d/container-exit
	usleep 300000
	if [ ! -f $d/vigil-killed ]; then
		kill -TERM $VP
		wait $VP
		echo $? >$d/vigil-exit
	fi
	case $name in *-user) umount /bundle-user/rootfs ;; esac
	umount /bundle/rootfs
	(cd /tmp/ovl/upper && find . -mindepth 1 | sort) >$d/upper.txt
	ls /tmp/vol >$d/volume.txt
}

scenario tracepoint --backend tracepoint || exit 1
scenario lsm --backend lsm || exit 1
scenario enforce --enforce || exit 1
scenario enforce-killed --enforce || exit 1
scenario enforce-user --enforce || exit 1
exit 0
