# shellcheck shell=bash
# rootfs-write: what writes to the image overlay is reported, nothing else is.

test_rootfs_write_open_has_full_alert_fields() {
	vigil_start
	run_ctr w "$IMAGE" sh -c 'echo x > /a'
	vigil_stop
	local a
	a=$(alerts '.event.action == "rootfs-write" and .file.path == "/a"')
	expect_eq "$(count '.event.action == "rootfs-write" and .file.path == "/a"')" 1 "alerts for /a"
	echo "$a" | json_ok --arg id "$(cid w)" '
		.container.id == $id and .container.runtime == "docker" and
		.event.outcome == "success" and (.event.type | index("denied") | not) and
		.process.name == "sh" and .process.executable == "/bin/busybox" and
		.process.args == ["sh", "-c", "echo x > /a"] and .process.user.id == "0" and
		.process.pid > 0 and .process.parent.pid > 0 and (.host.name | length > 0) and
		(.["@timestamp"] | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}\\.[0-9]{9}Z$"))' >/dev/null
}

test_rootfs_write_executable_follows_exec_in_the_same_process() {
	vigil_start
	run_ctr ex "$IMAGE" sh -c 'echo x > /before; exec probe loop-write 1 /after'
	vigil_stop
	expect_eq "$(count '.file.path == "/before" and .process.executable == "/bin/busybox"')" 1 "before exec"
	expect_eq "$(count '.file.path == "/after" and .process.executable == "/usr/bin/probe"')" 1 "after exec"
	alerts '.file.path == "/before" or .file.path == "/after"' | json_ok -s '.[0].process.pid == .[1].process.pid' >/dev/null
}

test_rootfs_write_every_operation() {
	vigil_start
	run_ctr ops "$IMAGE" sh -c '
		cd /etc && ln -s passwd pw && mv pw pw2 && rm pw2
		mkdir /d && rmdir /d && mknod /fifo p && chmod 600 /etc/group && chown 1000 /etc/group
		probe truncate /etc/passwd && probe link /etc/passwd /hard && probe setxattr /etc/hostname.x 2>/dev/null
		touch /x && probe setxattr /x; : > /created'
	vigil_stop
	local want path
	for want in symlink:/etc/pw rename:/etc/pw unlink:/etc/pw2 mkdir:/d rmdir:/d mknod:/fifo \
		chmod:/etc/group chown:/etc/group truncate:/etc/passwd link:/hard setxattr:/x open:/created; do
		path=${want#*:}
		expect_ge "$(count ".vigil.operation == \"${want%%:*}\" and .file.path == \"$path\"")" 1 "$want"
	done
	expect_ge "$(count '.vigil.operation == "rename" and .vigil.file.target_path == "/etc/pw2"')" 1 "rename target"
	expect_ge "$(count '.vigil.operation == "symlink" and .file.target_path == "passwd"')" 1 "symlink target"
}

# The *at xattr calls of Linux 6.13 (setxattrat, removexattrat): watched where the kernel has them.
# Docker 20.10's seccomp profile predates them (ENOSYS); a runtime whose profile allows them, or none,
# lets a container make them: here, no profile.
test_rootfs_write_xattrat_calls_of_6_13() {
	grep -q ' __x64_sys_setxattrat$' /proc/kallsyms || skip "this kernel has no setxattrat (Linux 6.13+)"
	vigil_start
	run_ctr xat --security-opt seccomp=unconfined "$IMAGE" sh -c 'probe setxattrat /etc/motd && probe removexattrat /etc/motd'
	ctr_ok xat
	vigil_stop
	expect_eq "$(count '.vigil.syscall == "setxattrat" and .vigil.operation == "setxattr" and .file.path == "/etc/motd"')" 1 \
		"setxattrat"
	expect_eq "$(count '.vigil.syscall == "removexattrat" and .vigil.operation == "removexattr" and .file.path == "/etc/motd"')" \
		1 "removexattrat"
}

# fsetxattr on a file registered with an io_uring (a slot of the ring, not an fd; kernels before
# 6.18 refuse it): the tracepoint backend cannot name the file, so it reports the operation unresolved.
test_rootfs_write_io_uring_registered_file_reported_unresolved() {
	local id
	vigil_start --backend tracepoint
	run_ctr fixed "$IMAGE" probe uring fsetxattr-fixed /etc/motd
	[ "$(ctr_rc fixed)" = 0 ] || skip "this kernel refuses fsetxattr on a registered file: $(tail -1 "$WORK/fixed.out")"
	vigil_stop
	id=$(cid fixed)
	expect_eq "$(count '.container.id == "'"$id"'" and .vigil.operation == "setxattr" and .vigil.path_unresolved and .vigil.io_uring_opcode == 41')" \
		1 "the registered-file fsetxattr, unresolved"
}

test_rootfs_write_relative_paths_resolve_inside_container() {
	vigil_start
	run_ctr rel "$IMAGE" sh -c 'cd /etc && touch ./rel1 && cd /tmp && mkdir sub && cd sub && touch ../../etc/rel2'
	vigil_stop
	expect_eq "$(count '.file.path == "/etc/rel1"')" 1 "/etc/rel1"
	expect_eq "$(count '.file.path == "/tmp/sub"')" 1 "/tmp/sub"
	expect_eq "$(count '.file.path == "/etc/rel2"')" 1 "/etc/rel2"
}

test_rootfs_write_volume_tmpfs_proc_dev_sys_quiet() {
	mkdir -p "$WORK/vol"
	vigil_start
	run_ctr q -v "$WORK/vol:/data" --tmpfs /scratch "$IMAGE" sh -c '
		echo v > /data/f; mkdir /data/d; mv /data/f /data/g; rm /data/g; chmod 600 /data/d
		echo t > /scratch/f; mkdir /scratch/d; cd /data && touch rel && cd /scratch && touch rel
		echo x > /dev/null; echo p > /proc/self/comm; echo 1 > /sys/kernel/mm/ksm/run 2>/dev/null
		echo h >> /etc/hosts; cat /etc/passwd >/dev/null; true'
	vigil_stop
	ctr_ok q
	# the writes happened: quiet because they were not on the rootfs, not because nothing ran
	[ -d "$WORK/vol/d" ] && [ -e "$WORK/vol/rel" ] || die "the volume writes did not happen: $(cat "$WORK/q.out")"
	expect_eq "$(count '.event.action == "rootfs-write"')" 0 "rootfs-write alerts"
}

test_rootfs_write_read_only_container_reports_failure() {
	vigil_start
	run_ctr ro --read-only "$IMAGE" sh -c 'echo x > /ro; mkdir /rodir'
	vigil_stop
	expect_eq "$(count '.file.path == "/ro" and .event.outcome == "failure" and .vigil.return == -30')" 1 "/ro EROFS"
	expect_eq "$(count '.file.path == "/rodir" and .event.outcome == "failure"')" 1 "/rodir EROFS"
}

test_rootfs_write_permission_denied_reports_failure() {
	vigil_start
	run_ctr ea --user 1000 "$IMAGE" sh -c 'echo x > /etc/denied; rm /etc/passwd; mkdir /tmp/fine'
	vigil_stop
	expect_eq "$(count '.file.path == "/etc/denied" and .event.outcome == "failure" and .vigil.return == -13')" 1 "EACCES open"
	expect_eq "$(count '.file.path == "/etc/passwd" and .vigil.operation == "unlink" and .event.outcome == "failure"')" 1 "EACCES unlink"
	expect_eq "$(count '.file.path == "/tmp/fine" and .event.outcome == "success"')" 1 "allowed mkdir"
}

test_rootfs_write_hostile_names_stay_valid_json() {
	vigil_start
	run_ctr h "$IMAGE" sh -c 'mkdir /h && probe hostile /h'
	vigil_stop
	# vigil_stop already parsed every line with jq; the names must survive.
	expect_eq "$(count '.file.path == "/h/quote\"back\\slash"')" 1 "quotes and backslash"
	expect_eq "$(count '.file.path == "/h/new\nline"')" 1 "newline"
	expect_eq "$(count '.file.path == "/h/ctl\u0001\u001f\u007f"')" 1 "control bytes"
	expect_eq "$(count '.file.path == "/h/bad\\xff\\xfe utf8"')" 1 "invalid UTF-8 as \\xNN"
	expect_eq "$(count '.file.path == "/h/ok-été"')" 1 "valid UTF-8 kept"
}

# A path near PATH_MAX, 61 directories deep, mkdirs past it (relative), and
# an argv with a quote, a newline and an invalid byte: valid JSON, the data
# kept, or visibly truncated where it cannot be.
test_rootfs_write_long_paths_and_hostile_argv() {
	local seg=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa want i
	want=/deep
	for i in $(seq 1 60); do want=$want/$seg; done
	vigil_start
	run_ctr long "$IMAGE" sh -c '
		d=/deep; mkdir $d; i=0
		while [ $i -lt 60 ]; do d=$d/'$seg'; mkdir $d; i=$((i + 1)); done
		cd $d && echo x > f
		while [ $i -lt 66 ]; do mkdir '$seg' && cd '$seg'; i=$((i + 1)); done
		sh -c "echo y > /argv-test" "$(printf "q\"uote\nnl\377end")"'
	vigil_stop
	echo "deepest path: ${#want} bytes + /f"
	expect_eq "$(jq -c --arg p "$want/f" 'select(.event.kind == "alert" and .file.path == $p and
		.vigil.truncated == false)' "$OUT" | wc -l)" 1 "the full deep path"
	expect_eq "$(count '.file.path == "/argv-test" and .process.args[3] == "q\"uote\nnl\\xffend"')" 1 \
		"hostile argv kept"
	echo "longest reported: $(alerts '.file.path | startswith("/deep")' | jq '.file.path | length' | sort -n | tail -1) bytes"
	# 67 mkdirs (/deep and 66 below it, the last 6 past PATH_MAX): each reported whole, or flagged cut
	local full cut
	full=$(count '.vigil.operation == "mkdir" and .vigil.truncated == false and (.file.path | test("^/deep(/'$seg')*$"))')
	cut=$(count '.vigil.operation == "mkdir" and .vigil.truncated == true')
	echo "deep mkdirs: $full whole, $cut flagged truncated"
	expect_eq "$((full + cut))" 67 "deep mkdirs, whole or flagged"
	expect_eq "$(count '.vigil.operation == "mkdir" and .vigil.truncated == false and
		(.file.path | test("^/deep(/'$seg')*$") | not) and (.file.path | startswith("/deep"))')" 0 \
		"a cut path not flagged truncated"
}

# A file deeper than the agent's path buffer (40 directories of 250 bytes: 10 KB, past PATH_MAX, built
# with relative steps): the kernel saw the write on the rootfs, so it is reported, its path flagged
# unresolved or truncated, never dropped because the path did not fit.
test_rootfs_write_deeper_than_a_path_is_still_reported() {
	local seg id
	seg=$(printf 'p%.0s' $(seq 1 250))
	vigil_start
	run_ctr deeper "$IMAGE" sh -c '
		mkdir /deeper && cd /deeper; i=0
		while [ $i -lt 40 ]; do mkdir '$seg' && cd -P '$seg'; i=$((i + 1)); done
		echo x > deepest-file'
	ctr_ok deeper
	vigil_stop
	id=$(cid deeper)
	expect_eq "$(count '.container.id == "'"$id"'" and .vigil.operation == "open" and
		(.vigil.path_unresolved == true or .vigil.truncated == true)')" 1 "the open of deepest-file"
}

# process.entity_id joins one process's alerts and tells processes apart (a pid can be reused);
# event.id is unique on every line, so a retried batch can be dropped downstream.
test_rootfs_write_entity_and_event_ids() {
	local id
	vigil_start
	run_ctr ids "$IMAGE" sh -c 'echo a > /ids-a; echo b > /ids-b; sh -c "echo c > /ids-c"; true'
	ctr_ok ids
	vigil_stop
	id=$(cid ids)
	alerts '.container.id == "'"$id"'" and (.file.path | startswith("/ids-"))' | json_ok -s '
		(map(select(.file.path == "/ids-a" or .file.path == "/ids-b")) | length == 2 and
			.[0].process.entity_id == .[1].process.entity_id and .[0].process.pid == .[1].process.pid) and
		(map(select(.file.path == "/ids-c")) | length >= 1) and
		([.[] | select(.file.path == "/ids-c") | .process.entity_id] - [.[] | select(.file.path == "/ids-a") |
			.process.entity_id] | length >= 1) and
		(map(.process.entity_id | test("^[0-9a-f]{8}-[0-9]+-[0-9]+$")) | all)' >/dev/null ||
		die "entity ids: $(alerts '(.file.path // "") | startswith("/ids-")' | jq -c '[.file.path, .process.pid, .process.entity_id]')"
	expect_eq "$(jq -r '.event.id' "$OUT" | sort | uniq -d | wc -l)" 0 "repeated event.id"
	expect_eq "$(jq -r '.event.id // "none"' "$OUT" | grep -c '^none$')" 0 "lines without event.id"
}

test_rootfs_write_working_directory_and_parent_executable() {
	vigil_start
	run_ctr pw "$IMAGE" sh -c 'echo x > /pw-top; mkdir -p /srv/app; cd /srv/app && sh -c "echo y > pw-inner"; true'
	ctr_ok pw
	vigil_stop
	# the entrypoint's parent is the runtime's shim, outside the container: its host path
	alerts '.file.path == "/pw-top"' | json_ok '.process.working_directory == "/" and
		(.process.parent.executable | test("^/.*containerd-shim"))' >/dev/null ||
		die "entrypoint: $(alerts '.file.path == "/pw-top"' | jq -c .process)"
	alerts '.file.path == "/srv/app/pw-inner"' | json_ok '.process.working_directory == "/srv/app" and
		.process.parent.executable == "/bin/busybox"' >/dev/null ||
		die "child: $(alerts '.file.path == "/srv/app/pw-inner"' | jq -c .process)"
}
