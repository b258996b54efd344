# shellcheck shell=bash
# The --output file under logrotate: SIGHUP reopens the path, nothing is lost.

test_output_file_reopened_on_sighup() {
	local rotated
	vigil_start
	rotated="$OUT.1"
	run_ctr rot1 "$IMAGE" sh -c 'echo x > /before-rotate'
	wait_for_alert '.file.path == "/before-rotate"' "$OUT" || die "no alert before rotation"
	mv "$OUT" "$rotated"
	kill -HUP "$VIGIL_PID"
	for _ in $(seq 1 50); do [ -e "$OUT" ] && break; sleep 0.1; done
	[ -e "$OUT" ] || die "SIGHUP did not reopen $OUT"
	run_ctr rot2 "$IMAGE" sh -c 'echo x > /after-rotate'
	wait_for_alert '.file.path == "/after-rotate"' "$OUT" || die "no alert after rotation"
	vigil_stop
	expect_eq "$(count '.file.path == "/after-rotate"')" 1 "after rotation, in the new file"
	expect_eq "$(count '.file.path == "/before-rotate"')" 0 "before rotation, in the new file"
	OUT=$rotated
	expect_eq "$(count '.file.path == "/before-rotate"')" 1 "before rotation, in the rotated file"
	expect_eq "$(count '.file.path == "/after-rotate"')" 0 "after rotation, in the rotated file"
	jq -c . "$rotated" >/dev/null || die "invalid JSON in the rotated file"
}
