# libbpf's -v lines with VIGIL_VERIFIER_STATS=1 (user/kernel/loader.c) -> one
# "program<TAB>verification-us<TAB>insns-processed<TAB>total-states" line per
# program load the kernel accepted. A program verified twice (a load round
# that failed on a later program) appears twice: that time was spent too.
/prog '.*': -- BEGIN PROG LOAD LOG --/ {
	p = $0
	sub(/^[^']*'/, "", p)
	sub(/'.*/, "", p)
}
/^verification time [0-9]+ usec/ { t = $3 }
/^processed [0-9]+ insns/ {
	if ($2 > 0)
		printf "%s\t%s\t%s\t%s\n", p, t, $2, $9
}
