#!/usr/bin/env bash
# Runs each libFuzzer target for a fixed budget from its corpus in
# tests/fuzz/corpus/<name> (seeds, kept in the repository) plus what earlier
# runs found (build/fuzz/corpus-<name>). A crash, leak or sanitizer report
# fails the run and leaves the input in build/fuzz/.
# Usage: tests/fuzz/run.sh SECONDS FUZZER...
set -uo pipefail
seconds=$1
shift
failed=0 runs_total=0
for f in "$@"; do
	name=${f##*/fuzz_}
	found=build/fuzz/corpus-$name
	mkdir -p "$found"
	log=build/fuzz/$name.log
	if "$f" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="build/fuzz/$name-" "$found" "tests/fuzz/corpus/$name" >"$log" 2>&1; then
		runs=$(awk '/stat::number_of_executed_units/ { print $2 }' "$log")
		runs_total=$((runs_total + ${runs:-0}))
		printf 'ok   fuzz %-14s %9s runs in %s s, corpus %s\n' "$name" "${runs:-?}" "$seconds" \
			"$(find "$found" "tests/fuzz/corpus/$name" -type f | wc -l)"
	else
		failed=$((failed + 1))
		echo "FAIL fuzz $name (log: $log)"
		grep -E 'ERROR|SUMMARY|Test unit written' "$log" | head -5 | sed 's/^/     | /'
	fi
done
echo "fuzz: $(($# - failed)) passed, $failed failed, $runs_total runs"
[ "$failed" = 0 ]
