# shellcheck shell=bash
# Drift (docs/drift.md): a container runs only what its image shipped. On
# this host's tracepoint backend drift is reported after the exec; the VMs
# (tests/vm) check the LSM backend's denials and what only it sees (scripts
# by their #! line, executable mappings, chmod +x).

# drift_alerts ID [jq condition]: the container's drift alerts
drift_alerts() {
	alerts ".event.action == \"drift\" and .container.id == \"$1\" and (${2:-true})"
}

# expect_drift ID PATH REASON: exactly one drift alert for PATH, with that reason, the exec done
expect_drift() {
	local n
	n=$(drift_alerts "$1" ".file.path == \"$2\"" | wc -l)
	[ "$n" = 1 ] || die "$2: $n drift alerts, not 1: $(drift_alerts "$1" | jq -c '[.file.path, .vigil.drift.reason]')"
	drift_alerts "$1" ".file.path == \"$2\"" |
		json_ok --arg r "$3" '.vigil.drift.reason == $r and .event.outcome == "success" and
			.rule.id == "container-drift" and .event.category == ["process"] and .vigil.syscall_nr > 0' ||
		die "$2: not a $3 drift alert: $(drift_alerts "$1" ".file.path == \"$2\"")"
}

test_drift_written_tmpfs_volume_memfd_deleted() {
	mkdir -p "$WORK/dvol" "$WORK/dro"
	cp "$WORK/rootfs/usr/bin/probe" "$WORK/dro/tool" # on a read-only volume: never drift
	vigil_start
	run_ctr drift --tmpfs /tmp:exec -v "$WORK/dvol:/vol" -v "$WORK/dro:/ro:ro" "$IMAGE" sh -c '
		cp /usr/bin/probe /usr/local-tool && /usr/local-tool mark /tmp/a &&
		cp /usr/bin/probe /tmp/tool && /tmp/tool mark /tmp/b &&
		cp /usr/bin/probe /vol/tool && /vol/tool mark /tmp/c &&
		probe memfd-exec mark /tmp/d && probe deleted-exec /vol mark /tmp/e &&
		/ro/tool mark /tmp/f && ls /tmp/a /tmp/b /tmp/c /tmp/d /tmp/e /tmp/f'
	ctr_ok drift
	sleep 1
	vigil_stop
	local id
	id=$(cid drift)
	expect_drift "$id" /usr/local-tool written-after-start
	# who wrote it: cp, a process of this container
	drift_alerts "$id" '.file.path == "/usr/local-tool"' | json_ok '.vigil.drift.writer.name == "cp" and
		.vigil.drift.writer.pid > 0 and (.vigil.drift.writer.entity_id | type) == "string" and
		.process.executable == "/usr/local-tool" and .process.args == ["/usr/local-tool", "mark", "/tmp/a"] and
		(.file.inode | type) == "string"' || die "written-after-start: writer or process wrong"
	expect_drift "$id" /tmp/tool tmpfs
	expect_drift "$id" /vol/tool volume
	expect_drift "$id" /vol/vigil-deleted deleted
	[ "$(drift_alerts "$id" '.vigil.drift.reason == "memfd" and .file.name == "memfd:vigil-drift" and (.file.path == null)' | wc -l)" = 1 ] ||
		die "memfd: $(drift_alerts "$id" '.vigil.drift.reason == "memfd"')"
	# five, not six: the read-only volume's tool and every image binary (sh, cp, probe, ls) are not drift
	expect_eq "$(drift_alerts "$id" | wc -l)" 5 "drift alerts"
}

# What must stay silent: image binaries after chmod 755 / touch / chown (copied up, content the
# image's), docker exec, a JIT's anonymous executable memory; then one real drop, so the test
# cannot pass against an agent that reports nothing.
test_drift_copied_up_image_binaries_and_jit_are_not_drift() {
	vigil_start
	docker run -d --rm --network none --name "vigil-drift-$$" --cidfile "$WORK/dq.cid" "$IMAGE" sleep 30 >/dev/null
	local id
	id=$(cat "$WORK/dq.cid")
	docker exec "vigil-drift-$$" sh -c 'chmod 755 /bin/busybox && touch /usr/bin/probe && chown 0:0 /usr/bin/probe-suid &&
		chmod 644 /etc/motd && /bin/busybox true && probe anon-exec && probe-suid anon-exec && cat /etc/motd' >/dev/null ||
		die "the image's binaries did not run"
	docker exec "vigil-drift-$$" probe mark /tmp/x || die "docker exec of an image binary failed"
	docker exec "vigil-drift-$$" sh -c 'cp /usr/bin/probe /tmp/bb && /tmp/bb mark /tmp/y' || die "the drop did not run"
	sleep 1
	docker rm -f "vigil-drift-$$" >/dev/null
	vigil_stop
	expect_eq "$(drift_alerts "$id" '.file.path != "/tmp/bb"' | wc -l)" 0 "drift alerts of image binaries"
	expect_drift "$id" /tmp/bb written-after-start
	# the entrypoint and the runtime's setup: no drift alert in any container of this run
	expect_eq "$(alerts '.event.action == "drift" and .file.path != "/tmp/bb"' | wc -l)" 0 "other drift alerts"
}

test_drift_modes_and_volumes_switch() {
	mkdir -p "$WORK/dv2"
	vigil_start --drift-volumes off
	jq -c 'select(.event.action == "agent-start")' "$OUT" | json_ok '.vigil.drift == {"mode": "monitor", "volumes": false}' ||
		die "agent-start does not say the drift settings"
	run_ctr dv -v "$WORK/dv2:/vol" "$IMAGE" sh -c 'cp /usr/bin/probe /vol/t && /vol/t mark /tmp/a && cp /usr/bin/probe /t && /t mark /tmp/b'
	ctr_ok dv
	sleep 1
	vigil_stop
	expect_eq "$(drift_alerts "$(cid dv)" '.file.path == "/vol/t"' | wc -l)" 0 "volume drift with --drift-volumes off"
	expect_drift "$(cid dv)" /t written-after-start

	vigil_start --drift off
	run_ctr doff "$IMAGE" sh -c 'cp /usr/bin/probe /t && /t mark /tmp/b'
	ctr_ok doff
	sleep 1
	vigil_stop
	expect_eq "$(drift_alerts "$(cid doff)" | wc -l)" 0 "drift alerts with --drift off"
	# the rootfs write itself is still reported
	[ "$(alerts ".container.id == \"$(cid doff)\" and .event.action == \"rootfs-write\"" | wc -l)" -ge 1 ] ||
		die "--drift off silenced rootfs-write"
	"$VIGIL" --drift sometimes 2>"$WORK/bad.err" && die "--drift sometimes accepted"
	grep -q "drift" "$WORK/bad.err" || die "no clear error for a bad --drift"
	if "$VIGIL" --drift enforce --backend tracepoint --output /dev/null 2>"$WORK/bad2.err"; then
		die "--drift enforce accepted on the tracepoint backend"
	fi
	grep -q "lsm" "$WORK/bad2.err" || die "no reason given: $(cat "$WORK/bad2.err")"
}

# A write vigil saw before it was restarted is still the container's after: no, unless pinned;
# here: a file written while vigil ran, and a container removed drops its entries (no leak).
test_drift_files_forgotten_with_their_container() {
	vigil_start
	local i
	for i in 1 2 3; do
		run_ctr "df$i" "$IMAGE" sh -c 'for n in 1 2 3 4 5 6 7 8 9 10; do echo x > /f$n; done; cp /usr/bin/probe /t && /t mark /tmp/b'
		ctr_ok "df$i"
	done
	sleep 1
	local n
	n=$(bpftool map dump name drift_written -j 2>/dev/null | jq length) || n=unknown
	vigil_stop
	for i in 1 2 3; do expect_drift "$(cid "df$i")" /t written-after-start; done
	expect_eq "$n" 0 "drift_written entries after the containers went"
}

# The bound (4,096 written files per container) costs false alarms, never a miss: one
# tracking-full alert, then a drop written after it is drift by its ctime ("untracked"), while an
# image binary touched before the bound filled still runs silently.
test_drift_bound_full_is_reported_not_a_blind_spot() {
	vigil_start
	run_ctr dfull "$IMAGE" sh -c 'touch /usr/bin/probe && mkdir /d && i=0
		while [ $i -lt 4200 ]; do : > /d/f$i; i=$((i+1)); done
		sleep 1; cp /usr/bin/probe /t && /t mark /tmp/b && probe mark /tmp/c'
	ctr_ok dfull
	sleep 1
	vigil_stop
	local id
	id=$(cid dfull)
	expect_eq "$(alerts ".container.id == \"$id\" and .vigil.drift.tracking_full == true" | wc -l)" 1 "tracking-full alerts"
	alerts ".container.id == \"$id\" and .vigil.drift.tracking_full == true" |
		json_ok '.vigil.operation == "track" and .vigil.drift.tracked_max == 4096' ||
		die "tracking-full alert: $(alerts ".container.id == \"$id\" and .vigil.drift.tracking_full == true")"
	expect_drift "$id" /t untracked
	expect_eq "$(drift_alerts "$id" '.file.path == "/usr/bin/probe"' | wc -l)" 0 "drift alerts of the image's probe"
}

# drift-script: `sh FILE` runs the image's sh on a dropped script. Each read is one lower-severity
# finding, never a denial; `sh -c` (code in the argument) and a script on a read-only volume are not.
# An image file of the script's name read first (python reads its site.py before /tmp/site.py; here a
# stand-in interpreter, the probe run as "python") does not hide it.
test_drift_script_read_by_an_interpreter() {
	mkdir -p "$WORK/dsro"
	printf 'probe mark /tmp/ro-ran\n' >"$WORK/dsro/ok.sh"
	vigil_start
	run_ctr dscript --tmpfs /tmp:exec -v "$WORK/dsro:/ro:ro" "$IMAGE" sh -c '
		printf "probe mark /tmp/a\n" > /tmp/x.sh && sh /tmp/x.sh &&
		printf "probe mark /tmp/b\n" > /s.sh && cd / && sh -x s.sh &&
		sh /ro/ok.sh && sh -c "probe mark /tmp/c" &&
		echo x > /tmp/passwd && (exec -a python /usr/bin/probe /etc/passwd /tmp/passwd) &&
		ls /tmp/a /tmp/b /tmp/c /tmp/ro-ran'
	ctr_ok dscript
	sleep 1
	vigil_stop
	local id
	id=$(cid dscript)
	scripts() { alerts ".event.action == \"drift-script\" and .container.id == \"$id\" and ($1)"; }
	scripts '.file.path == "/tmp/x.sh"' | json_ok '.vigil.drift.reason == "tmpfs" and .process.name == "sh" and
		.rule.id == "container-drift-script" and .event.severity == 5 and .vigil.operation == "script"' ||
		die "sh /tmp/x.sh: $(scripts true)"
	scripts '.file.path == "/s.sh"' | json_ok '.vigil.drift.reason == "written-after-start"' ||
		die "sh -x s.sh: $(scripts true)"
	scripts '.file.path == "/tmp/passwd"' | json_ok '.vigil.drift.reason == "tmpfs"' ||
		die "python /etc/passwd /tmp/passwd: $(scripts true)"
	expect_eq "$(scripts true | wc -l)" 3 "drift-script alerts (the read-only volume's script and sh -c are not)"
	expect_eq "$(drift_alerts "$id" | wc -l)" 0 "drift alerts (sh is the image's)"
}

# drift-script: the image's interpreter under another name is still one: a hard link (a rootfs write
# of its own), a symlink, a rename (the inode the entrypoint's userspace pass found), busybox naming
# its applet (busybox sh FILE), by another name busybox answers to, as a login shell (-sh); and an
# option before the script (sh -e FILE); a script given as /dev/fd/N to an interpreter that opens
# another file first (ld.so.cache, for a dynamically linked one). The stand-in interpreter (the probe)
# acts on PROBE_INTERPRETER.
test_drift_script_interpreter_under_another_name() {
	vigil_start
	run_ctr dsname --tmpfs /tmp:exec "$IMAGE" sh -c '
		for f in a b c; do echo x > /tmp/$f.py; done; for f in d e f g; do echo : > /tmp/$f.sh; done; sleep 0.5
		export PROBE_INTERPRETER=1
		ln /usr/bin/python3 /p && /p /tmp/a.py &&
		ln -s /usr/bin/python3 /tmp/q && /tmp/q /tmp/b.py &&
		mv /usr/bin/python3 /usr/bin/r && /usr/bin/r /tmp/c.py &&
		busybox sh /tmp/d.sh && sh -e /tmp/e.sh && (exec -a busybox-x /bin/busybox sh /tmp/f.sh) &&
		(exec -a -sh /bin/busybox /tmp/g.sh) && echo x > /tmp/h.py &&
		PROBE_READ_FIRST=/etc/motd /usr/bin/r /dev/fd/3 3</tmp/h.py &&
		echo x > /tmp/i.py && echo x > /tmp/j.py && cd /tmp &&
		PROBE_READ_FIRST=/etc/motd /usr/bin/r /proc/self/cwd/i.py &&
		PROBE_READ_FIRST=/etc/motd /usr/bin/r /dev/fd/./3 3</tmp/j.py &&
		rm /dev/fd && mkdir /dev/fd && echo : > /dev/fd/3 && sh /dev/fd/3 && cat /tmp/a.py >/dev/null'
	ctr_ok dsname
	sleep 1
	vigil_stop
	local id f
	id=$(cid dsname)
	scripts() { alerts ".event.action == \"drift-script\" and .container.id == \"$id\" and ($1)"; }
	# /dev/fd/3 last: a directory the container put where the /dev/fd link was, holding a file "3"
	for f in /tmp/a.py /tmp/b.py /tmp/c.py /tmp/d.sh /tmp/e.sh /tmp/f.sh /tmp/g.sh /tmp/h.py /tmp/i.py /tmp/j.py /dev/fd/3; do
		scripts ".file.path == \"$f\"" | json_ok '.vigil.drift.reason == "tmpfs"' ||
			die "$f: $(scripts true)"
	done
	expect_eq "$(scripts true | wc -l)" 11 "drift-script alerts (cat is busybox, as sh is: not an interpreter)"
}
