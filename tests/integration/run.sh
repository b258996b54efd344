#!/usr/bin/env bash
# Integration tests: real dockerd, real containers, vigil on this kernel.
# Each test_* function is one behaviour; the summary line is "N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
. tests/integration/lib.sh
for t in tests/integration/test_*.sh; do . "$t"; done

[ "$(id -u)" = 0 ] || die "needs root (BPF, docker)"
[ -x "$VIGIL" ] || die "build vigil first (make)"
ensure_dockerd
build_image

passed=0 failed=0 failures=()
for TEST in $(declare -F | awk '{print $3}' | grep '^test_' | grep -E "${ONLY:-.}"); do
	start=$(date +%s.%N)
	if (set -e; "$TEST") >"$WORK/$TEST.log" 2>&1; then
		passed=$((passed + 1))
		printf 'ok   %-55s %5.1fs\n' "$TEST" "$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { print e - s }')"
	else
		failed=$((failed + 1))
		failures+=("$TEST")
		printf 'FAIL %-55s\n' "$TEST"
		sed 's/^/     | /' "$WORK/$TEST.log" | tail -15
	fi
	# a test that failed before vigil_stop leaves its agent (started in the subshell) running
	pkill -KILL -f "^$VIGIL --output $WORK/$TEST.json( |\$)" || true
done
echo "integration: $passed passed, $failed failed"
[ "$failed" = 0 ] || { echo "failed: ${failures[*]}  (logs in $WORK)"; exit 1; }
rm -rf "$WORK"
