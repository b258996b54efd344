# shellcheck shell=bash
# capability: checks by container processes, folded per window.

# chown(2) to another owner asks CAP_CHOWN twice: for the uid and for the gid.
chown_checks_total() { alerts '.vigil.capability.name == "CAP_CHOWN"' | jq -s 'map(.vigil.capability.count) | add // 0'; }

test_capability_use_is_reported_once_per_window() {
	vigil_start
	run_ctr c "$IMAGE" sh -c 'touch /f; probe loop-chown 500 /f'
	vigil_stop
	expect_eq "$(count '.event.action == "capability" and .vigil.capability.name == "CAP_CHOWN" and .event.outcome == "success" and (.vigil.capability.window_end | not)')" 1 "CAP_CHOWN alerts"
	# the other 999 checks are folded, and reported when the container is gone
	expect_eq "$(chown_checks_total)" 1000 "CAP_CHOWN checks reported"
}

test_capability_window_folds_and_counts() {
	vigil_start --cap-window 1
	run_ctr c2 "$IMAGE" sh -c 'touch /f; probe loop-chown 300 /f; sleep 1.3; probe loop-chown 1 /f'
	vigil_stop
	# the first window's 599 folded checks are reported once: by its end (the once-a-second
	# sweep) or by the second window's alert, whichever comes first
	alerts '.vigil.capability.name == "CAP_CHOWN" and (.vigil.capability.window_end | not)' | json_ok -s '
		length == 2 and .[0].vigil.capability.count == 1 and (.[1].vigil.capability.count | . == 1 or . == 600)' \
		>/dev/null || die "alerts: $(alerts '.capability')"
	expect_eq "$(chown_checks_total)" 602 "CAP_CHOWN checks reported"
}

# A process that goes quiet: its window's folded checks are reported once the window is over.
test_capability_window_end_reports_a_quiet_process() {
	vigil_start --cap-window 1
	docker run -d --name vigil-cw --network none "$IMAGE" sh -c 'touch /f; probe loop-chown 200 /f; sleep 60' >/dev/null
	wait_for_alert '.vigil.capability.window_end' "$OUT" || wait_for_alert '.vigil.capability.window_end' "$OUT" ||
		die "no window end while the process idles"
	alerts '.vigil.capability.name == "CAP_CHOWN"' | json_ok -s '
		length == 2 and .[1].vigil.capability.window_end and .[1].vigil.capability.count == 399 and
		.[1].process.pid == .[0].process.pid and .[1].container.id == .[0].container.id and
		.[1]["@timestamp"] > .[0]["@timestamp"]' >/dev/null || die "window end: $(alerts)"
	docker rm -f vigil-cw >/dev/null
	vigil_stop
	expect_eq "$(chown_checks_total)" 400 "CAP_CHOWN checks reported"
}

# vigil stops while the window is open: the folded checks are in the stream before agent-stop.
test_capability_window_end_at_agent_stop() {
	vigil_start
	docker run -d --name vigil-cw2 --network none "$IMAGE" sh -c 'touch /f; probe loop-chown 100 /f; sleep 60' >/dev/null
	wait_for_alert '.vigil.capability.name == "CAP_CHOWN"' "$OUT" || die "no CAP_CHOWN alert"
	sleep 0.5
	vigil_stop
	docker rm -f vigil-cw2 >/dev/null
	expect_eq "$(count '.vigil.capability.window_end')" 1 "window ends"
	expect_eq "$(chown_checks_total)" 200 "CAP_CHOWN checks reported"
}

test_capability_denied_check_is_failure() {
	vigil_start
	run_ctr d --user 1000 "$IMAGE" sh -c 'touch /tmp/f; chown 0 /tmp/f 2>/dev/null; true'
	vigil_stop
	expect_eq "$(count '.vigil.capability.name == "CAP_CHOWN" and .event.outcome == "failure" and (.event.type | index("denied") | not)')" 1 "denied CAP_CHOWN"
}

# An executable copied afresh for every check makes a new dedup key each time
# (cap_windows.h): what vigil keeps of the open windows is in its metrics,
# within its bound, and forgotten with the container.
test_capability_fresh_executables_windows_are_accounted() {
	local port=19091 n=150 windows bytes
	metric() { curl -sf "http://127.0.0.1:$port/metrics" | awk -v m="$1" '$1 == m { print $2 }'; }
	vigil_start --metrics "127.0.0.1:$port"
	docker run -d --name vigil-cwk --network none --tmpfs /t:exec "$IMAGE" sh -c \
		"touch /t/f; for i in \$(seq 1 $n); do mkdir /t/\$i; cp /bin/busybox /t/\$i/chown; /t/\$i/chown \$i /t/f; rm -r /t/\$i; done; sleep 60" >/dev/null
	for _ in $(seq 1 100); do
		[ "$(count '.vigil.capability.name == "CAP_CHOWN"')" -ge "$n" ] && break
		sleep 0.2
	done
	sleep 0.3
	expect_ge "$(count '.vigil.capability.name == "CAP_CHOWN" and (.vigil.capability.window_end | not)')" "$n" "one alert per fresh copy"
	windows=$(metric vigil_capability_windows)
	bytes=$(metric vigil_capability_window_bytes)
	expect_ge "$windows" "$n" "windows kept"
	expect_ge "$bytes" $((windows * 200)) "their bytes"
	expect_ge $((8 << 20)) "$bytes" "within the bound"
	expect_eq "$(metric vigil_capability_windows_evicted_total)" 0 "evictions"
	expect_ge "$(metric process_resident_memory_bytes)" $((1 << 20)) "resident memory"
	docker rm -f vigil-cwk >/dev/null
	for _ in $(seq 1 50); do windows=$(metric vigil_capability_windows); [ "$windows" = 0 ] && break; sleep 0.1; done
	expect_eq "$windows" 0 "windows once the container is gone"
	vigil_stop
}
