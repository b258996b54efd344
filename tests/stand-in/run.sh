#!/usr/bin/env bash
# The tests of the tests (make test-the-tests): the integration suite run
# against two stand-ins for vigil (tests/stand-in/vigil) that start, stop and
# answer flags as vigil does but detect nothing (quiet) or report everything
# (loud). A test that claims a detection, a field or a count must fail
# against the quiet one; a test that claims quietness must fail against the
# loud one. The tests that still pass must be exactly those listed, with
# the reason each legitimately passes, in tests/stand-in/pass-<mode>.txt.
# The loud run takes the tests that passed the quiet one, less those
# tests/stand-in/pass-loud.txt lists as never reading an alert (every other
# test already failed without alerts, so it claims a detection): each must
# fail, so no test that claims quietness can pass without it.
set -uo pipefail
cd "$(dirname "$0")/../.."
[ -x build/vigil ] || { echo "build vigil first (make)"; exit 1; }
failed=0 passed=0
for mode in ${MODES:-quiet loud}; do
	log=build/stand-in-$mode.log
	only=.
	if [ "$mode" = loud ]; then
		[ -s build/stand-in-quiet.passed ] || { echo "FAIL stand-in loud: run the quiet one first"; failed=$((failed + 1)); continue; }
		awk '!/^#/ && NF { print $1 }' tests/stand-in/pass-loud.txt | sort >build/stand-in-loud.exempt
		comm -23 build/stand-in-quiet.passed build/stand-in-loud.exempt >build/stand-in-loud.run
		[ -s build/stand-in-loud.run ] || { echo "FAIL stand-in loud: no quiet test to run"; failed=$((failed + 1)); continue; }
		only="^($(paste -sd'|' build/stand-in-loud.run))\$"
	fi
	echo "# the integration suite against the $mode stand-in"
	VIGIL=$PWD/tests/stand-in/vigil STANDIN_REAL=$PWD/build/vigil STANDIN_MODE=$mode TEST_TIMEOUT=${TEST_TIMEOUT:-120} \
		ONLY="$only" tests/integration/run.sh >"$log" 2>&1
	awk '$1 == "ok" { print $2 }' "$log" | sort >"build/stand-in-$mode.passed"
	if [ "$mode" = loud ]; then
		: >build/stand-in-loud.expected	# every quiet test it runs must fail
	else
		awk '!/^#/ && NF { print $1 }' tests/stand-in/pass-quiet.txt | sort >build/stand-in-quiet.expected
	fi
	if [ ! -s "build/stand-in-$mode.passed" ] && ! grep -q '^FAIL' "$log"; then
		echo "FAIL stand-in $mode: the suite did not run"; tail -5 "$log"; failed=$((failed + 1)); continue
	fi
	echo "tests passing against the $mode stand-in:"
	sed 's/^/    /' "build/stand-in-$mode.passed"
	if diff -u "build/stand-in-$mode.expected" "build/stand-in-$mode.passed" >"build/stand-in-$mode.diff"; then
		passed=$((passed + 1))
		if [ "$mode" = loud ]; then
			echo "ok   stand-in loud: all $(grep -c '^FAIL' "$log") quiet tests it ran fail"
		else
			echo "ok   stand-in quiet: $(wc -l <build/stand-in-quiet.passed) pass, as listed in tests/stand-in/pass-quiet.txt; the other $(grep -c '^FAIL' "$log") fail"
		fi
	else
		failed=$((failed + 1))
		echo "FAIL stand-in $mode: passing tests differ from tests/stand-in/pass-$mode.txt (+ passes unlisted, - listed but failed):"
		grep '^[+-][a-z]' "build/stand-in-$mode.diff" | sed 's/^/     /'
	fi
done
echo "test-the-tests: $passed passed, $failed failed"
[ "$failed" = 0 ]
