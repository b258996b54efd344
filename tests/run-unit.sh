#!/usr/bin/env bash
# Runs each cmocka unit test binary (built with ASan/UBSan) and sums the results.
set -uo pipefail
passed=0 failed=0
for t in "$@"; do
	out=$("$t" 2>&1); rc=$?
	echo "$out" | grep -E '^\[  (PASSED|FAILED)|^\[  ERROR|runtime error|AddressSanitizer' | sed "s|^|$(basename "$t"): |"
	n=$(echo "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p')
	f=$(echo "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p')
	passed=$((passed + ${n:-0}))
	failed=$((failed + ${f:-0}))
	if [ -z "$n$f" ]; then
		echo "$(basename "$t"): ran no test (exit $rc)"
		echo "$out" | tail -20
		failed=$((failed + 1))
	elif [ "$rc" != 0 ] && [ -z "$f" ]; then
		echo "$out" | tail -20
		failed=$((failed + 1))
	fi
done
# The ECS check itself, on lines made to break each rule; then the golden lines of
# every detection (test_format), against ECS 9.4 (tests/ecs/check.py).
if out=$(python3 tests/ecs/selftest.py 2>&1); then passed=$((passed + 1)); else failed=$((failed + 1)); fi
echo "$out" | tail -5
for t in "$@"; do
	[ "$(basename "$t")" = test_format ] || continue
	golden=$(mktemp)
	GOLDEN_PRINT=1 "$t" 2>&1 | grep '^{' >"$golden"
	if ecs=$(python3 tests/ecs/check.py "$golden" 2>&1); then
		passed=$((passed + 1))
		echo "golden lines: $(tail -1 <<<"$ecs")"
	else
		failed=$((failed + 1))
		echo "golden lines are not ECS:"
		echo "$ecs"
	fi
	# the Elasticsearch template maps every vigil.* field of those lines and of the docs' examples
	if out=$(python3 tests/ecs/siem.py "$golden" 2>&1); then passed=$((passed + 1)); else failed=$((failed + 1)); fi
	echo "$out" | tail -8
	rm -f "$golden"
	# docs/events.md's examples: ECS lines, and the alerts' the formatters' own
	if out=$(python3 tests/ecs/docs.py "$t" 2>&1); then passed=$((passed + 1)); else failed=$((failed + 1)); fi
	echo "$out" | tail -8
done
echo "unit: $passed passed, $failed failed"
[ "$failed" = 0 ]
