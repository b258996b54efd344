// SPDX-License-Identifier: GPL-2.0
/*
 * vigil advise's model (advise.h): a stream's rootfs-write and capability
 * alerts folded per workload, and each workload's writes collapsed into an
 * allow-list:
 * - a directory the workload created (mkdir seen) is allowed whole;
 * - a directory where files were created and removed again, or where 3 or
 *   more files were written, is allowed whole (the files are its contents,
 *   not fixed names);
 * - otherwise each file exactly.
 * A system directory (/, /var, and /etc, /usr, /root, /lib*, /bin, /sbin,
 * /boot, /opt and everything below them) is never allowed whole: its files
 * stay exact. Entries under an allowed
 * directory are dropped. Each entry says why it was chosen.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>
#include "advise.h"
#include "capnames.h"
#include "json_in.h"
#include "policy.h"

#define LINE_MAX_BYTES (1u << 20)

static struct adv_workload *workload(struct advice *a, const char *image, const char *ns, const char *wl)
{
	struct adv_workload *w;
	unsigned int i;

	for (i = 0; i < a->n; i++) {
		w = &a->w[i];
		if (ns ? (w->namespace && !strcmp(w->namespace, ns) && !strcmp(w->workload, wl))
		       : (!w->namespace && !strcmp(w->image, image)))
			return w;
	}
	if (a->n == ADVISE_WORKLOADS_MAX)
		return NULL;
	w = realloc(a->w, (a->n + 1) * sizeof(*w));
	if (!w)
		return NULL;
	a->w = w;
	w = &a->w[a->n];
	memset(w, 0, sizeof(*w));
	w->image = strdup(image);
	w->namespace = ns ? strdup(ns) : NULL;
	w->workload = wl ? strdup(wl) : NULL;
	if (!w->image || (ns && (!w->namespace || !w->workload))) {
		free(w->image);
		free(w->namespace);
		free(w->workload);
		return NULL;
	}
	a->n++;
	return w;
}

/* The repository of an image reference: "nginx:1.25@sha256:.." -> "nginx"; a registry's port stays. */
static void repository(const char *ref, char *out, size_t len)
{
	char *slash, *colon;

	snprintf(out, len, "%s", ref);
	out[strcspn(out, "@")] = 0;
	slash = strrchr(out, '/');
	colon = strrchr(out, ':');
	if (colon && (!slash || colon > slash))
		*colon = 0;
}

void advise__pod_workload(const char *pod, char *out, size_t len)
{
	char *dash;
	size_t n;

	snprintf(out, len, "%s", pod);
	/* a ReplicaSet's or DaemonSet's pod: "-" and 5 of [a-z0-9] the controller made up */
	dash = strrchr(out, '-');
	if (!dash || strlen(dash + 1) != 5 || strspn(dash + 1, "bcdfghjklmnpqrstvwxz2456789") != 5) {
		/* a StatefulSet's: "-" and its ordinal */
		if (dash && dash[1] && strspn(dash + 1, "0123456789") == strlen(dash + 1))
			*dash = 0;
		return;
	}
	*dash = 0;
	/* a Deployment's ReplicaSet: its pod-template hash before that */
	dash = strrchr(out, '-');
	n = dash ? strlen(dash + 1) : 0;
	if (dash && n >= 6 && n <= 10 && strspn(dash + 1, "bcdfghjklmnpqrstvwxz2456789") == n)
		*dash = 0;
}

static struct adv_path *path_of(struct adv_workload *w, const char *path)
{
	struct adv_path *p;
	unsigned int i;

	for (i = 0; i < w->n_paths; i++)
		if (!strcmp(w->paths[i].path, path))
			return &w->paths[i];
	if (w->n_paths == ADVISE_PATHS_MAX) {
		w->paths_dropped++;
		return NULL;
	}
	p = realloc(w->paths, (w->n_paths + 1) * sizeof(*p));
	if (!p)
		return NULL;
	w->paths = p;
	p = &w->paths[w->n_paths];
	memset(p, 0, sizeof(*p));
	p->path = strdup(path);
	if (!p->path)
		return NULL;
	w->n_paths++;
	return p;
}

/*
 * YAML is Unicode: a string with bytes that are not UTF-8 cannot be written
 * in a policy. Strict, as YAML readers are: no overlong form, no surrogate,
 * nothing past U+10FFFF.
 */
static bool utf8(const char *s)
{
	static const unsigned int least[4] = { 0, 0x80, 0x800, 0x10000 };
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		int n = *p < 0x80	      ? 0
			: (*p & 0xe0) == 0xc0 ? 1
			: (*p & 0xf0) == 0xe0 ? 2
			: (*p & 0xf8) == 0xf0 ? 3
					      : -1;
		unsigned int cp;

		if (n < 0)
			return false;
		cp = n ? *p & (0x3f >> n) : *p;
		for (int i = n; i > 0; i--) {
			if ((*++p & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (*p & 0x3f);
		}
		if (cp < least[n] || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
			return false;
		p++;
	}
	return true;
}

/*
 * A path the policy can hold: absolute, canonical, within its bound (what
 * the kernel reported always is), UTF-8, no control characters (a YAML
 * comment says it too).
 */
static bool usable(const char *path)
{
	for (const char *c = path; c && *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			return false;
	return path && utf8(path) && path[0] == '/' && (!path[1] || path[strlen(path) - 1] != '/') &&
	       strlen(path) <= POLICY_PATH_MAX && !strstr(path, "//") && !strstr(path, "/./") &&
	       !strstr(path, "/../") && strcmp(path + strlen(path) - 2, "/.") &&
	       (strlen(path) < 3 || strcmp(path + strlen(path) - 3, "/..")) && !strchr(path, '\n');
}

static void rootfs_write(struct adv_workload *w, struct json_object *line)
{
	struct json_object *file = json_in__child(line, "file"), *vigil = json_in__child(line, "vigil");
	const char *path = json_in__string(file, "path"), *op = json_in__string(vigil, "operation");
	struct json_object *vf = json_in__child(vigil, "file");
	const char *target = json_in__string(vf, "target_path");
	struct adv_path *p;

	w->writes++;
	if (!usable(path))
		return;
	p = path_of(w, path);
	if (!p)
		return;
	p->writes++;
	if (op && !strcmp(op, "mkdir"))
		p->made_dir = true;
	else if (op && (!strcmp(op, "unlink") || !strcmp(op, "rmdir") || !strcmp(op, "rename")))
		p->removed = true;
	else
		p->created = true;
	if (op && !strcmp(op, "rename") && usable(target)) { /* rename writes at both ends */
		p = path_of(w, target);
		if (p) {
			p->writes++;
			p->created = true;
		}
	}
}

static void capability(struct adv_workload *w, struct json_object *line)
{
	struct json_object *cap = json_in__child(json_in__child(line, "vigil"), "capability"), *v;
	char buf[16];
	int64_t n;

	if (!cap || !json_object_object_get_ex(cap, "granted", &v) || !json_object_get_boolean(v) ||
	    !json_object_object_get_ex(cap, "number", &v) || !json_object_is_type(v, json_type_int))
		return;
	n = json_object_get_int64(v);
	if (n >= 0 && n < 64 && capnames__number(capnames__name((unsigned int)n, buf, sizeof(buf))) == n)
		w->caps |= 1ull << n; /* one vigil names: a newer kernel's it cannot write in a policy */
}

void advise__line(struct advice *a, const char *line, size_t len)
{
	struct json_object *o, *c, *orch, *event;
	const char *action, *image, *ns, *pod;
	char repo[1100], wl[300];
	struct adv_workload *w;

	a->lines++;
	while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
		len--;
	if (!len)
		return;
	o = json_in__parse(line, len, json_type_object);
	if (!o) {
		a->unreadable++;
		return;
	}
	event = json_in__child(o, "event");
	action = json_in__string(event, "action");
	if (!action || strcmp(json_in__string(event, "kind") ?: "", "alert") ||
	    (strcmp(action, "rootfs-write") && strcmp(action, "capability")))
		goto out;
	a->alerts++;
	c = json_in__child(o, "container");
	image = json_in__string(json_in__child(c, "image"), "name");
	orch = json_in__child(o, "orchestrator");
	ns = json_in__string(orch, "namespace");
	pod = json_in__string(json_in__child(orch, "resource"), "name");
	if (image && !image[0])
		image = NULL;
	if (!ns || !ns[0] || !pod || !pod[0])
		ns = pod = NULL;
	if ((!image && !(ns && pod)) || (image && (strlen(image) > 1000 || !utf8(image))) ||
	    (ns && (strlen(ns) > 253 || !utf8(ns))) ||
	    (pod &&
	     (strlen(pod) > 253 || !utf8(pod)))) { /* no metadata: nothing to name a rule by (or more than a name) */
		a->without_container++;
		goto out;
	}
	repository(image ? image : "", repo, sizeof(repo));
	if (ns && pod)
		advise__pod_workload(pod, wl, sizeof(wl));
	if ((!ns && !repo[0]) || (ns && !wl[0])) { /* ":tag" alone, "-abcde" alone: no name left */
		a->without_container++;
		goto out;
	}
	w = workload(a, repo, ns && pod ? ns : NULL, ns && pod ? wl : NULL);
	if (!w)
		goto out;
	if (!strcmp(action, "rootfs-write"))
		rootfs_write(w, o);
	else
		capability(w, o);
out:
	json_object_put(o);
}

void advise__read(struct advice *a, FILE *in)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	while ((n = getline(&line, &cap, in)) > 0) {
		if ((size_t)n > LINE_MAX_BYTES) {
			a->lines++;
			a->unreadable++;
			continue;
		}
		advise__line(a, line, (size_t)n);
	}
	free(line);
}

void advise__free(struct advice *a)
{
	unsigned int i, j;

	for (i = 0; i < a->n; i++) {
		for (j = 0; j < a->w[i].n_paths; j++)
			free(a->w[i].paths[j].path);
		free(a->w[i].paths);
		free(a->w[i].image);
		free(a->w[i].namespace);
		free(a->w[i].workload);
	}
	free(a->w);
	memset(a, 0, sizeof(*a));
}

/*
 * A directory never allowed whole: the image's own system files live there,
 * and a whole directory there (ld.so.conf.d, a bin directory on PATH) is
 * what an attacker who wrote during the learning would want allowed.
 */
static bool system_dir(const char *dir)
{
	static const char *const trees[] = { "/etc",	"/usr", "/root", "/lib",  "/lib32", "/lib64",
					     "/libx32", "/bin", "/sbin", "/boot", "/opt" };

	if (!strcmp(dir, "/") || !strcmp(dir, "/var"))
		return true;
	for (size_t i = 0; i < sizeof(trees) / sizeof(trees[0]); i++) {
		size_t n = strlen(trees[i]);

		if (!strncmp(dir, trees[i], n) && (!dir[n] || dir[n] == '/'))
			return true;
	}
	return false;
}

/* Where scratch belongs on any system: a tmpfs there is the usual advice. */
static bool temporary_location(const char *dir)
{
	static const char *const dirs[] = { "/tmp", "/var/tmp", "/run", "/var/run", "/var/cache", "/var/lock" };

	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		size_t n = strlen(dirs[i]);

		if (!strncmp(dir, dirs[i], n) && (!dir[n] || dir[n] == '/'))
			return true;
	}
	return false;
}

static void parent_of(const char *path, char *out, size_t len)
{
	const char *slash = strrchr(path, '/');

	if (!slash || slash == path)
		snprintf(out, len, "/");
	else
		snprintf(out, len, "%.*s", (int)(slash - path), path);
}

/* Whether an entry allows path: "/x/" allows /x and everything below, "/x" only itself. */
static bool covered_by(const char *path, const struct adv_entry *e)
{
	size_t n = strlen(e->path);

	if (!e->prefix)
		return !strcmp(path, e->path);
	return !strncmp(path, e->path, n) || (n > 1 && !strncmp(path, e->path, n - 1) && !path[n - 1]);
}

static bool covered(const char *path, const struct adv_entry *e, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		if (e[i].prefix && covered_by(path, &e[i]))
			return true;
	return false;
}

static bool add(struct adv_entry **e, unsigned int *n, const char *path, bool prefix, bool scratch, const char *why)
{
	struct adv_entry *g = realloc(*e, (*n + 1) * sizeof(**e));
	size_t len = strlen(path);

	if (!g)
		return false;
	*e = g;
	g = &g[*n];
	memset(g, 0, sizeof(*g));
	g->path = malloc(len + 2);
	if (!g->path)
		return false;
	snprintf(g->path, len + 2, "%s%s", path, prefix && strcmp(path, "/") ? "/" : "");
	if (prefix && strlen(g->path) > POLICY_PATH_MAX) { /* "/dir/" past the bound: not allowable */
		free(g->path);
		return true;
	}
	g->prefix = prefix;
	g->scratch = scratch;
	snprintf(g->reason, sizeof(g->reason), "%s", why);
	(*n)++;
	return true;
}

/* Directories allowed whole, by the rules above; then every file not under one of them. */
struct adv_entry *advise__entries(const struct adv_workload *w, unsigned int *n)
{
	struct adv_entry *e = NULL;
	char dir[POLICY_PATH_MAX + 1], why[160];
	unsigned int i, j, in_dir, churn;

	*n = 0;
	for (i = 0; i < w->n_paths; i++) {
		const struct adv_path *p = &w->paths[i];

		if (p->made_dir && !system_dir(p->path)) {
			if (!covered(p->path, e, *n))
				add(&e, n, p->path, true, temporary_location(p->path),
				    "created by the workload (mkdir seen): its contents are the workload's");
			continue;
		}
		parent_of(p->path, dir, sizeof(dir));
		if (system_dir(dir) || covered(dir, e, *n))
			continue;
		in_dir = churn = 0;
		for (j = 0; j < w->n_paths; j++) {
			char pd[POLICY_PATH_MAX + 1];

			parent_of(w->paths[j].path, pd, sizeof(pd));
			if (strcmp(pd, dir))
				continue;
			in_dir++;
			churn += w->paths[j].created && w->paths[j].removed;
		}
		if (churn) {
			snprintf(why, sizeof(why), "%u file(s) created and removed again there: scratch", churn);
			add(&e, n, dir, true, true, why);
		} else if (in_dir >= 3) {
			snprintf(why, sizeof(why), "%u files written there", in_dir);
			add(&e, n, dir, true, temporary_location(dir), why);
		}
	}
	/* files not under an allowed directory, exactly */
	for (i = 0; i < w->n_paths; i++) {
		const struct adv_path *p = &w->paths[i];

		if (covered(p->path, e, *n))
			continue;
		parent_of(p->path, dir, sizeof(dir));
		if (p->removed && !p->created && !p->made_dir)
			snprintf(why, sizeof(why), "removed (an image file)");
		else
			snprintf(why, sizeof(why), "written %u time%s", p->writes, p->writes == 1 ? "" : "s");
		add(&e, n, p->path, false, temporary_location(dir), why);
	}
	/* a directory under another allowed one: the outer one says it */
	for (i = 0; i < *n; i++)
		for (j = 0; j < *n; j++)
			if (i != j && e[j].prefix && e[i].path && e[j].path && strcmp(e[i].path, e[j].path) &&
			    !strncmp(e[i].path, e[j].path, strlen(e[j].path))) {
				free(e[i].path);
				e[i].path = NULL;
				break;
			}
	for (i = j = 0; i < *n; i++)
		if (e[i].path)
			e[j++] = e[i];
	*n = j;
	return e;
}

void advise__entries_free(struct adv_entry *e, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		free(e[i].path);
	free(e);
}

void advise__rule_name(const struct adv_workload *w, char *out, size_t len)
{
	size_t i;

	if (w->namespace)
		snprintf(out, len, "%s.%s", w->namespace, w->workload);
	else
		snprintf(out, len, "%s", w->image[0] ? w->image : "image");
	if (len > POLICY_NAME_MAX)
		out[POLICY_NAME_MAX] = 0;
	for (i = 0; out[i]; i++)
		if (!isalnum((unsigned char)out[i]) && out[i] != '.' && out[i] != '_' && out[i] != '-')
			out[i] = '-';
}
