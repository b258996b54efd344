# shellcheck shell=bash
# Faults around the agent: its output full, deleted or closed, signals at any
# moment, the container runtime restarted. vigil keeps running or exits with
# one clear message, and the stream never holds a cut or invalid line.

# every line of FILE is one JSON value and the file ends with a newline
whole_json_lines() {
	[ ! -s "$1" ] && return 0
	[ "$(tail -c 1 "$1" | od -An -c | tr -d ' ')" = '\n' ] || die "$1 ends inside a line"
	jq -c . "$1" >/dev/null || die "invalid JSON in $1"
}

test_faults_disk_full_leaves_only_whole_lines() {
	local dir="$WORK/full" rc=0
	mkdir -p "$dir"
	mount -t tmpfs -o size=200k tmpfs "$dir"
	OUT="$dir/out.json"
	"$VIGIL" --output "$OUT" 2>"$WORK/$TEST.stderr" &
	VIGIL_PID=$!
	wait_for_start "$OUT" || die "vigil did not start: $(cat "$WORK/$TEST.stderr")"
	run_ctr full "$IMAGE" probe loop-write 3000 /fill
	for _ in $(seq 1 100); do kill -0 "$VIGIL_PID" 2>/dev/null || break; sleep 0.1; done
	kill -0 "$VIGIL_PID" 2>/dev/null && die "vigil still runs with its output full"
	wait "$VIGIL_PID" || rc=$?
	expect_eq "$rc" 1 "exit status with the disk full"
	grep -q 'writing the event stream to file:.*No space left on device' "$WORK/$TEST.stderr" ||
		die "no clear message: $(cat "$WORK/$TEST.stderr")"
	whole_json_lines "$OUT"
	expect_ge "$(count '.file.path == "/fill"')" 1 "alerts written before the disk filled"
	umount "$dir"
}

test_faults_deleted_output_file_is_recreated() {
	vigil_start
	run_ctr del1 "$IMAGE" sh -c 'echo x > /before-delete'
	wait_for_alert '.file.path == "/before-delete"' "$OUT" || die "no alert before the delete"
	rm "$OUT"
	run_ctr del2 "$IMAGE" sh -c 'echo x > /after-delete'
	for _ in $(seq 1 50); do [ -e "$OUT" ] && break; sleep 0.1; done
	[ -e "$OUT" ] || die "$OUT was not created again"
	wait_for_alert '.file.path == "/after-delete"' "$OUT" || die "the alert after the delete is not in the new file"
	grep -q 'was deleted: created it again' "$WORK/$TEST.stderr" || die "vigil did not say it recreated the file"
	vigil_stop
	whole_json_lines "$OUT"
}

test_faults_stdout_closed_exits_with_one_message() {
	local rc
	rm -f "$WORK/stdout.rc"
	{ rc=0; "$VIGIL" 2>"$WORK/$TEST.stderr" || rc=$?; echo "$rc" >"$WORK/stdout.rc"; } | head -n 1 >"$WORK/first" &
	VIGIL_PID=
	wait_for_start "$WORK/first" || die "no agent-start on stdout"
	# head has gone: the next lines meet a closed pipe
	for i in 1 2 3; do
		run_ctr "epipe$i" "$IMAGE" sh -c 'echo x > /after-close'
		[ -e "$WORK/stdout.rc" ] && break
		sleep 0.5
	done
	for _ in $(seq 1 50); do [ -e "$WORK/stdout.rc" ] && break; sleep 0.1; done
	rc=$(cat "$WORK/stdout.rc" 2>/dev/null) || die "vigil still runs with stdout closed"
	expect_eq "$rc" 1 "exit status with stdout closed"
	grep -q 'writing the event stream to stdout: Broken pipe' "$WORK/$TEST.stderr" ||
		die "no clear message: $(cat "$WORK/$TEST.stderr")"
	expect_eq "$(grep -c 'writing the event stream' "$WORK/$TEST.stderr")" 1 "messages about the write error"
}

# SIGTERM (and SIGHUP before it) at moments from start-up to full run: exit 0,
# whole lines, agent-stop last whenever anything was written.
test_faults_signals_at_any_moment() {
	local d rc out
	for d in 0 0.02 0.1 0.3 0.8 2; do
		for sig in TERM HUP-TERM; do
			out="$WORK/sig-$d-$sig.json"
			rc=0
			"$VIGIL" --output "$out" 2>"$WORK/sig.stderr" &
			VIGIL_PID=$!
			sleep "$d"
			if [ "$sig" = HUP-TERM ]; then kill -HUP "$VIGIL_PID" 2>/dev/null || true; sleep 0.05; fi
			kill -TERM "$VIGIL_PID" 2>/dev/null || true
			wait "$VIGIL_PID" || rc=$?
			if [ ! -s "$out" ] && [ "$rc" != 0 ]; then
				# before main() installs its handlers the default action applies: killed, no output
				case $rc in 129 | 143) continue ;; esac
				die "SIG$sig at $d s, before any output: exit $rc ($(tail -1 "$WORK/sig.stderr"))"
			fi
			expect_eq "$rc" 0 "exit status after SIG$sig at $d s ($(tail -1 "$WORK/sig.stderr"))"
			whole_json_lines "$out"
			# two seconds is long enough to start: from there on the stream must be there
			[ "$d" != 2 ] || grep -q '"agent-start"' "$out" || die "SIG$sig at $d s: no agent-start"
			[ -s "$out" ] || continue
			tail -1 "$out" | json_ok '.event.action == "agent-stop"' >/dev/null ||
				die "SIG$sig at $d s: last line is not agent-stop"
		done
	done
}

# Rotation signals during a burst: every write still arrives (or is counted lost).
test_faults_sighup_storm_during_a_burst_loses_nothing() {
	local n=20000 i
	vigil_start
	docker run --rm --network none "$IMAGE" probe loop-write "$n" /storm >/dev/null &
	local ctr=$!
	for i in $(seq 1 100); do kill -HUP "$VIGIL_PID"; sleep 0.01; done
	wait "$ctr" || die "the writing container failed"
	sleep 1
	vigil_stop
	expect_eq "$(($(count '.file.path == "/storm"') + $(lost_total)))" "$n" "alerts + lost for $n writes under 100 SIGHUPs"
}

# dockerd restarted under a running vigil: containers started afterwards still get their names.
test_faults_runtime_restart_metadata_recovers() {
	vigil_start
	pkill -x dockerd
	for _ in $(seq 1 100); do pgrep -x dockerd >/dev/null || break; sleep 0.1; done
	ensure_dockerd
	run_ctr restarted --name vigil-after-restart "$IMAGE" sh -c 'echo x > /after-restart'
	wait_for_alert '.file.path == "/after-restart"' "$OUT" || die "no alert after the runtime restart"
	sleep 1
	vigil_stop
	expect_eq "$(alerts '.file.path == "/after-restart"' | jq -r '.container.name')" vigil-after-restart \
		"container name after dockerd restarted"
}
