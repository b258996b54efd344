# shellcheck shell=bash
# The shared detection table (tests/cases/detections.tsv) on this kernel's
# tracepoint backend; tests/vm runs the same table on both backends.
. tests/cases/lib.sh

test_detection_table_tracepoint_backend() {
	mkdir -p "$WORK/table-vol"
	cases_script >"$WORK/cases.sh"
	vigil_start --backend tracepoint
	run_ctr table --cap-add SYS_ADMIN --security-opt seccomp=unconfined -v "$WORK/table-vol:/data" -v "$WORK/cases.sh:/cases.sh:ro" \
		"$IMAGE" sh /cases.sh
	vigil_stop
	CASES_SKIPS="$WORK/$TEST.skips" cases_check "$OUT" "$(cid table)" success
}
