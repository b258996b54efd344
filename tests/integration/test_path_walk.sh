# shellcheck shell=bash
# The BPF path walk every LSM hook and fd-based tracepoint alert reports
# paths with (bpf/lib/path.bpf.h), test-run in a helper's own context and
# compared with the kernel's getcwd: long names, mounts crossed, another
# root, a cwd outside the root, a removed directory, depth and size bounds.

test_bpf_path_walk_agrees_with_the_kernel() {
	local out
	out=$("$PWD/build/tests/path_walk") || { echo "$out"; die "the path walk disagrees with the kernel"; }
	echo "$out"
	[ "$(grep -c '^ok ' <<<"$out")" -eq 10 ] || die "expected 10 cases to pass"
}
