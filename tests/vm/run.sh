#!/usr/bin/env bash
# Boots Debian kernels in QEMU (software emulation) with vigil and runc in an
# initramfs, runs tests/vm/guest.sh there, and checks what came out.
#   tests/vm/run.sh            every kernel in KERNELS
# Kernel packages come from Debian via apt (apt-get download; nothing is
# installed on the host). A VM that hangs fails after VM_TIMEOUT seconds.
set -uo pipefail
cd "$(dirname "$0")/../.."
. tests/vm/lib.sh

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

# process.working_directory and process.parent.executable (the entrypoint's parent: runc, outside the container)
check_process_context() {
	check "process.working_directory after cd /tmp" \
		"$(alerts_of '.file.path == "/etc/dotdot" and .process.working_directory == "/tmp"') == 1"
	check "process.parent.executable: runc, from the host's root" \
		"$(alerts_of '.file.path == "/written" and .process.parent.executable == "/usr/sbin/runc"') == 1"
}

alerts_of() { # jq condition -> count expression
	echo "[.[] | select(.event.kind == \"alert\" and .event.action != \"posture\" and .container.id == \"$ID\") | select($1)] | length"
}

# The adversarial table (tests/cases/adversarial.tsv): alerts, and the rootfs on disk.
check_adv() { # backend enforce
	local out
	out=$(adv_check "$SHARE/out/$SCEN/vigil.json" "$ID" "$1" "$2" "$SHARE/out/$SCEN/upper.txt")
	passed=$((passed + $(grep -c '^ok' <<<"$out")))
	failed=$((failed + $(grep -c '^FAIL' <<<"$out")))
	skipped=$((skipped + $(grep -c '^skip' <<<"$out")))
	sed -E "s/^(ok  |FAIL|skip) /\1 $KREL $SCEN: /" <<<"$out"
}

# The shared table (tests/cases/detections.tsv), with the backend's outcome.
check_table() { # outcome
	local out
	out=$(cases_check "$SHARE/out/$SCEN/vigil.json" "$ID" "$1")
	passed=$((passed + $(grep -c '^ok' <<<"$out")))
	failed=$((failed + $(grep -c '^FAIL' <<<"$out")))
	skipped=$((skipped + $(grep -c '^skip' <<<"$out")))
	sed -E "s/^(ok  |FAIL|skip) /\1 $KREL $SCEN: /" <<<"$out"
}

# The agent holds exactly the capabilities agent-start lists. Since 5.19 a
# kernel with unprivileged BPF disabled still lets a process without CAP_BPF
# use map and link fds it holds, so vigil must not keep CAP_BPF on these
# kernels (its start-up probe decides; the sysctl is set in the guest).
check_privileges() {
	local d="$SHARE/out/$SCEN" held listed
	held=$(capsh --decode="$(cat "$d/capeff")" | cut -d= -f2 | tr a-z A-Z | tr ',' '\n' | grep . | sort | paste -sd,)
	listed=$(jq -r 'select(.event.action == "agent-start") | .vigil.capabilities | sort | join(",")' "$d/vigil.json")
	[ "$held" = "$listed" ] && ok "capabilities held = listed ($listed)" || bad "capabilities held $held, listed $listed"
	[ "$(cat "$d/unprivileged-bpf-disabled")" != 0 ] && [[ ",$listed," != *,CAP_BPF,* ]] &&
		ok "CAP_BPF dropped with unprivileged BPF disabled" || bad "CAP_BPF kept, or unprivileged BPF enabled in the guest"
}

check_common() { # backend enforce
	check_privileges
	check "agent-start: backend $1, enforce $2" ".[0].vigil.backend == \"$1\" and .[0].vigil.enforce == $2"
	check "agent-stop last, exit 0" '.[-1].event.action == "agent-stop"'
	check_file "container ran to its end (runc exit 0)" container-exit 0 present
	check_file "vigil exit 0" vigil-exit 0 present
	check "volume write quiet" "$(alerts_of '.file.path? // "" | startswith("/data")') == 0"
	check "nothing from runc setup" '[.[] | select(.event.kind == "alert" and (.process.name | test("^runc")))] | length == 0'
	check_file "volume file on disk" volume.txt volume-file present
}

# A refusal scenario in which vigil must start: the policy acted, vigil
# names exactly the refused programs (degraded) and the detections' states.
check_refusal_started() { # refused-programs(regex) states(jq object)
	check_file "policy in place and acted" refuse.log 'refused [1-9][0-9]* loads' present
	check "agent-start names the refused programs, and only them" \
		"[.[0].vigil.degraded[] | capture(\"^(?<p>[a-z_]+) refused\").p] | sort == ($1 | sort)"
	check "detection states $2" ".[0].vigil.detection_state == $2"
	check_file "vigil exit 0" vigil-exit 0 present
	check_file "container ran to its end" container-exit 0 present
}

# A refusal scenario in which vigil must refuse to start, naming the program.
check_refusal_refused() { # program
	check_file "policy in place and acted" refuse.log 'refused [1-9][0-9]* loads' present
	check_file "vigil exit 1" vigil-exit 1 present
	if grep -q "$1" "$SHARE/out/$SCEN/vigil.stderr" 2>/dev/null; then ok "stderr names $1"; else bad "stderr names $1"; fi
	if grep -q agent-start "$SHARE/out/$SCEN/vigil.json" 2>/dev/null; then bad "no agent-start"; else ok "no agent-start"; fi
}

# container.sh: setresuid32(1000) by int 0x80, then a fork; seen as the call itself.
check_ia32_setuid() {
	check_file "the 32-bit setresuid32 ran" container.log ia32-setuid-done present
	check "setresuid32 (int 0x80) reported as itself" \
		"$(alerts_of '.event.action == "setuid" and .vigil.syscall == "setresuid32" and .vigil.ia32 and .process.user.id == "1000"') == 1"
	check "and not again at the fork" "$(alerts_of '.vigil.operation == "unseen"') == 0"
}

ALL_ACTIVE='{"rootfs-write":"active","setuid":"active","mount":"active","capability":"active","drift":"active"}'

check_scenario() {
	case $SCEN in
	refuse-map-iter)
		check_refusal_started '["vigil_dedup_tails"]' "$ALL_ACTIVE"
		check_table unknown
		;;
	refuse-task-iter)
		# without it, containers that ran at start have no root superblock and their threads no snapshot
		check_refusal_started '["vigil_snapshot_tasks"]' \
			'{"rootfs-write":"degraded","setuid":"degraded","mount":"active","capability":"active","drift":"active"}'
		check_table unknown
		;;
	refuse-raw-tp)
		check_refusal_started '["vigil_dedup_take","vigil_whoami"]' "$ALL_ACTIVE"
		check_table unknown
		;;
	refuse-lsm-chmod)
		check_refusal_started '["vigil_lsm_path_chmod"]' \
			'{"rootfs-write":"degraded","setuid":"active","mount":"active","capability":"active","drift":"degraded"}'
		check "the other rootfs hooks still report: /written" "$(alerts_of '.file.path == "/written"') == 1"
		check "no chmod alert (its hook is refused)" "$(alerts_of '.vigil.operation == "chmod"') == 0"
		;;
	refuse-lsm-chmod-enforce) check_refusal_refused vigil_lsm_path_chmod ;;
	refuse-lsm-capable)
		check_refusal_started '["vigil_lsm_capable"]' \
			'{"rootfs-write":"active","setuid":"active","mount":"active","capability":"unavailable","drift":"active"}'
		check "no capability alert" "$(alerts_of '.event.action == "capability"') == 0"
		check_table unknown
		;;
	refuse-tracepoint)
		# drift's exec program is tp_btf: it still judges memfd, deleted, tmpfs and volume execs;
		# drift-script's open program is a tracepoint one, refused too
		check_refusal_started '["vigil_sys_exit","vigil_drift_script_open"]' \
			'{"rootfs-write":"unavailable","setuid":"unavailable","mount":"unavailable","capability":"unavailable","drift":"degraded"}'
		;;
	refuse-core) check_refusal_refused vigil_cgroup_mkdir ;;
	refuse-lsm-require) check_refusal_refused "require all: vigil_lsm_sb_umount refused" ;;
	tracepoint)
		check_common tracepoint false
		check_table success
		check_adv tracepoint false
		check "rootfs write /written, success" "$(alerts_of '.file.path == "/written" and .event.outcome == "success"') == 1"
		check "mkdir /newdir" "$(alerts_of '.file.path == "/newdir" and .vigil.operation == "mkdir"') == 1"
		check_process_context
		check "container-start once: not privileged, SYS_ADMIN added" \
			"[.[] | select(.event.action == \"container-start\" and .container.id == \"$ID\")] | length == 1 and
			(.[0].container.security_context.privileged == false) and
			(.[0].vigil.posture.added_capabilities | index(\"CAP_SYS_ADMIN\") != null)"
		check_file "/written on disk" upper.txt ./written present
		check "--watch-ia32: the kernel takes 32-bit syscalls, no blind spot left" \
			'.[0].vigil.ia32_syscalls == true and (.[0].vigil.blind_spots | map(test("32-bit")) | any | not)'
		check_ia32_setuid
		;;
	lsm)
		check_common lsm false
		check_table unknown
		check_adv lsm false
		check "lsm/file_open reported /written once" "$(alerts_of '.file.path == "/written"') == 1"
		check "lsm/path_mkdir reported /newdir" "$(alerts_of '.file.path == "/newdir" and .vigil.operation == "mkdir"') == 1"
		check_process_context
		check "no denied without --enforce" "$(alerts_of '.event.type | index("denied")') == 0"
		check "lsm/capable: no overcommit probes (noaudit)" \
			"$(alerts_of '.vigil.capability.name == "CAP_SYS_ADMIN" and (.process.name | test("^(u?mount|probe)$") | not)') == 0"
		check "no sys_exit program on the LSM backend" '.[0].vigil.programs | map(test("sys_exit")) | any | not'
		check "nothing refused without a policy" '.[0].vigil.degraded == []'
		check_file "/written on disk" upper.txt ./written present
		check_ia32_setuid
		;;
	enforce)
		check_common lsm true
		check_adv lsm true
		check "/written denied, failure" "$(alerts_of '.file.path == "/written" and (.event.type | index("denied")) and .event.outcome == "failure"') >= 1"
		check "/newdir denied" "$(alerts_of '.file.path == "/newdir" and (.event.type | index("denied"))') >= 1"
		check_file "/written not on disk" upper.txt ./written absent
		check_file "/newdir not on disk" upper.txt ./newdir absent
		check "../etc/dotdot from /tmp denied as /etc/dotdot" "$(alerts_of '.file.path == "/etc/dotdot" and (.event.type | index("denied"))') == 1"
		check "write through a symlink denied, reported at its target" "$(alerts_of '.file.path == "/etc/via-symlink" and (.event.type | index("denied"))') == 1"
		check_file "/etc/dotdot not on disk" upper.txt ./etc/dotdot absent
		check_file "/etc/via-symlink not on disk" upper.txt ./etc/via-symlink absent
		check_file "bind-mounted /etc/hosts readable" container.log hosts-readable present
		check_file "/dev/null writable under --enforce" container.log dev-writable present
		check_file "/proc/self/comm writable under --enforce" container.log proc-writable present
		check_file "tmpfs /dev/shm writable under --enforce" container.log tmpfs-writable present
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
		check_file "step 1: the container ran (exit 0)" 1/container-exit 0 present
		check_file "step 3: the container ran (exit 0)" 3/container-exit 0 present
		check_file "pinned enforcement survives SIGKILL: /written not on disk" 1/upper.txt ./written absent
		check_file "after the clean exit of the adopting vigil, still enforced" 3/upper.txt ./written absent
		check_file "vigil --unpin exit 0" unpin-exit 0 present
		check_file "after --unpin the container writes again" 4/upper.txt ./written present
		SCEN=pin/2
		check "a new vigil --pin adopts the pinned state" '.[0].vigil.adopted == true and .[0].vigil.pinned == true'
		check "the adopting vigil reports denied writes" "$(alerts_of '.file.path == "/written" and (.event.type | index("denied"))') >= 1"
		# the handover: every write of the loop denied, on disk and in the stream, before the new vigil and after
		local loops
		loops=$(cat "$SHARE/out/pin/2/loop-count" 2>/dev/null || echo 0)
		[ "$loops" -gt 0 ] && ok "handover: the container wrote in a loop ($loops attempts)" || bad "handover: no loop ran"
		check_file "handover: no loop file on disk" upper-loop.txt 0 present
		check "handover: every attempt reported denied ($loops), the queued ones included" \
			"$(alerts_of '(.file.path // "" | startswith("/loop-")) and (.event.type | index("denied"))') == $loops"
		check "handover: attempts before the new vigil started and after" \
			'(.[0]["@timestamp"]) as $t | [.[] | select(.event.kind == "alert" and (.file.path // "" | startswith("/loop-")))] |
			 (map(select(.["@timestamp"] < $t)) | length) >= 1 and (map(select(.["@timestamp"] > $t)) | length) >= 1'
		check_file "the adopting vigil exits 0 on SIGTERM" vigil-exit 0 present
		SCEN=pin
		;;
	crun)
		# crun is its own init (no re-exec, no runc:[N:...] stages): its setup is as silent
		check "agent-start: backend tracepoint" '.[0].vigil.backend == "tracepoint"'
		check_file "crun container ran to its end (exit 0)" container-exit 0 present
		check "nothing from crun setup" '[.[] | select(.event.kind == "alert" and (.process.name | test("^(crun|runc)")))] | length == 0'
		check "crun: rootfs write /written, success" "$(alerts_of '.file.path == "/written" and .event.outcome == "success"') == 1"
		check "crun: volume write quiet" "$(alerts_of '.file.path? // "" | startswith("/data")') == 0"
		# without --watch-ia32: the blind spot is declared, and the uid change is still told, at the fork
		check "no --watch-ia32: the 32-bit blind spot is declared" \
			'.[0].vigil.ia32_syscalls == true and (.[0].vigil.blind_spots | map(test("32-bit")) | any)'
		check_file "the 32-bit setresuid32 ran" container.log ia32-setuid-done present
		check "setresuid32 (int 0x80) unwatched: reported at the next fork as unseen" \
			"$(alerts_of '.event.action == "setuid" and .vigil.operation == "unseen" and .process.user.id == "1000"') == 1"
		;;
	crun-user)
		check_file "crun --user 1000 container starts and ends (exit 0)" container-exit 0 present
		check "nothing from crun setup (its setuid to 1000 included)" \
			'[.[] | select(.event.kind == "alert" and ((.process.name | test("^(crun|runc)")) or .event.action == "setuid"))] | length == 0'
		check "crun: uid 1000 write to /tmp (1777) denied" "$(alerts_of '.file.path == "/tmp/user-file" and (.event.type | index("denied")) and .process.user.id == "1000"') == 1"
		check_file "crun: /tmp/user-file not on disk" upper.txt ./tmp/user-file absent
		;;
	privileged)
		# the posture a truly privileged runc container gets, from the kernel (cgroup v2 here: devices unknown)
		check "container-start: privileged, by its capabilities" \
			"[.[] | select(.event.action == \"container-start\" and .container.id == \"$ID\")] |
			length == 1 and (.[0].container.security_context.privileged == true) and
			(.[0].vigil.posture.privileged_by | index(\"capabilities\") != null) and .[0].vigil.posture.seccomp == \"disabled\""
		check "posture alert: privileged, severity 2" \
			"[.[] | select(.event.action == \"posture\" and .vigil.posture.check == \"privileged\")] | length == 1 and .[0].event.severity == 2"
		;;
	drift)
		check "agent-start: LSM backend, drift enforced" '.[0].vigil.backend == "lsm" and .[0].vigil.drift.mode == "enforce"'
		check_file "the container ran (exit 0)" container-exit 0 present
		drift_denied() { # name file-path reason [operation]
			check "$1 denied before it ran, alerted ($3)" \
				"$(alerts_of ".event.action == \"drift\" and .file.path == \"$2\" and .vigil.drift.reason == \"$3\" and
				.vigil.operation == \"${4:-exec}\" and (.event.type | index(\"denied\")) and .event.outcome == \"failure\"") >= 1"
		}
		for w in dropped-denied volume-denied memfd-denied deleted-denied script-denied mmap-denied mprotect-denied \
			chmodx-denied rewritten-denied script-by-sh-ran anon-ran image-ran image-map-ran; do
			check_file "$w" drift-results $w present
		done
		for m in dropped volume memfd deleted script chmodx rewritten; do
			check_file "the $m program never ran (no mark)" marks.txt $m absent
		done
		for m in script-by-sh image image-suid; do check_file "$m ran (its mark)" marks.txt $m present; done
		drift_denied "a binary written to /" /dropped written-after-start
		check "its writer: cp" "$(alerts_of '.event.action == "drift" and .file.path == "/dropped" and .vigil.drift.writer.name == "cp"') >= 1"
		drift_denied "a binary on the tmpfs volume" /data/t tmpfs
		check "a memfd, denied" "$(alerts_of '.event.action == "drift" and .vigil.drift.reason == "memfd" and .file.name == "memfd:vigil-drift" and (.event.type | index("denied"))') == 1"
		drift_denied "an unlinked file run from its fd" /tmp/vigil-deleted deleted
		drift_denied "a script by its #! line" /s.sh written-after-start
		drift_denied "an executable mapping (ld.so, dlopen)" /dropped written-after-start mmap
		drift_denied "chmod +x of an image file shipped not executable" /usr/lib/probe-data written-after-start
		drift_denied "an image program rewritten in place" /usr/bin/probe-suid written-after-start
		check "mmap and mprotect: two mapping alerts for /dropped" \
			"$(alerts_of '.event.action == "drift" and .file.path == "/dropped" and .vigil.operation == "mmap"') == 2"
		check "no drift alert for image programs, the JIT or runc" \
			"$(alerts_of '.event.action == "drift" and (.file.path // "" | test("^/(bin|usr/bin/probe$|usr/sbin)")) and .file.path != "/usr/bin/probe-suid"') == 0"
		check "sh /s.sh: a drift-script finding, not denied (the script ran)" \
			"$(alerts_of '.event.action == "drift-script" and .file.path == "/s.sh" and .vigil.drift.reason == "written-after-start" and .event.outcome == "success" and .process.name == "sh"') == 1"
		check "nothing from runc setup" '[.[] | select(.event.kind == "alert" and (.process.name | test("^runc")))] | length == 0'
		;;
	policy)
		check "agent-start: a policy that enforces" '.[0].vigil.backend == "lsm" and .[0].vigil.enforce == true'
		check_file "the container ran (exit 0)" container-exit 0 present
		check_file "allowed writes succeeded" policy-results allowed-ok present
		check_file "allowed files on disk" upper.txt ./allowed/sub/f present
		check_file "/run-app.pid on disk" upper.txt ./run-app.pid present
		check "no alert for an allowed write" \
			"$(alerts_of '((.file.path // "") | test("^/(allowed(/|$)|run-app.pid$|both/)")) and .vigil.operation != "rename" and .vigil.operation != "link" and .file.path != "/allowed/h2"') == 0"
		check "a file with two names: the write through the allowed one denied and alerted" \
			"$(alerts_of '.file.path == "/allowed/h2" and (.event.type | index("denied"))') == 1"
		local w
		for w in sibling-denied sibling-dir-denied neighbour-denied link-in-denied rename-out-denied rename-in-denied dotdot-denied \
			dir-rename-denied linked multi-link-denied; do
			check_file "$w" policy-results $w present
		done
		check_file "/allowed-evil not on disk" upper.txt ./allowed-evil absent
		check_file "/etc/passwd not linked in" upper.txt ./allowed/passwd-link absent
		check_file "/etc/motd not moved in" upper.txt ./allowed/motd absent
		check_file "/etc/dotdot not on disk" upper.txt ./etc/dotdot absent
		check "denials alerted under the rule" \
			"$(alerts_of '.file.path == "/allowed-evil" and (.event.type | index("denied")) and (.rule.name == "vm-all" or .rule.name == "defaults")') == 1"
		check "the writes before policy.sh (container.sh's) denied: /written" \
			"$(alerts_of '.file.path == "/written" and (.event.type | index("denied"))') >= 1"
		# the reload under load
		local loops
		loops=$(cat "$SHARE/out/policy/reload-count" 2>/dev/null || echo 0)
		[ "$loops" -gt 20 ] && ok "the writer looped across the reloads ($loops rounds)" || bad "reload loop ran $loops rounds"
		check_file "a write both versions allow was never denied" volume.txt both-denied absent
		check_file "a write neither allows never succeeded (stream)" volume.txt c-written absent
		[ "$(grep -c '^./c/' "$SHARE/out/policy/upper.txt")" = 0 ] && ok "nothing under /c on disk" ||
			bad "files under /c on disk"
		[ "$(grep -c '^./both/' "$SHARE/out/policy/upper.txt")" = "$loops" ] && ok "every /both write on disk" ||
			bad "/both writes on disk $(grep -c '^./both/' "$SHARE/out/policy/upper.txt") of $loops"
		[ "$(grep -c '^./a/' "$SHARE/out/policy/upper.txt")" -gt 0 ] && [ "$(grep -c '^./b/' "$SHARE/out/policy/upper.txt")" -gt 0 ] &&
			ok "both versions were in force (writes under /a and under /b on disk)" || bad "one version never took effect"
		check "reloaded: the first policy and both versions at least" '[.[] | select(.event.action == "policy-loaded")] | length >= 3'
		check "the broken file rejected once, with its place" \
			'[.[] | select(.event.action == "policy-rejected")] | length == 1 and .[0].vigil.policy.line == 3'
		check "allowed writes counted" '.[-1].vigil.policy.allowed_writes >= '"$loops"
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
passed=0 failed=0 skipped=0
# The kernels boot side by side (one vCPU each, 512 MiB: the host has two
# cores); each guest's status lands in $VM/status-<release>.
krels=()
for k in $KERNELS; do
	fetch_kernel "$k"
	build_initramfs
	krels+=("$KREL:$KDIR")
	rm -f "$VM/status-$KREL"
	(start=$(date +%s); boot; echo "$Q $(($(date +%s) - start))" >"$VM/status-$KREL") &
done
wait
for kk in "${krels[@]}"; do
	KREL=${kk%%:*} KDIR=${kk#*:} SHARE=$VM/share-${kk%%:*}
	read -r Q took <"$VM/status-$KREL" || { Q=255 took=?; }
	echo "# $KREL: qemu status $Q in $took s"
	if ! guest_finished; then
		failed=$((failed + 1))
		echo "FAIL $KREL: the guest did not finish cleanly, in scenario $(cat "$SHARE/out/current-scenario" 2>/dev/null || echo '(none started)')"
		tail -20 "$VM/console-$KREL.log" | sed 's/^/     | /'
		cat "$SHARE/out/guest.log" "$SHARE/out/vigil.stderr" 2>/dev/null | tail -20 | sed 's/^/     | /'
		continue
	fi
	for SCEN in refuse-map-iter refuse-task-iter refuse-raw-tp refuse-lsm-chmod refuse-lsm-chmod-enforce \
		refuse-lsm-capable refuse-tracepoint refuse-core refuse-lsm-require \
		tracepoint lsm enforce enforce-killed enforce-user crun crun-user privileged drift pin policy; do
		check_scenario
	done
	SCEN=tracepoint
	# the capability source follows the kernel: the cap_capable tracepoint (6.13+) or lsm/capable
	# grep -c reads to the end: grep -q would leave early and bpftool's SIGPIPE fail the pipeline
	if [ "$(bpftool btf dump file "$KDIR/vmlinux" 2>/dev/null | grep -c "btf_trace_cap_capable")" -gt 0 ]; then
		check "cap_capable tracepoint in this kernel: capability via the tracepoint" \
			'.[0].vigil.programs | index("tp_btf/cap_capable") != null'
	else
		check "no cap_capable tracepoint in this kernel: reported missing" \
			'.[0].vigil.unavailable | map(test("cap_capable")) | any'
	fi
	# every line vigil wrote on this kernel, in every scenario, against ECS 9.4 (tests/ecs/check.py)
	SCEN=all
	if ecs=$(find "$SHARE/out" -name vigil.json -exec python3 tests/ecs/check.py {} + 2>&1); then
		ok "ECS: $(tail -1 <<<"$ecs")"
	else
		bad "ECS: every line of every scenario"
		sed 's/^/     | /' <<<"$ecs" | tail -20
	fi
done
echo "vm: $passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
