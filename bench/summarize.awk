# Medians of side-by-side rounds. Input lines: round<TAB>mode<TAB>workload<TAB>ns-per-op.
# -v modes=none,floor,vigil   the first is the baseline; ratios are baseline/mode (throughput)
# -v targets=work=0.90,...    optional; checked against the ratio of -v judged=MODE
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
$2 == "events" { next }
{
	v[$3, $2, $1] = $4
	if (!seen_round[$1]++) rounds[++nr] = $1
	if (!seen_work[$3]++) works[++nw] = $3
}
END {
	printf "%-22s %10s", "workload", mode[1] " ns"
	for (m = 2; m <= nm; m++) printf " %16s %7s %13s %8s", mode[m] " ns", "ratio", "min-max", "added"
	if (nt) printf " %6s", "target"
	printf "\n"
	for (w = 1; w <= nw; w++) {
		name = works[w]
		for (r = 1; r <= nr; r++) base[r] = v[name, mode[1], rounds[r]]
		mb = median(base, nr)
		printf "%-22s %10.1f", name, mb
		for (m = 2; m <= nm; m++) {
			for (r = 1; r <= nr; r++) { x[r] = v[name, mode[m], rounds[r]]; q[r] = base[r] / x[r] }
			mn = q[1]; mx = q[1]
			for (r = 1; r <= nr; r++) { if (q[r] < mn) mn = q[r]; if (q[r] > mx) mx = q[r] }
			mq = median(q, nr)
			printf " %16.1f %7.3f %6.3f-%-6.3f %8.1f", median(x, nr), mq, mn, mx, median(x, nr) - mb
			if (mode[m] == judged) verdict = mq >= target[name] ? "met" : "MISSED"
		}
		if (nt) printf " %6s %s", target[name], verdict
		printf "\n"
	}
}
