#!/bin/sh
# Runs inside the VM: for each backend, vigil against a runc (or crun) container whose
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
	t0=$(date +%s)
	# verifying every program under software emulation takes 5-25 s (more with a
	# container running beside it): a deadline in seconds, not a count of polls
	until grep -q agent-start $d/vigil.json 2>/dev/null; do
		kill -0 $VP 2>/dev/null || { echo "vigil $* exited"; cat $d/vigil.stderr; return 1; }
		[ $(($(date +%s) - t0)) -gt 120 ] && { echo "vigil $* did not start in 120 s"; return 1; }
		usleep 50000
	done
	echo $(($(date +%s) - t0)) >$d/start-seconds
	# what the agent holds once started, and whether this kernel gates bpf() on CAP_BPF
	awk '$1 == "CapEff:" { print $2 }' /proc/$VP/status >$d/capeff
	cat /proc/sys/kernel/unprivileged_bpf_disabled >$d/unprivileged-bpf-disabled
}

# A fresh overlay root, the container run to its end, what reached the disk into $1.
run_container() { # dir bundle [cases] [adv] [loop] [policy] [reload]
	rm -rf /tmp/ovl
	mkdir -p /tmp/ovl/upper /tmp/ovl/work /tmp/vol /bundle/rootfs
	# the volume: a tmpfs of its own each run (busybox rm cannot remove what probe deep-exe leaves)
	mount -t tmpfs vol /tmp/vol
	chmod 1777 /tmp/vol	# the --user container writes there too
	[ "$3" = cases ] && touch /tmp/vol/run-cases
	[ "$4" = adv ] && touch /tmp/vol/run-adv
	[ "${5:-}" = loop ] && touch /tmp/vol/run-loop
	[ "${6:-}" = policy ] && touch /tmp/vol/run-policy
	[ "${7:-}" = reload ] && touch /tmp/vol/run-reload
	[ "${8:-}" = drift ] && touch /tmp/vol/run-drift
	echo "127.0.0.1 localhost" >/tmp/hosts
	mount -t overlay overlay -o lowerdir=/lower,upperdir=/tmp/ovl/upper,workdir=/tmp/ovl/work /bundle/rootfs
	[ "$2" != /bundle ] && mount --bind /bundle/rootfs $2/rootfs
	# a container that hangs fails its scenario, not the whole guest (the guest's own limit)
	timeout -k 10 90 ${RUNTIME:-runc} run -b "$2" "$ID" </dev/null >$1/container.log 2>&1
	echo $? >$1/container-exit
	[ "$2" != /bundle ] && umount $2/rootfs
	umount /bundle/rootfs
	(cd /tmp/ovl/upper && find . -mindepth 1 | sort) >$1/upper.txt
	ls /tmp/vol >$1/volume.txt
	for f in policy-results both-denied c-written reload-count drift-results marks.txt; do
		[ -f /tmp/vol/$f ] && cp /tmp/vol/$f $1/
	done
	if [ -f /tmp/vol/loop-count ]; then
		cp /tmp/vol/loop-count $1/
		grep -c '^./loop-' $1/upper.txt >$1/upper-loop.txt
	fi
	umount /tmp/vol
}

stop_vigil() { # dir
	usleep 300000
	kill -TERM $VP
	# an agent that does not stop on SIGTERM within 30 s: killed, and its exit status says so (137)
	( sleep 30; kill -KILL $VP 2>/dev/null ) &
	KP=$!
	wait $VP
	echo $? >$1/vigil-exit
	kill $KP 2>/dev/null
}

scenario() { # name vigil-flags...  (*-killed: vigil is SIGKILLed first; *-user: the container runs as uid 1000; crun*: crun runs it)
	name=$1
	shift
	echo $name >$OUT/current-scenario	# tests/vm/run.sh names it if the guest never finishes
	d=$OUT/$name
	mkdir -p $d
	start_vigil $d "$@" || return 1
	case $name in *-killed) kill -KILL $VP; wait $VP; echo killed >$d/vigil-killed ;; esac
	bundle=/bundle cases= adv=
	case $name in *-user) bundle=/bundle-user ;; privileged) bundle=/bundle-priv ;; esac
	case $name in tracepoint | lsm) cases=cases ;; esac
	case $name in tracepoint | lsm | enforce) adv=adv ;; esac
	RUNTIME=runc
	case $name in crun*) RUNTIME=crun ;; esac
	drift=
	case $name in drift) drift=drift ;; esac
	run_container $d $bundle "$cases" "$adv" "" "" "" $drift
	[ -f $d/vigil-killed ] || stop_vigil $d
}

# --pin: enforcement outlives a SIGKILL and a clean exit, a new vigil adopts
# it, and --unpin ends it. Steps 1-4 in $OUT/pin/<step>.
pin_scenario() {
	echo pin >$OUT/current-scenario
	p=$OUT/pin
	mkdir -p $p/1 $p/2 $p/3 $p/4
	start_vigil $p/1 --enforce --pin || return 1
	kill -KILL $VP
	wait $VP
	run_container $p/1 /bundle
	# the handover: the container writes in a loop while no vigil runs, and goes on
	# while the new vigil adopts the pins and after; it stops when told
	run_container $p/2 /bundle "" "" loop &
	CP=$!
	i=0
	until [ -f /tmp/vol/loop-started ]; do
		i=$((i + 1)); [ $i -gt 600 ] && { echo "the handover loop did not start"; return 1; }
		usleep 50000
	done
	usleep 500000
	start_vigil $p/2 --enforce --pin || return 1
	usleep 1000000
	touch /tmp/vol/loop-stop
	wait $CP
	stop_vigil $p/2
	run_container $p/3 /bundle
	/vigil --unpin 2>$p/unpin.stderr
	echo $? >$p/unpin-exit
	run_container $p/4 /bundle
}

# --policy (docs/policy.md): a rule that enforces with an allow-list (tests/vm/policy.sh), and the
# policy swapped 100 times between two versions while the container writes in a loop: a write
# neither allows never lands, one both allow is never denied, a broken file changes nothing.
policy_file() { # allow-list entries, one string
	printf 'version: 1\ndefaults:\n  rootfs: enforce\n  allow_writes: [%s]\nrules:\n  - name: vm-all\n    match: {}\n    rootfs: enforce\n    allow_writes: [%s]\n' "$1" "$1"
}

policy_scenario() {
	echo policy >$OUT/current-scenario
	d=$OUT/policy
	mkdir -p $d /tmp/pol
	common=/allowed/,/run-app.pid,/both/,/c
	policy_file "$common,/a/,/b/" >/tmp/pol/policy.yaml
	start_vigil $d --policy /tmp/pol/policy.yaml || return 1
	run_container $d /bundle "" "" "" policy reload &
	CP=$!
	i=0
	until [ -f /tmp/vol/reload-started ]; do
		i=$((i + 1)); [ $i -gt 600 ] && { echo "the reload loop did not start"; return 1; }
		usleep 50000
	done
	k=0
	while [ $k -lt 100 ]; do
		if [ $((k % 2)) = 0 ]; then policy_file "$common,/a/" >/tmp/pol/new; else policy_file "$common,/b/" >/tmp/pol/new; fi
		[ $k = 50 ] && printf 'version: 1\nrules: [\n' >/tmp/pol/new	# broken once: rejected, nothing changes
		mv /tmp/pol/new /tmp/pol/policy.yaml
		[ $k = 50 ] && usleep 500000	# long enough to be read (a poll is 100 ms)
		k=$((k + 1))
		usleep 40000
	done
	usleep 500000
	touch /tmp/vol/reload-stop
	wait $CP
	stop_vigil $d
}

# A hardened host's BPF policy (tests/helpers/refuse: a BPF LSM program on
# the bpf hook) refuses one kind of program; vigil starts with what is left
# and says so, or refuses to start, as its program classes say.
# refusal NAME REFUSE-ARGS... -- VIGIL-FLAGS...
refusal() {
	name=$1
	shift
	echo $name >$OUT/current-scenario
	args=
	while [ "$1" != -- ]; do args="$args $1"; shift; done
	shift
	d=$OUT/$name
	mkdir -p $d
	/refuse $args >$d/refuse.log 2>&1 &
	RP=$!
	i=0
	until grep -q refusing $d/refuse.log; do
		kill -0 $RP 2>/dev/null || { echo "refuse $args failed"; cat $d/refuse.log; return 1; }
		i=$((i + 1)); [ $i -gt 100 ] && { echo "refuse $args did not start"; return 1; }
		usleep 50000
	done
	/vigil --output $d/vigil.json "$@" 2>$d/vigil.stderr &
	VP=$!
	t0=$(date +%s)
	until grep -q agent-start $d/vigil.json 2>/dev/null || ! kill -0 $VP 2>/dev/null; do
		[ $(($(date +%s) - t0)) -gt 120 ] && { echo "vigil $* neither started nor exited in 120 s"; kill -KILL $VP; break; }
		usleep 50000
	done
	if kill -0 $VP 2>/dev/null; then
		run_container $d /bundle cases
		stop_vigil $d
	else
		wait $VP
		echo $? >$d/vigil-exit
	fi
	kill -TERM $RP
	wait $RP
}

refusal refuse-map-iter tracing bpf_iter_bpf_map_elem -- --backend lsm || exit 1
refusal refuse-task-iter tracing bpf_iter_task -- --backend lsm || exit 1
refusal refuse-raw-tp raw_tp -- --backend lsm || exit 1
refusal refuse-lsm-chmod lsm bpf_lsm_path_chmod -- --backend lsm || exit 1
refusal refuse-lsm-chmod-enforce lsm bpf_lsm_path_chmod -- --enforce || exit 1
refusal refuse-lsm-capable lsm bpf_lsm_capable -- --backend lsm || exit 1
refusal refuse-tracepoint tracepoint -- --backend tracepoint || exit 1
refusal refuse-core tracing btf_trace_cgroup_mkdir -- --backend lsm || exit 1
refusal refuse-lsm-require lsm bpf_lsm_sb_umount -- --backend lsm --require all || exit 1

# the kernel writes core dumps in the crashing process's cwd (tests/cases/adversarial.tsv)
echo core >/proc/sys/kernel/core_pattern
echo 0 >/proc/sys/kernel/core_uses_pid

scenario tracepoint --backend tracepoint --watch-ia32 || exit 1
scenario lsm --backend lsm || exit 1
scenario enforce --enforce || exit 1
scenario enforce-killed --enforce || exit 1
scenario enforce-user --enforce || exit 1
scenario crun --backend tracepoint || exit 1
scenario crun-user --enforce || exit 1
scenario privileged || exit 1
scenario drift --backend lsm --drift enforce || exit 1
pin_scenario || exit 1
policy_scenario || exit 1
exit 0
