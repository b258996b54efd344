# shellcheck shell=bash
# The shared detection table (detections.tsv): the script a container runs,
# and the check of a stream against it. Used by tests/integration (Docker,
# tracepoint backend) and tests/vm (runc, tracepoint and LSM backends).
CASES_TABLE=${CASES_TABLE:-tests/cases/detections.tsv}

# cases_script: the container's script, each command in its own subshell.
cases_script() {
	awk -F'\t' '!/^#/ && NF == 4 { print "(" $4 ") </dev/null >/dev/null 2>&1" }' "$CASES_TABLE"
}

# cases_check STREAM CONTAINER-ID OUTCOME: one "ok"/"FAIL"/"skip" line per row, and
# one for the outcome every rootfs-write, setuid and mount alert of the
# container carries (the backends differ there: the tracepoint reports after
# the call, "success"; LSM hooks before it, "unknown"). Capability checks and
# set-id execs are reported after the fact by both; io_uring requests, on the
# tracepoint backend, when submitted ("unknown").
# A row is skipped only when agent-start says its detection is "unavailable"
# (vigil.detection_state); a stream without that field, or a table that
# checks no row, fails. Each skip is also appended to $CASES_SKIPS if set.
# Returns the number of failures.
cases_check() {
	local stream=$1 id=$2 outcome=$3 fails=0 checked=0 want action cond cmd got mine state
	mine="[.[] | select(.event.kind == \"alert\" and .event.action != \"posture\" and .container.id == \$id)"
	if ! jq -e -s '.[0].vigil.detection_state | type == "object"' "$stream" >/dev/null 2>&1; then
		echo "FAIL table: agent-start has no vigil.detection_state"
		return 1
	fi
	while IFS=$'\t' read -r want action cond cmd; do
		case $want in '#'* | '') continue ;; esac
		state=$(jq -r -s --arg a "$action" '.[0].vigil.detection_state[$a] // "missing"' "$stream")
		if [ "$state" = unavailable ]; then
			echo "skip table: $cmd ($action detection unavailable here)"
			[ -z "${CASES_SKIPS:-}" ] || echo "table row '$cmd': $action detection unavailable here" >>"$CASES_SKIPS"
			continue
		fi
		checked=$((checked + 1))
		got=$(jq -s --arg id "$id" --arg a "$action" \
			"$mine | select(.event.action == \$a) | select($cond)] | length" "$stream" 2>&1)
		if [ "$got" = "$want" ]; then
			echo "ok   table: $cmd"
		else
			echo "FAIL table: $cmd: expected $want alert(s) with $cond, got $got"
			fails=$((fails + 1))
		fi
	done <"$CASES_TABLE"
	if [ "$checked" = 0 ]; then
		echo "FAIL table: no row checked"
		fails=$((fails + 1))
	fi
	got=$(jq -s --arg id "$id" --arg o "$outcome" \
		"$mine | select(.event.action != \"capability\" and .vigil.operation != \"exec\" and .vigil.io_uring_opcode == null and .event.outcome != \$o)] | length" "$stream" 2>&1)
	if [ "$got" = 0 ]; then
		echo "ok   table: every rootfs-write, setuid and mount alert has outcome $outcome"
	else
		echo "FAIL table: $got alert(s) with an outcome other than $outcome"
		fails=$((fails + 1))
	fi
	return $fails
}

# The adversarial table (adversarial.tsv): the container's script, and the
# check of a stream and the rootfs changes against it.
ADV_TABLE=${ADV_TABLE:-tests/cases/adversarial.tsv}
adv_script() {
	# each row's own outcome is checked on disk; the script itself ends well
	awk -F'\t' '!/^#/ && NF == 6 { print "(" $6 ") </dev/null >/dev/null 2>&1" } END { print "exit 0" }' "$ADV_TABLE"
}

# adv_check STREAM CONTAINER-ID BACKEND(tracepoint|lsm) ENFORCE(true|false) CHANGES-FILE
# CHANGES-FILE: the paths the container changed on its rootfs, one "./path" a line.
# One "ok"/"FAIL" line per check; returns the number of failures.
# Rows of 32-bit syscalls (probe int80) are skipped, and say so (also in
# $ADV_SKIPS if set), where agent-start says the kernel takes none.
adv_check() {
	local stream=$1 id=$2 backend=$3 enforce=$4 changes=$5 fails=0 tp lsm action cond disk cmd want got denied ia32
	ia32=$(jq -r -s '.[0].vigil.ia32_syscalls' "$stream")
	while IFS=$'\t' read -r tp lsm action cond disk cmd; do
		case $tp in '#'* | '') continue ;; esac
		if [ "$ia32" != true ] && [[ $cmd == "probe int80 "* ]]; then
			echo "skip adversarial: $cmd (this kernel takes no 32-bit syscalls: vigil.ia32_syscalls is $ia32)"
			[ -z "${ADV_SKIPS:-}" ] || echo "adversarial row '$cmd': this kernel takes no 32-bit syscalls" >>"$ADV_SKIPS"
			continue
		fi
		# ADV_NO_URING: why the container cannot use io_uring here (a runtime's seccomp profile)
		if [ -n "${ADV_NO_URING:-}" ] && [[ $cmd == "probe uring"* ]]; then
			echo "skip adversarial: $cmd ($ADV_NO_URING)"
			[ -z "${ADV_SKIPS:-}" ] || echo "adversarial row '$cmd': $ADV_NO_URING" >>"$ADV_SKIPS"
			continue
		fi
		want=$tp
		[ "$backend" = lsm ] && want=$lsm
		denied=
		[ "$enforce" = true ] && denied=' and (.event.type | index("denied"))'
		got=$(jq -s --arg id "$id" --arg a "$action" \
			"[.[] | select(.event.kind == \"alert\" and .container.id == \$id and .event.action == \$a) | select($cond)$denied] | length" \
			"$stream" 2>&1)
		if [ "$got" = "$want" ] || { [ "$want" -ge 1 ] 2>/dev/null && [ "$got" -ge 1 ] 2>/dev/null; }; then
			echo "ok   adversarial: $cmd: $got alert(s)${denied:+ denied}"
		else
			echo "FAIL adversarial: $cmd: expected $want alert(s)${denied:+ denied} with $cond, got $got"
			fails=$((fails + 1))
		fi
		if [ "$enforce" = true ]; then
			if grep -q -- "^${disk}" "$changes"; then
				echo "FAIL adversarial: $cmd: $disk changed on disk despite --enforce"; fails=$((fails + 1))
			else
				echo "ok   adversarial: $cmd: $disk unchanged on disk"
			fi
		elif ! grep -q -- "^${disk}" "$changes"; then
			echo "FAIL adversarial: $cmd: $disk not changed on disk: the attempt itself failed, so the row proves nothing"
			fails=$((fails + 1))
		else
			echo "ok   adversarial: $cmd: $disk changed on disk"
		fi
	done <"$ADV_TABLE"
	return $fails
}
