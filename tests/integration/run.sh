#!/usr/bin/env bash
# Integration tests: real dockerd, real containers, vigil on this kernel.
# Each test_* function is one behaviour. Each runs as its own bash process
# with `set -euo pipefail` in force (not inside an `if`, where bash ignores
# -e), under a time limit; a test may `skip REASON` (exit 77). Every test
# file must source cleanly and define at least one test. Whatever a test
# leaves running (agents, valgrind) is killed after it.
# Summary: "integration: N passed, M failed, K skipped", every skip named.
#   ONLY=REGEX      run the matching tests only
#   TEST_TIMEOUT=S  per-test limit (default 300 s)
set -uo pipefail
cd "$(dirname "$0")/../.."
. tests/integration/lib.sh
export WORK VIGIL

[ "$(id -u)" = 0 ] || die "needs root (BPF, docker)"
[ -x "$VIGIL" ] || die "build vigil first (make)"

# name -> file, from each file sourced alone; a file that does not source, or defines nothing, stops the run
declare -A FILE_OF=()
for f in tests/integration/test_*.sh; do
	bash -n "$f" || die "$f: syntax error"
	names=$(bash -c 'set -u; . tests/integration/lib.sh; . "$1" >/dev/null || exit 3; declare -F | awk "{ print \$3 }" | grep "^test_"' _ "$f") ||
		die "$f does not source cleanly (or defines no test_ function)"
	for n in $names; do
		[ -z "${FILE_OF[$n]:-}" ] || die "$n is defined in both ${FILE_OF[$n]} and $f"
		FILE_OF[$n]=$f
	done
done
selected=$(printf '%s\n' "${!FILE_OF[@]}" | sort | grep -E "${ONLY:-.}") || die "no test matches ONLY=${ONLY:-}"

ensure_dockerd
build_image

# Processes a test may leave behind: agents under any name, valgrind, helpers it started.
kill_leftovers() {
	local agent
	for agent in "$VIGIL" ${STANDIN_REAL:+"$STANDIN_REAL"}; do
		pkill -KILL -f "^(/bin/bash |bash )?$agent( |\$)" 2>/dev/null || true
		pkill -KILL -f "^/usr/bin/valgrind.bin .*$agent" 2>/dev/null || true
	done
	# helpers it started (collectors, rsyslogd, fake engines) name files under $WORK
	pkill -KILL -f -- "$WORK/" 2>/dev/null || true
	# named containers (every test names its own vigil-*) and mounts under $WORK
	docker ps -aq --filter name=^vigil- | xargs -r docker rm -f >/dev/null 2>&1 || true
	podman ps -aq --filter name=^vigil- 2>/dev/null | xargs -r podman rm -f >/dev/null 2>&1 || true
	awk -v w="$WORK/" 'index($2, w) == 1 { print $2 }' /proc/self/mounts | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
	return 0
}

passed=0 failed=0 skipped=0 failures=() skips=()
for TEST in $selected; do
	start=$(date +%s.%N)
	rc=0
	TEST=$TEST timeout -k 10 "${TEST_TIMEOUT:-300}" \
		bash -c 'set -euo pipefail; . tests/integration/lib.sh; . "$1"; "$2"' _ "${FILE_OF[$TEST]}" "$TEST" \
		>"$WORK/$TEST.log" 2>&1 </dev/null || rc=$?
	kill_leftovers
	took=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
	# table rows a passing test could not check, each named
	if [ -f "$WORK/$TEST.skips" ]; then
		while read -r line; do skips+=("$TEST: $line"); skipped=$((skipped + 1)); done <"$WORK/$TEST.skips"
	fi
	case $rc in
	0)
		passed=$((passed + 1))
		printf 'ok   %-55s %5ss\n' "$TEST" "$took"
		;;
	77)
		skipped=$((skipped + 1))
		skips+=("$TEST: $(tail -1 "$WORK/$TEST.log")")
		printf 'skip %-55s %s\n' "$TEST" "$(tail -1 "$WORK/$TEST.log")"
		;;
	*)
		failed=$((failed + 1))
		failures+=("$TEST")
		[ "$rc" = 124 ] || [ "$rc" = 137 ] && why="timed out after ${TEST_TIMEOUT:-300} s" || why="exit $rc"
		printf 'FAIL %-55s %s\n' "$TEST" "$why"
		sed 's/^/     | /' "$WORK/$TEST.log" | tail -15
		;;
	esac
done
# A check over the streams of the tests that ran, counted as one more test.
stream_check() { # name command...
	local name=$1 out
	shift
	if out=$("$@" 2>&1); then
		passed=$((passed + 1))
		printf 'ok   %-55s %s\n' "$name" "$(tail -1 <<<"$out")"
	else
		failed=$((failed + 1))
		failures+=("$name")
		printf 'FAIL %-55s\n' "$name"
		sed 's/^/     | /' <<<"$out" | tail -30
	fi
}
# Drift over the whole suite (issue 19: zero false positives): every drift alert must name what a
# container put there; one naming an image program, or raised in the runtime's setup, is false.
drift_false_positives() {
	local fp n
	fp=$(jq -c 'select((.event.action == "drift" or .event.action == "drift-script") and
		(((.file.path // "") | test("^/(bin|sbin|lib|usr/bin|usr/sbin|usr/lib)/")) or
		 ((.process.name // "") | test("^(runc|crun|containerd-shim|conmon)")))) |
		[input_filename, .file.path, .process.name]' "$@") || return 1
	n=$(jq -c 'select(.event.action == "drift" or .event.action == "drift-script")' "$@" | wc -l)
	[ -z "$fp" ] || { echo "$fp"; return 1; }
	echo "drift: $n alerts over the suite, none on an image program or in the runtime's setup"
}
# Every line vigil wrote, against ECS 9.4, and every vigil.* field against deploy/siem's
# Elasticsearch template (tests/ecs/); the stand-ins' made-up alerts are not vigil's.
outs=("$WORK"/test_*.json)
if [ -z "${STANDIN_MODE:-}" ] && [ -e "${outs[0]}" ]; then
	stream_check ecs_every_line_is_ecs_9_4 python3 tests/ecs/check.py "${outs[@]}"
	stream_check siem_template_maps_every_vigil_field python3 tests/ecs/siem.py "${outs[@]}"
	stream_check drift_no_false_positive_over_the_suite drift_false_positives "${outs[@]}"
fi
for s in "${skips[@]}"; do echo "skipped: $s"; done
echo "integration: $passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ] || { echo "failed: ${failures[*]}  (logs in $WORK)"; exit 1; }
rm -rf "$WORK"
