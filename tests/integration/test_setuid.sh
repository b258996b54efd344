# shellcheck shell=bash
# setuid: real uid/gid changes, before and after; no-ops are silent.

test_setuid_setresuid_reports_before_and_after() {
	vigil_start
	run_ctr s "$IMAGE" probe setresuid 1000 1000 1000
	vigil_stop
	alerts '.event.action == "setuid"' | json_ok --arg id "$(cid s)" -s '
		length == 1 and .[0].container.id == $id and .[0].vigil.credentials.before.euid == 0 and
		.[0].process.user.id == "1000" and .[0].vigil.operation == "setresuid" and
		.[0].vigil.credentials.after.suid == 1000 and .[0].vigil.credentials.before.ruid == 0' >/dev/null
}

test_setuid_gid_and_groups_changes() {
	vigil_start
	run_ctr g "$IMAGE" sh -c 'probe setresgid 1000 1000 1000; probe setgroups 10 20 30'
	vigil_stop
	expect_eq "$(count '.event.action == "setuid" and .vigil.credentials.before.egid == 0 and .process.group.id == "1000"')" 1 "setresgid"
	expect_eq "$(count '.vigil.operation == "setgroups" and .vigil.credentials.after.groups_count == 3')" 1 "setgroups"
}

test_setuid_noop_calls_emit_nothing() {
	vigil_start
	run_ctr n "$IMAGE" sh -c 'probe loop-noop-setresuid 200000 && probe setresuid 0 0 0'
	vigil_stop
	ctr_ok n
	expect_eq "$(count '.event.action == "setuid"')" 0 "setuid alerts"
}

test_setuid_exec_of_setuid_binary() {
	vigil_start
	run_ctr x --user 1000 "$IMAGE" probe-suid loop-null 1
	vigil_stop
	expect_eq "$(count '.event.action == "setuid" and .vigil.operation == "exec" and .vigil.credentials.before.euid == 1000 and .process.user.id == "0"')" 1 "set-uid exec"
}

test_setuid_in_container_started_before_vigil() {
	# the process is older than vigil and changes its uid once vigil has started (told through a volume)
	mkdir -p "$WORK/early-uid-go"
	docker run -d --name vigil-early-uid --network none -v "$WORK/early-uid-go:/go" "$IMAGE" \
		sh -c 'until [ -f /go/now ]; do usleep 100000; done; exec probe setresuid 1000 1000 1000' >/dev/null
	vigil_start
	touch "$WORK/early-uid-go/now"
	docker wait vigil-early-uid >/dev/null
	vigil_stop
	docker rm -f vigil-early-uid >/dev/null
	expect_eq "$(count '.event.action == "setuid" and .process.user.id == "1000"')" 1 "setuid alert"
}
