// SPDX-License-Identifier: GPL-2.0
/*
 * vigil advise's output (advise.h, docs/advise.md): per workload, the policy
 * rule and the hardening that makes it unnecessary (a read-only root with
 * tmpfs for scratch and volumes for data; capabilities dropped but the ones
 * used), as a policy file (yaml, the hardening in comments), a JSON document
 * (a stable contract) or text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "advise.h"
#include "capnames.h"
#include "json.h"
#include "policy.h"

/* Where the workload needs a writable mount once its root is read-only. */
struct mount {
	char dir[POLICY_PATH_MAX + 1];
	bool tmpfs; /* scratch: a tmpfs; else a volume (data that must persist) */
	bool hides; /* a volume over an image directory hides the image's files there */
};

/* A mount per allowed directory, or per directory of an allowed file; none inside another. */
static unsigned int mounts_of(const struct adv_entry *e, unsigned int n, struct mount *m)
{
	unsigned int i, j, k = 0;

	for (i = 0; i < n; i++) {
		char dir[POLICY_PATH_MAX + 1];
		const char *slash;

		snprintf(dir, sizeof(dir), "%s", e[i].path);
		if (e[i].prefix) {
			if (strlen(dir) > 1)
				dir[strlen(dir) - 1] = 0;
		} else {
			slash = strrchr(dir, '/');
			if (slash == dir)
				continue; /* a file in /: no mount can hold it alone */
			dir[slash - dir] = 0;
		}
		for (j = 0; j < k && strcmp(m[j].dir, dir); j++)
			;
		if (j < k) {
			m[j].tmpfs &= e[i].scratch;
			continue;
		}
		snprintf(m[k].dir, sizeof(m[k].dir), "%s", dir);
		m[k].tmpfs = e[i].scratch;
		m[k].hides = !e[i].prefix;
		k++;
	}
	/* one inside another: the outer one holds it */
	for (i = 0; i < k; i++)
		for (j = 0; j < k; j++)
			if (i != j && m[j].dir[0] && m[i].dir[0] && strlen(m[i].dir) > strlen(m[j].dir) &&
			    !strncmp(m[i].dir, m[j].dir, strlen(m[j].dir)) && m[i].dir[strlen(m[j].dir)] == '/') {
				m[j].tmpfs &= m[i].tmpfs;
				m[i].dir[0] = 0;
			}
	for (i = j = 0; i < k; i++)
		if (m[i].dir[0])
			m[j++] = m[i];
	return j;
}

static void volume_name(const char *rule, const char *dir, char *out, size_t len)
{
	size_t i;

	snprintf(out, len, "%s%s", rule, dir);
	for (i = 0; out[i]; i++)
		if (out[i] == '/' || out[i] == '.')
			out[i] = '-';
}

/*
 * The character at s (UTF-8, advise.c checked it): its code point and
 * length. *unsafe: a YAML reader refuses it raw (a control character, C1
 * included; U+FEFF, U+FFFE, U+FFFF) or takes it as a line break (NEL,
 * U+2028, U+2029: a comment would end there).
 */
static int utf8_char(const unsigned char *s, unsigned int *cp, bool *unsafe)
{
	int want = *s < 0xc0 ? 1 : *s < 0xe0 ? 2 : *s < 0xf0 ? 3 : 4, n = 1;

	*cp = want == 1 ? *s : *s & (0x7f >> want);
	while (n < want && (s[n] & 0xc0) == 0x80) /* never past the NUL */
		*cp = *cp << 6 | (s[n++] & 0x3f);
	if (n < want || (*s >= 0x80 && *s < 0xc0)) /* not UTF-8 after all: U+FFFD, escaped */
		*cp = 0xfffd;
	*unsafe = *cp < 0x20 || (*cp >= 0x7f && *cp <= 0x9f) || *cp == 0x2028 || *cp == 0x2029 ||
		  (*cp >= 0xfeff && *cp <= 0xffff);
	return n;
}

/* The inside of a YAML double-quoted scalar: any characters stay what they were. */
static void yaml_str_body(FILE *f, const char *s)
{
	unsigned int cp;
	bool unsafe;
	int n;

	for (; *s; s += n) {
		n = utf8_char((const unsigned char *)s, &cp, &unsafe);
		if (*s == '"' || *s == '\\')
			fprintf(f, "\\%c", *s);
		else if (unsafe)
			fprintf(f, "\\u%04x", cp);
		else
			fwrite(s, 1, n, f);
	}
}

static void yaml_str(FILE *f, const char *s)
{
	fputc('"', f);
	yaml_str_body(f, s);
	fputc('"', f);
}

/* A comment's text on one line. */
static void comment_str(FILE *f, const char *s)
{
	unsigned int cp;
	bool unsafe;
	int n;

	for (; *s; s += n) {
		n = utf8_char((const unsigned char *)s, &cp, &unsafe);
		if (unsafe)
			fputc('?', f);
		else
			fwrite(s, 1, n, f);
	}
}

static unsigned int cap_names(uint64_t caps, const char **names, char bufs[][16])
{
	unsigned int n = 0;

	for (unsigned int c = 0; c < 64; c++)
		if (caps & (1ull << c))
			names[n] = capnames__name(c, bufs[n], sizeof(bufs[n])), n++;
	return n;
}

static void yaml_hardening(FILE *f, const char *rule, const struct mount *m, unsigned int nm, const char **caps,
			   unsigned int nc)
{
	char vol[400];
	unsigned int i;

	fprintf(f, "  # Or harden it so no rule is needed, a read-only root with writable mounts where it writes:\n");
	fprintf(f, "  #   docker run --read-only");
	for (i = 0; i < nm; i++) {
		volume_name(rule, m[i].dir, vol, sizeof(vol));
		fprintf(f, m[i].tmpfs ? " --tmpfs " : " -v %s:", vol);
		comment_str(f, m[i].dir);
	}
	fprintf(f, " --cap-drop ALL");
	for (i = 0; i < nc; i++)
		fprintf(f, " --cap-add %s", caps[i] + 4);
	fprintf(f, " ...\n  #   compose: read_only: true");
	for (i = 0; i < nm; i++) {
		fprintf(f, m[i].tmpfs ? "; tmpfs: " : "; volumes: ");
		comment_str(f, m[i].dir);
	}
	fprintf(f, "; cap_drop: [ALL]");
	if (nc)
		fprintf(f, "; cap_add: [");
	for (i = 0; i < nc; i++)
		fprintf(f, "%s%s", i ? ", " : "", caps[i] + 4);
	fprintf(f, "%s\n  #   kubernetes: securityContext: {readOnlyRootFilesystem: true, capabilities: {drop: [ALL]",
		nc ? "]" : "");
	if (nc)
		fprintf(f, ", add: [");
	for (i = 0; i < nc; i++)
		fprintf(f, "%s%s", i ? ", " : "", caps[i] + 4);
	fprintf(f, "%s}}", nc ? "]" : "");
	for (i = 0; i < nm; i++) {
		fprintf(f, m[i].tmpfs ? "; emptyDir (medium: Memory) at " : "; a volume (PVC, or emptyDir) at ");
		comment_str(f, m[i].dir);
	}
	fputc('\n', f);
	for (i = 0; i < nm; i++)
		if (m[i].hides) {
			fprintf(f, "  #   (a mount at ");
			comment_str(f, m[i].dir);
			fprintf(f, " hides the image's files there: seed it from the image, or mount only the file)\n");
		}
}

/* Across the whole output: rule names stay unique and the policy within its bound of paths. */
struct yaml_state {
	char (*names)[POLICY_NAME_MAX + 1];
	unsigned int n_names;
	unsigned int paths;
};

static void unique_name(struct yaml_state *st, char *rule)
{
	unsigned int i, k = 1;
	char base[POLICY_NAME_MAX - 10];

	snprintf(base, sizeof(base), "%.*s", (int)sizeof(base) - 1, rule);
	for (i = 0; i < st->n_names; i++)
		if (!strcmp(st->names[i], rule)) {
			snprintf(rule, POLICY_NAME_MAX + 1, "%s-%u", base, ++k);
			i = (unsigned int)-1; /* from the start again */
		}
	snprintf(st->names[st->n_names++], POLICY_NAME_MAX + 1, "%s", rule);
}

static void yaml_workload(FILE *f, const struct adv_workload *w, struct yaml_state *st)
{
	unsigned int n, nm, nc, i;
	struct adv_entry *e = advise__entries(w, &n);
	struct mount *m = calloc(n ? n : 1, sizeof(*m));
	const char *caps[64];
	char rule[POLICY_NAME_MAX + 1], bufs[64][16];

	if (!m) {
		advise__entries_free(e, n);
		return;
	}
	advise__rule_name(w, rule, sizeof(rule));
	unique_name(st, rule);
	if (st->paths + n > POLICY_PATHS_MAX) { /* the policy's bound: the rest said, not written */
		fprintf(f, "  # %s: left out, the policy already holds %u paths (the most a policy may)\n", rule,
			st->paths);
		free(m);
		advise__entries_free(e, n);
		return;
	}
	st->paths += n;
	nm = mounts_of(e, n, m);
	nc = cap_names(w->caps, caps, bufs);
	fprintf(f, "  # %lu root filesystem write%s seen", w->writes, w->writes == 1 ? "" : "s");
	if (w->paths_dropped)
		fprintf(f, " (%lu paths beyond the %d vigil kept: rerun on less input)", w->paths_dropped,
			ADVISE_PATHS_MAX);
	/* Quoted: a name made only of name characters can still be YAML syntax ("-", "~", "null"). */
	fprintf(f, "\n  - name: ");
	yaml_str(f, rule);
	fprintf(f, "\n    match: {");
	if (w->namespace) {
		fprintf(f, "namespace: ");
		yaml_str(f, w->namespace);
		fprintf(f, ", pod: ");
		fputc('"', f);
		yaml_str_body(f, w->workload); /* its pods: the workload's name and a generated suffix */
		fprintf(f, "-*\"}\n");
	} else {
		fprintf(f, "image: ");
		yaml_str(f, w->image);
		fprintf(f, "}\n");
	}
	fprintf(f, "    rootfs: enforce\n    allow_writes:%s\n", n ? "" : " []");
	for (i = 0; i < n; i++) {
		fprintf(f, "      # ");
		comment_str(f, e[i].path);
		fprintf(f, ": %s%s\n      - ", e[i].reason, e[i].prefix ? " (the directory and all below it)" : "");
		yaml_str(f, e[i].path);
		fputc('\n', f);
	}
	if (nc) {
		fprintf(f, "    capabilities_allowed: [");
		for (i = 0; i < nc; i++)
			fprintf(f, "%s%s", i ? ", " : "", caps[i]);
		fprintf(f, "] # used (granted) in the stream\n");
	}
	yaml_hardening(f, rule, m, nm, caps, nc);
	free(m);
	advise__entries_free(e, n);
}

static void yaml(const struct advice *a, FILE *f)
{
	fprintf(f, "# vigil advise: %lu lines, %lu alerts", a->lines, a->alerts);
	if (a->unreadable)
		fprintf(f, ", %lu unreadable lines skipped", a->unreadable);
	if (a->without_container)
		fprintf(f, ", %lu alerts without image or pod (vigil ran with --no-metadata?) skipped",
			a->without_container);
	fprintf(f,
		"\n# A rule per workload allowing what it wrote, enforced (check with vigil --check-policy).\n"
		"version: 1\ndefaults:\n  rootfs: monitor\nrules:%s\n",
		a->n ? "" : " []");
	struct yaml_state st = { .names = calloc(a->n ? a->n : 1, sizeof(*st.names)) };

	if (!st.names)
		return;
	for (unsigned int i = 0; i < a->n; i++)
		yaml_workload(f, &a->w[i], &st);
	free(st.names);
}

static void json_strings(struct json *j, const char *key, const char **s, unsigned int n, const char *prefix)
{
	char buf[64];

	json__begin_array(j, key);
	for (unsigned int i = 0; i < n; i++) {
		snprintf(buf, sizeof(buf), "%s%s", prefix, s[i] + 4);
		json__str(j, NULL, prefix ? buf : s[i]);
	}
	json__end_array(j);
}

static void json_workload(struct json *j, const struct adv_workload *w)
{
	unsigned int n, nm, nc, i;
	struct adv_entry *e = advise__entries(w, &n);
	struct mount *m = calloc(n ? n : 1, sizeof(*m));
	const char *caps[64];
	char rule[POLICY_NAME_MAX + 1], bufs[64][16], vol[400];

	if (!m) {
		advise__entries_free(e, n);
		return;
	}
	advise__rule_name(w, rule, sizeof(rule));
	nm = mounts_of(e, n, m);
	nc = cap_names(w->caps, caps, bufs);
	json__begin_object(j, NULL);
	json__str(j, "rule", rule);
	json__begin_object(j, "match");
	if (w->namespace) {
		json__str(j, "namespace", w->namespace);
		json__str(j, "pod", w->workload);
	} else {
		json__str(j, "image", w->image);
	}
	json__end_object(j);
	json__u64(j, "writes", w->writes);
	json__u64(j, "paths_dropped", w->paths_dropped);
	json__begin_array(j, "allow_writes");
	for (i = 0; i < n; i++) {
		json__begin_object(j, NULL);
		json__str(j, "path", e[i].path);
		json__str(j, "kind", e[i].prefix ? "directory" : "file");
		json__str(j, "reason", e[i].reason);
		json__end_object(j);
	}
	json__end_array(j);
	json_strings(j, "capabilities", caps, nc, NULL);
	json__begin_array(j, "mounts");
	for (i = 0; i < nm; i++) {
		json__begin_object(j, NULL);
		json__str(j, "path", m[i].dir);
		json__str(j, "type", m[i].tmpfs ? "tmpfs" : "volume");
		json__bool(j, "hides_image_files", m[i].hides);
		json__end_object(j);
	}
	json__end_array(j);
	json__begin_array(j, "docker_run");
	json__str(j, NULL, "--read-only");
	for (i = 0; i < nm; i++) {
		char arg[600];

		volume_name(rule, m[i].dir, vol, sizeof(vol));
		if (m[i].tmpfs)
			snprintf(arg, sizeof(arg), "--tmpfs=%s", m[i].dir);
		else
			snprintf(arg, sizeof(arg), "--volume=%s:%s", vol, m[i].dir);
		json__str(j, NULL, arg);
	}
	json__str(j, NULL, "--cap-drop=ALL");
	for (i = 0; i < nc; i++) {
		char arg[64];

		snprintf(arg, sizeof(arg), "--cap-add=%s", caps[i] + 4);
		json__str(j, NULL, arg);
	}
	json__end_array(j);
	json__begin_object(j, "kubernetes");
	json__bool(j, "readOnlyRootFilesystem", true);
	json__begin_object(j, "capabilities");
	json__begin_array(j, "drop");
	json__str(j, NULL, "ALL");
	json__end_array(j);
	json_strings(j, "add", caps, nc, "");
	json__end_object(j);
	json__end_object(j);
	json__end_object(j);
	free(m);
	advise__entries_free(e, n);
}

static int json_doc(const struct advice *a, FILE *f)
{
	struct json j = { 0 };
	int ret = 0;

	json__reset(&j);
	json__u64(&j, "advise_version", 1);
	json__u64(&j, "lines", a->lines);
	json__u64(&j, "alerts", a->alerts);
	json__u64(&j, "unreadable", a->unreadable);
	json__u64(&j, "without_container", a->without_container);
	json__begin_array(&j, "workloads");
	for (unsigned int i = 0; i < a->n; i++)
		json_workload(&j, &a->w[i]);
	json__end_array(&j);
	if (!json__end_line(&j) || fputs(j.buf, f) < 0)
		ret = -1;
	json__free(&j);
	return ret;
}

static void text(const struct advice *a, FILE *f)
{
	char rule[POLICY_NAME_MAX + 1];

	fprintf(f, "%lu lines, %lu alerts, %u workloads\n", a->lines, a->alerts, a->n);
	for (unsigned int i = 0; i < a->n; i++) {
		const struct adv_workload *w = &a->w[i];
		unsigned int n;
		struct adv_entry *e = advise__entries(w, &n);

		advise__rule_name(w, rule, sizeof(rule));
		fprintf(f, "\n%s: %lu writes\n", rule, w->writes);
		for (unsigned int k = 0; k < n; k++) {
			fprintf(f, "  allow %-9s ", e[k].prefix ? "directory" : "file");
			comment_str(f, e[k].path);
			fprintf(f, "  (%s)\n", e[k].reason);
		}
		advise__entries_free(e, n);
	}
}

int advise__print(const struct advice *a, enum advise_format fmt, FILE *f)
{
	switch (fmt) {
	case ADVISE_JSON:
		if (json_doc(a, f))
			return -1;
		break;
	case ADVISE_TEXT: text(a, f); break;
	default: yaml(a, f); break;
	}
	return fflush(f) || ferror(f) ? -1 : 0;
}
