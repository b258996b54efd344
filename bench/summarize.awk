# Medians of side-by-side rounds. Input lines: round<TAB>mode<TAB>workload<TAB>ns-per-op
# ("events" and "prog" lines are skipped). One output line per workload and mode:
#   workload mode ns/op ratio min max added-ns [target verdict]
# -v modes=none,vigil,...     the first is the baseline; ratio = baseline/mode (throughput),
#                             per round, then the median, min and max over rounds
# -v targets=work=0.90,...    optional; checked against the ratio of -v judged=MODE
# -v tsv=FILE                 optional; the same rows as TSV, for bench/plot
# Median of a[1..n]; sorts a copy, so a keeps its round order.
function median(a, n,   i, j, t, s) {
	for (i = 1; i <= n; i++) s[i] = a[i]
	for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (s[j] < s[i]) { t = s[i]; s[i] = s[j]; s[j] = t }
	return n % 2 ? s[(n + 1) / 2] : (s[n / 2] + s[n / 2 + 1]) / 2
}
BEGIN {
	FS = "\t"
	nm = split(modes, mode, ",")
	nt = split(targets, tv, ",")
	for (k = 1; k <= nt; k++) { split(tv[k], p, "="); target[p[1]] = p[2] }
}
$2 == "events" || $2 == "prog" { next }
{
	v[$3, $2, $1] = $4
	if (!seen_round[$1]++) rounds[++nr] = $1
	if (!seen_work[$3]++) works[++nw] = $3
}
END {
	printf "%-22s %-14s %10s %7s %13s %9s %s\n", "workload", "monitor", "ns/op", "ratio", "min-max", "added ns",
		nt ? "target" : ""
	for (w = 1; w <= nw; w++) {
		name = works[w]
		for (r = 1; r <= nr; r++) base[r] = v[name, mode[1], rounds[r]]
		mb = median(base, nr)
		printf "%-22s %-14s %10.1f\n", name, mode[1], mb
		for (m = 2; m <= nm; m++) {
			n = 0
			for (r = 1; r <= nr; r++)
				if (v[name, mode[m], rounds[r]] > 0) {
					x[++n] = v[name, mode[m], rounds[r]]
					q[n] = base[r] / x[n]
				}
			if (!n) continue
			mn = q[1]; mx = q[1]
			for (r = 1; r <= n; r++) { if (q[r] < mn) mn = q[r]; if (q[r] > mx) mx = q[r] }
			mq = median(q, n)
			printf("%-22s %-14s %10.1f %7.3f %6.3f-%-6.3f %9.1f", name, mode[m], median(x, n), mq, mn, mx,
				median(x, n) - mb)
			if (mode[m] == judged && target[name] != "" && target[name] != "-")
				printf(" %s %s", target[name], (mq >= target[name] ? "met" : "MISSED"))
			printf "\n"
			if (tsv)
				printf("%s\t%s\t%.4f\t%.4f\t%.4f\t%.1f\n", name, mode[m], mq, mn, mx, median(x, n) - mb) > tsv
		}
	}
}
