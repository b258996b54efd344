# shellcheck shell=bash
# Posture: each container's hardening, read from the kernel as it starts
# (docs/posture.md). Each check with a container that has the problem and one
# that has not; a hardened container raises nothing; --posture configures.
# Here --privileged cannot start (no CAP_SYS_RESOURCE in this machine's
# bounding set): its nearest, every other capability and every device; the
# VMs run a truly privileged container.

# posture_run NAME [docker run args...]: a container that lives long enough to be read (2 s), detached.
posture_run() {
	local name=$1
	shift
	docker run -d --rm --name "vigil-pz-$name-$$" --cidfile "$WORK/pz-$name.cid" "$@" "$IMAGE" sleep 2 \
		>"$WORK/pz-$name.out" 2>&1 || die "container $name did not start: $(tail -3 "$WORK/pz-$name.out")"
}

posture_wait() {
	local n
	for n in "$@"; do docker wait "vigil-pz-$n-$$" >/dev/null 2>&1 || true; done
}

# findings NAME: the container-start line's vigil.posture.findings, sorted, comma-joined
findings() {
	local id
	id=$(cat "$WORK/pz-$1.cid")
	jq -r --arg id "$id" 'select(.event.action == "container-start" and .container.id == $id) |
		.vigil.posture.findings | sort | join(",")' "$OUT"
}

starts_of() { jq -c --arg id "$(cat "$WORK/pz-$1.cid")" 'select(.event.action == "container-start" and .container.id == $id)' "$OUT"; }

# has NAME CHECK: the container-start says CHECK and a posture alert for it was written
has() {
	local id
	id=$(cat "$WORK/pz-$1.cid")
	[ "$(posture_alerts ".container.id == \"$id\" and .vigil.posture.check == \"$2\"" | wc -l)" -ge 1 ] ||
		die "$1: no $2 alert (findings: $(findings "$1"))"
	case ",$(findings "$1")," in *",$2,"*) ;; *) die "$1: container-start does not list $2: $(findings "$1")" ;; esac
}

hasnt() {
	local id
	id=$(cat "$WORK/pz-$1.cid")
	[ "$(posture_alerts ".container.id == \"$id\" and .vigil.posture.check == \"$2\"" | wc -l)" = 0 ] ||
		die "$1: a $2 alert it should not have"
	[ "$(starts_of "$1" | wc -l)" = 1 ] || die "$1: $(starts_of "$1" | wc -l) container-start lines, not 1"
}

test_posture_each_check_with_and_without() {
	local hl=/run/vigil-pz-$$.sock
	ln -f /var/run/docker.sock "$hl" || die "cannot link the docker socket"
	vigil_start
	posture_run default --network none
	posture_run user --network none --user 1000
	posture_run hostnet --network host
	posture_run hostpid --network none --pid host
	posture_run hostipc --network none --ipc host
	posture_run hostuts --network none --uts host
	posture_run sysadmin --network none --cap-add SYS_ADMIN
	posture_run noseccomp --network none --security-opt seccomp=unconfined
	posture_run nnp --network none --security-opt no-new-privileges
	posture_run ro --network none --read-only
	posture_run limits --network none -m 64m --pids-limit 64 --cpus 0.5
	posture_run sock --network none -v /var/run/docker.sock:/var/run/docker.sock
	posture_run hostroot --network none -v /:/host
	posture_run alias --network none -v "$hl:/run/x.sock"
	posture_run tmp --network none -v /tmp:/hosttmp
	posture_run priv --network none --cap-add ALL --cap-drop SYS_RESOURCE --device-cgroup-rule='a *:* rwm'
	posture_run disks --network none --device-cgroup-rule='b *:* rw'
	posture_run hostsys --network none -v /sys:/sys
	posture_run under --network none -v /dev:/d:ro -v /var/run/docker.sock:/d/null
	posture_wait default user hostnet hostpid hostipc hostuts sysadmin noseccomp nnp ro limits sock hostroot \
		alias tmp priv disks hostsys under
	rm -f "$hl"
	vigil_stop
	# the default container: what Docker gives without a flag
	for c in root-user no-new-privileges-unset writable-rootfs no-memory-limit no-pids-limit no-cpu-limit; do
		has default "$c"
	done
	for c in privileged host-network host-pid host-ipc host-uts added-capabilities seccomp-disabled sensitive-mount; do
		hasnt default "$c"
	done
	hasnt user root-user
	has hostnet host-network
	has hostpid host-pid
	has hostipc host-ipc
	has hostuts host-uts
	has sysadmin added-capabilities
	starts_of sysadmin | json_ok '.vigil.posture.added_capabilities == ["CAP_SYS_ADMIN"]' >/dev/null ||
		die "added capabilities: $(starts_of sysadmin | jq -c .vigil.posture.added_capabilities)"
	has noseccomp seccomp-disabled
	hasnt nnp no-new-privileges-unset
	hasnt ro writable-rootfs
	for c in no-memory-limit no-pids-limit no-cpu-limit; do hasnt limits "$c"; done
	starts_of limits | json_ok '.vigil.posture.memory_limit_bytes == 67108864 and .vigil.posture.pids_limit == 64 and
		.vigil.posture.cpu_limit_millicores == 500' >/dev/null || die "limits: $(starts_of limits | jq -c .vigil.posture)"
	has sock sensitive-mount
	posture_alerts ".container.id == \"$(cat "$WORK/pz-sock.cid")\" and .vigil.posture.check == \"sensitive-mount\"" |
		json_ok '.vigil.posture.mount.host_path == "/var/run/docker.sock" and .vigil.posture.mount.container_path ==
			"/var/run/docker.sock" and .vigil.posture.mount.read_only == false and .event.severity == 3' >/dev/null ||
		die "docker.sock mount"
	has hostroot sensitive-mount
	# the host's / brings /proc, /sys, /dev with it: one alert says it
	expect_eq "$(posture_alerts ".container.id == \"$(cat "$WORK/pz-hostroot.cid")\" and .vigil.posture.check == \"sensitive-mount\"" |
		jq -r .vigil.posture.mount.host_path)" "/" "host root mount"
	# a hard link of the socket elsewhere is the same socket
	has alias sensitive-mount
	hasnt tmp sensitive-mount
	has priv privileged
	starts_of priv | json_ok '.container.security_context.privileged == true and
		(.vigil.posture.privileged_by | index("capabilities") != null and index("devices") != null)' >/dev/null ||
		die "privileged: $(starts_of priv | jq -c '[.container.security_context, .vigil.posture.privileged_by]')"
	# every block device readable and writable is as good as privileged
	has disks privileged
	starts_of disks | json_ok '.vigil.posture.privileged_by == ["devices"]' >/dev/null || die "b *:* rw"
	# the host's writable /sys over the container's own
	has hostsys sensitive-mount
	expect_eq "$(posture_alerts ".container.id == \"$(cat "$WORK/pz-hostsys.cid")\" and .vigil.posture.check == \"sensitive-mount\"" |
		jq -r .vigil.posture.mount.host_path)" "/sys" "host /sys mount"
	# the socket mounted below a read-only host /dev is its own finding, not hidden by it
	expect_eq "$(posture_alerts ".container.id == \"$(cat "$WORK/pz-under.cid")\" and .vigil.posture.check == \"sensitive-mount\"" |
		jq -r .vigil.posture.mount.host_path | sort | paste -sd,)" "/dev,/var/run/docker.sock" "mounts under a mount"
	starts_of default | json_ok '.container.security_context.privileged == false and .vigil.posture.unknown == []' \
		>/dev/null || die "default: $(starts_of default | jq -c .vigil.posture)"
}

test_posture_hardened_container_raises_nothing() {
	vigil_start
	posture_run hard --network none --read-only --user 1000 --cap-drop ALL --security-opt no-new-privileges \
		-m 64m --pids-limit 64 --cpus 1 --tmpfs /tmp
	posture_wait hard
	vigil_stop
	expect_eq "$(starts_of hard | wc -l)" 1 "container-start lines"
	expect_eq "$(findings hard)" "" "findings of a hardened container"
	expect_eq "$(posture_alerts ".container.id == \"$(cat "$WORK/pz-hard.cid")\"" | wc -l)" 0 "posture alerts"
	# nor any other: it only sleeps, as uid 1000 without capabilities
	expect_eq "$(jq -c --arg id "$(cat "$WORK/pz-hard.cid")" 'select(.event.kind == "alert" and .container.id == $id)' \
		"$OUT" | wc -l)" 0 "alerts of any kind"
	starts_of hard | json_ok '.vigil.posture.read_only_rootfs and .vigil.posture.no_new_privileges and
		.vigil.posture.capability_bounding_set == "0000000000000000" and (.vigil.posture.root_user | not) and
		.process.user.id == "1000" and .container.name != null' >/dev/null || die "hardened: $(starts_of hard)"
}

# docker exec runs through the runtime's setup too: the container started once.
test_posture_once_per_container_not_per_exec() {
	vigil_start
	docker run -d --name "vigil-pz-exec-$$" --cidfile "$WORK/pz-exec.cid" --network none "$IMAGE" sleep 30 >/dev/null
	sleep 1
	docker exec "vigil-pz-exec-$$" true
	docker exec --user 1000 "vigil-pz-exec-$$" true
	docker rm -f "vigil-pz-exec-$$" >/dev/null
	vigil_stop
	expect_eq "$(starts_of exec | wc -l)" 1 "container-start lines"
	expect_eq "$(posture_alerts ".container.id == \"$(cat "$WORK/pz-exec.cid")\" and .vigil.posture.check == \"root-user\"" | wc -l)" 1 "root-user alerts"
}

test_posture_flag_configures_and_turns_off() {
	vigil_start --posture no-memory-limit=off,root-user=2,host-user-namespace=on
	posture_run cfg --network none
	posture_wait cfg
	vigil_stop
	hasnt cfg no-memory-limit
	has cfg root-user
	has cfg host-user-namespace
	expect_eq "$(posture_alerts ".container.id == \"$(cat "$WORK/pz-cfg.cid")\" and .vigil.posture.check == \"root-user\"" |
		jq .event.severity)" 2 "root-user severity"
	vigil_start --posture off
	posture_run off --network none
	posture_wait off
	vigil_stop
	expect_eq "$(starts_of off | wc -l)" 0 "container-start lines with --posture off"
	expect_eq "$(posture_alerts | wc -l)" 0 "posture alerts with --posture off"
	local rc=0
	timeout 10 "$VIGIL" --posture no-such-check=on 2>"$WORK/bad" || rc=$?
	expect_eq "$rc" 2 "exit on an unknown check"
	grep -q "no-such-check" "$WORK/bad" || die "the error does not name the check: $(cat "$WORK/bad")"
}

# An SSH server's exec, by name (a stand-in that really listens: the probe copied as /tmp/sshd):
# one alert per container and executable, however often it runs; another name is not one.
test_posture_ssh_server_exec() {
	vigil_start
	run_ctr ssh "$IMAGE" sh -c 'cp /usr/bin/probe /tmp/sshd && cp /usr/bin/probe /tmp/web &&
		/tmp/sshd listen 2222 1 & sleep 0.2; /tmp/sshd listen 2223 0; /tmp/web listen 8080 0; wait'
	vigil_stop
	ctr_ok ssh
	jq -c --arg id "$(cid ssh)" 'select(.event.action == "ssh-server" and .container.id == $id)' "$OUT" |
		json_ok -s 'length == 1 and .[0].process.executable == "/tmp/sshd" and .[0].rule.id == "container-ssh-server" and
			.[0].event.severity == 3 and .[0].event.kind == "alert" and (.[0].event.category | index("process") != null)' \
		>/dev/null || die "ssh-server: $(jq -c 'select(.event.action == "ssh-server")' "$OUT")"
	vigil_start --posture ssh-server=off
	run_ctr ssh2 "$IMAGE" sh -c 'cp /usr/bin/probe /tmp/sshd && /tmp/sshd listen 2222 0'
	vigil_stop
	expect_eq "$(jq -c 'select(.event.action == "ssh-server")' "$OUT" | wc -l)" 0 "ssh-server alerts with the check off"
}
