#!/usr/bin/env bash
# Stops `make test` at once when a command the tests run is missing, naming
# the Debian package that provides it (tests/tools.txt), instead of letting
# a later test fail on "command not found".
set -uo pipefail
cd "$(dirname "$0")/.."
missing=0
while read -r cmd pkg; do
	case $cmd in '' | '#'*) continue ;; esac
	if ! command -v "$cmd" >/dev/null 2>&1; then
		echo "missing: $cmd (install the Debian package $pkg: make test-deps)"
		missing=$((missing + 1))
	fi
done <tests/tools.txt
if [ "$missing" != 0 ]; then
	echo "tools: $missing missing; nothing was run"
	exit 1
fi
echo "tools: all $(grep -cvE '^(#|$)' tests/tools.txt) commands the tests run are installed"
