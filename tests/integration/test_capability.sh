# shellcheck shell=bash
# capability: checks by container processes, folded per window.

test_capability_use_is_reported_once_per_window() {
	vigil_start
	run_ctr c "$IMAGE" sh -c 'touch /f; probe loop-chown 500 /f'
	vigil_stop
	expect_eq "$(count '.event.action == "capability" and .capability.name == "CAP_CHOWN" and .event.outcome == "success"')" 1 "CAP_CHOWN alerts"
}

test_capability_window_folds_and_counts() {
	vigil_start --cap-window 1
	run_ctr c2 "$IMAGE" sh -c 'touch /f; probe loop-chown 300 /f; sleep 1.3; probe loop-chown 1 /f'
	vigil_stop
	alerts '.capability.name == "CAP_CHOWN"' | jq -e -s '
		length == 2 and .[0].capability.count == 1 and .[1].capability.count >= 300' >/dev/null
}

test_capability_denied_check_is_failure() {
	vigil_start
	run_ctr d --user 1000 "$IMAGE" sh -c 'touch /tmp/f; chown 0 /tmp/f 2>/dev/null; true'
	vigil_stop
	expect_eq "$(count '.capability.name == "CAP_CHOWN" and .event.outcome == "failure" and (.event.type | index("denied") | not)')" 1 "denied CAP_CHOWN"
}
