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
echo "unit: $passed passed, $failed failed"
[ "$failed" = 0 ]
