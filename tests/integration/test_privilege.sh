# shellcheck shell=bash
# vigil's own privileges: after start-up it holds only what it reports in
# agent-start (vigil.capabilities), in every thread, with no_new_privs; the
# agent process itself can no longer mount, load BPF or change uid; it runs
# as a non-root user with a handful of capabilities; and it refuses to run
# from a binary anyone could replace.

# status_caps PID FIELD: the FIELD (CapEff, CapPrm, ...) of every thread of PID, one per line
status_caps() {
	local t
	for t in /proc/"$1"/task/*; do awk -v f="$2:" '$1 == f { print $2 }' "$t/status"; done
}

# cap_names HEX: "cap_a,cap_b" (capsh's spelling), "" for none
cap_names() {
	capsh --decode="$1" | cut -d= -f2
}

# in_process PID: runs mount(2), bpf(BPF_PROG_LOAD) and setuid(1000) inside
# PID (gdb calls them there) and prints each call's errno, 0 for success
in_process() {
	local target="$WORK/$TEST.mnt"
	mkdir -p "$target"
	gdb -p "$1" -batch -nx \
		-ex 'set $errno = (int*(*)(void))__errno_location' \
		-ex "print ((int(*)(char*,char*,char*,unsigned long,void*))mount)(\"none\", \"$target\", \"tmpfs\", 0, 0) == 0 ? 0 : *\$errno()" \
		-ex 'print ((long(*)(long,long,long,long))syscall)(321, 5, 0, 0) >= 0 ? 0 : *$errno()' \
		-ex 'print ((int(*)(unsigned int))setuid)(1000) == 0 ? 0 : *$errno()' 2>/dev/null |
		sed -n 's/^\$[0-9]* = //p' | paste -sd' '
	umount "$target" 2>/dev/null || true
}

test_privilege_agent_keeps_only_what_it_reports() {
	local kept eff
	vigil_start
	kept=$(head -1 "$OUT" | jq -r '.vigil.capabilities | map(ascii_downcase) | sort | join(",")')
	echo "agent-start says it keeps: ${kept:-nothing}"
	# every thread (sinks, metadata worker) holds exactly that, permitted and effective alike
	for f in CapEff CapPrm CapBnd; do
		for eff in $(status_caps "$VIGIL_PID" $f | sort -u); do
			expect_eq "$(cap_names "$eff" | tr ',' '\n' | sort | paste -sd,)" "$kept" "$f"
		done
	done
	expect_eq "$(status_caps "$VIGIL_PID" CapInh | sort -u)" 0000000000000000 "CapInh"
	expect_eq "$(status_caps "$VIGIL_PID" CapAmb | sort -u)" 0000000000000000 "CapAmb"
	expect_eq "$(awk '$1 == "NoNewPrivs:" { print $2 }' /proc/"$VIGIL_PID"/status)" 1 "no_new_privs"
	# and it still works: an alert with metadata from the Docker socket
	run_ctr priv "$IMAGE" sh -c 'echo x > /after-the-drop'
	wait_for_alert '.file.path == "/after-the-drop" and .container.name != null' "$OUT" ||
		die "no alert with metadata after dropping capabilities"
	vigil_stop
}

test_privilege_agent_cannot_do_what_it_dropped() {
	local control got
	# the probe works: a root process with every capability may mount and
	# setuid, and gets past bpf()'s capability check (an empty attr: E2BIG=7)
	sleep 30 &
	control=$(in_process $!)
	kill $!
	echo "errno in a privileged process (mount bpf setuid): $control"
	[[ "$control" =~ ^0\ [0-9]+\ 0$ && "$control" != "0 1 0" ]] || die "the in-process probe does not work: $control"
	vigil_start
	got=$(in_process "$VIGIL_PID")
	echo "errno inside vigil (mount bpf setuid): $got"
	expect_eq "$got" "1 1 1" "EPERM inside vigil"
	vigil_stop
}

test_privilege_non_root_with_capabilities() {
	local caps=+bpf,+perfmon,+dac_read_search,+dac_override,+syslog
	OUT="$WORK/$TEST.json"
	install -o nobody -m 0644 /dev/null "$OUT"
	setpriv --reuid=nobody --regid=nogroup --clear-groups --inh-caps=$caps --ambient-caps=$caps \
		"$VIGIL" --output "$OUT" 2>"$WORK/$TEST.stderr" &
	VIGIL_PID=$!
	wait_for_start "$OUT" || die "vigil did not start as nobody: $(cat "$WORK/$TEST.stderr")"
	expect_eq "$(awk '$1 == "Uid:" { print $2 }' /proc/"$VIGIL_PID"/status)" "$(id -u nobody)" "uid"
	head -1 "$OUT" | json_ok '.vigil.unavailable == [] and
		(.vigil.capabilities | sort) == ["CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH"]' >/dev/null ||
		die "agent-start as nobody: $(head -1 "$OUT" | jq -c .vigil)"
	run_ctr nonroot "$IMAGE" sh -c 'echo x > /by-nobody; probe setresuid 1000 1000 1000'
	wait_for_alert '.file.path == "/by-nobody" and .container.name != null' "$OUT" || die "no rootfs-write alert"
	wait_for_alert '.event.action == "setuid"' "$OUT" || die "no setuid alert"
	sleep 1.2	# one more pass of the once-a-second work (the cap_dedup iterator among it)
	vigil_stop
	# the kernel's refusals are said once at start (agent-start lists them too); nothing else
	expect_eq "$(grep -v '^vigil: the kernel refuses ' "$WORK/$TEST.stderr")" "" "stderr of vigil as nobody"
}

test_privilege_refuses_a_replaceable_binary() {
	local dir="$WORK/$TEST" rc
	mkdir -p "$dir/bin"
	chmod 0755 "$dir" "$dir/bin"
	cp "$VIGIL" "$dir/bin/vigil"
	# a safe copy gets past the check (and stops at the unwritable output: exit 2)
	rc=0; "$dir/bin/vigil" --output /nonexistent-dir/x 2>"$WORK/$TEST.e0" || rc=$?
	expect_eq "$rc" 2 "safe copy"
	chmod o+w "$dir/bin/vigil"
	rc=0; "$dir/bin/vigil" 2>"$WORK/$TEST.e1" || rc=$?
	expect_eq "$rc" 1 "world-writable binary"
	expect_eq "$(wc -l <"$WORK/$TEST.e1")" 1 "one line on stderr"
	grep -q "$dir/bin/vigil is world-writable" "$WORK/$TEST.e1" || die "message: $(cat "$WORK/$TEST.e1")"
	chmod o-w "$dir/bin/vigil"
	chmod 0777 "$dir/bin"
	rc=0; "$dir/bin/vigil" 2>"$WORK/$TEST.e2" || rc=$?
	expect_eq "$rc" 1 "world-writable directory"
	grep -q "$dir/bin is world-writable" "$WORK/$TEST.e2" || die "message: $(cat "$WORK/$TEST.e2")"
	# sticky, like /tmp: others cannot replace what they do not own
	chmod 1777 "$dir/bin"
	rc=0; "$dir/bin/vigil" --output /nonexistent-dir/x 2>/dev/null || rc=$?
	expect_eq "$rc" 2 "sticky directory"
}

# in_process_confined PID: inside PID (gdb), the errno of execve of a missing
# file, ptrace(PTRACE_GETREGS) of itself, memfd_create, bpf(BPF_PROG_LOAD)
# and bpf(BPF_MAP_LOOKUP_ELEM) with an empty attribute, kill(1, 0), a
# netlink socket and mount(2) onto a missing directory (ENOENT comes before
# the capability check); 0 for success
in_process_confined() {
	gdb -p "$1" -batch -nx \
		-ex 'set $errno = (int*(*)(void))__errno_location' \
		-ex 'print ((long(*)(long,long,long,long))syscall)(59, (long)"/nonexistent-vigil", 0, 0) >= 0 ? 0 : *$errno()' \
		-ex 'print ((long(*)(long,long,long,long,long))syscall)(101, 12, (long)((int(*)(void))getpid)(), 0, 0) >= 0 ? 0 : *$errno()' \
		-ex 'print ((long(*)(long,long,long))syscall)(319, (long)"vigil-probe", 0) >= 0 ? 0 : *$errno()' \
		-ex 'print ((long(*)(long,long,long,long))syscall)(321, 5, 0, 0) >= 0 ? 0 : *$errno()' \
		-ex 'print ((long(*)(long,long,long,long))syscall)(321, 1, 0, 0) >= 0 ? 0 : *$errno()' \
		-ex 'print ((long(*)(long,long,long))syscall)(62, 1, 0) >= 0 ? 0 : *$errno()' \
		-ex 'print ((long(*)(long,long,long,long))syscall)(41, 16, 3, 0) >= 0 ? 0 : *$errno()' \
		-ex 'print ((long(*)(long,long,long,long,long,long))syscall)(165, 0, (long)"/nonexistent-vigil", 0, 0, 0) >= 0 ? 0 : *$errno()' 2>/dev/null |
		sed -n 's/^\$[0-9]* = //p' | paste -sd' '
}

# in_process_creates_socket PID: inside PID (gdb), the errno of socket(AF_UNIX, SOCK_STREAM); 0 for success
in_process_creates_socket() {
	gdb -p "$1" -batch -nx -ex 'set $errno = (int*(*)(void))__errno_location' \
		-ex 'print ((long(*)(long,long,long,long))syscall)(41, 1, 1, 0) >= 0 ? 0 : *$errno()' 2>/dev/null |
		sed -n 's/^\$[0-9]* = //p'
}

# Once started, vigil's system calls are those of deploy/seccomp/vigil.syscalls
# (user/sys/confine.c): exec, ptrace, memfd_create, a BPF load, signalling
# another process, a netlink socket and mount fail with EPERM in every thread,
# while bpf(2)'s map commands still pass. The same agent with --seccomp off
# is the control: there the same calls get past.
test_privilege_seccomp_filter_confines_the_running_agent() {
	local off on helper
	AGENT_PROFILE= vigil_start --seccomp off # outside the suite's profile too: the control
	off=$(in_process_confined "$VIGIL_PID")
	expect_eq "$(head -1 "$OUT" | jq -r .vigil.seccomp)" off "vigil.seccomp with --seccomp off"
	helper=$(pgrep -P "$VIGIL_PID" -x vigil-resolve) || die "no vigil-resolve helper"
	expect_eq "$(in_process_creates_socket "$helper")" 0 "socket(AF_UNIX) in the helper with --seccomp off"
	vigil_stop
	echo "errno in vigil --seccomp off (execve ptrace memfd bpf-load bpf-lookup kill netlink mount): $off"
	[[ "$off" =~ ^2\ 3\ 0\ [0-9]+\ ([0-9]+)\ 0\ 0\ 2$ && "${BASH_REMATCH[1]}" != 1 ]] ||
		die "the control does not show the calls getting past: $off"
	vigil_start
	expect_eq "$(head -1 "$OUT" | jq -r .vigil.seccomp)" on "vigil.seccomp by default"
	on=$(in_process_confined "$VIGIL_PID")
	echo "errno in vigil (execve ptrace memfd bpf-load bpf-lookup kill netlink mount): $on"
	expect_eq "$(cut -d' ' -f1-4,6-8 <<<"$on")" "1 1 1 1 1 1 1" "EPERM from the filter"
	expect_eq "$(cut -d' ' -f5 <<<"$on")" "$(cut -d' ' -f5 <<<"$off")" "bpf(BPF_MAP_LOOKUP_ELEM) passes the filter"
	# the path resolver helper, forked before, carries a filter of its own: socket(2) is not in it
	helper=$(pgrep -P "$VIGIL_PID" -x vigil-resolve) || die "no vigil-resolve helper"
	expect_eq "$(in_process_creates_socket "$helper")" 1 "socket(AF_UNIX) in the helper: EPERM"
	# every thread carries the filter (sinks, metadata worker, metrics server)
	expect_eq "$(awk '/^Seccomp:/ { print $2 }' /proc/"$VIGIL_PID"/task/*/status | sort -u)" 2 "Seccomp mode of every thread"
	# and the agent works under it: an alert with the container's name
	run_ctr confined "$IMAGE" sh -c 'echo x > /under-the-filter'
	wait_for_alert '.file.path == "/under-the-filter" and .container.name != null' "$OUT" ||
		die "no alert with metadata under the filter"
	vigil_stop
}

# in_process_creates PID PATH...: inside PID (gdb), the errno of creating
# each PATH for writing (openat(AT_FDCWD, PATH, O_WRONLY|O_CREAT)); 0 for success
in_process_creates() {
	local pid=$1 args=() p
	shift
	for p in "$@"; do
		args+=(-ex "print ((long(*)(long,long,long,long,long))syscall)(257, -100, (long)\"$p\", 65, 384) >= 0 ? 0 : *\$errno()")
	done
	gdb -p "$pid" -batch -nx -ex 'set $errno = (int*(*)(void))__errno_location' "${args[@]}" 2>/dev/null |
		sed -n 's/^\$[0-9]* = //p' | paste -sd' '
}

# Once started, vigil writes nothing on the host but in its --output file's
# directory (Landlock, user/sys/landlock.c): creating a root-owned file
# elsewhere fails with EACCES although vigil is uid 0, and the rotation of the
# output (renamed, SIGHUP, the next file created) still works. The control:
# --landlock off, where the same creation succeeds.
test_privilege_landlock_confines_the_agents_writes() {
	local probe=/etc/vigil-landlock-probe off on
	rm -f "$probe"
	vigil_start --landlock off
	expect_eq "$(head -1 "$OUT" | jq -r .vigil.landlock)" off "vigil.landlock with --landlock off"
	off=$(in_process_creates "$VIGIL_PID" "$probe")
	vigil_stop
	[ -e "$probe" ] || die "the control could not create $probe ($off)"
	rm -f "$probe"
	expect_eq "$off" 0 "creating $probe with --landlock off"
	vigil_start
	expect_eq "$(head -1 "$OUT" | jq -r .vigil.landlock)" on "vigil.landlock by default"
	on=$(in_process_creates "$VIGIL_PID" "$probe" "$WORK/landlock-allowed")
	echo "errno in vigil creating $probe and a file beside its output: $on"
	expect_eq "$on" "13 0" "EACCES outside the output's directory, success beside it"
	[ ! -e "$probe" ] || die "$probe was created through Landlock"
	mv "$OUT" "$OUT.1"
	kill -HUP "$VIGIL_PID"
	for _ in $(seq 1 50); do [ -s "$OUT" ] && break; sleep 0.1; done
	[ -e "$OUT" ] || die "no new output file after the rotation"
	run_ctr landlocked "$IMAGE" sh -c 'echo x > /under-landlock'
	wait_for_alert '.file.path == "/under-landlock"' "$OUT" || die "no alert in the rotated output"
	vigil_stop
}
