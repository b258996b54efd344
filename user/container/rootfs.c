// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>
#include <string.h>
#include "mountinfo.h"
#include "rootfs.h"

static bool add_point(struct mount_table *mt, const char *point)
{
	char *copy;

	if (!strcmp(point, "/") || mt->n >= ROOTFS_MAX_MOUNTS)
		return mt->n < ROOTFS_MAX_MOUNTS;
	copy = strdup(point);
	if (!copy)
		return false;
	mt->points[mt->n++] = copy;
	return true;
}

void rootfs__free(struct mount_table *mt)
{
	size_t i;

	for (i = 0; i < mt->n; i++)
		free(mt->points[i]);
	mt->n = 0;
}

bool rootfs__load_mountinfo(struct mount_table *mt, FILE *f)
{
	char *line = NULL;
	size_t cap = 0;
	struct mount_entry e;
	bool ok = true, any = false;

	rootfs__free(mt);
	mt->from_runtime_defaults = false;
	while (ok && getline(&line, &cap, f) > 0) {
		if (!mountinfo__parse_line(line, &e))
			continue;
		any = true;
		ok = add_point(mt, e.mount_point);
	}
	free(line);
	return ok && any;
}

void rootfs__load_runtime_defaults(struct mount_table *mt)
{
	static const char *const oci_defaults[] = {
		"/proc", "/dev",	   "/dev/pts",	    "/dev/shm",	  "/dev/mqueue",
		"/sys",	 "/sys/fs/cgroup", "/etc/hostname", "/etc/hosts", "/etc/resolv.conf",
	};
	size_t i;

	rootfs__free(mt);
	for (i = 0; i < sizeof(oci_defaults) / sizeof(oci_defaults[0]); i++)
		add_point(mt, oci_defaults[i]);
	mt->from_runtime_defaults = true;
}

/* The path is on another mount when some mount point is the path or an ancestor of it. */
bool rootfs__path_on_root(const struct mount_table *mt, const char *path)
{
	size_t i, n;

	for (i = 0; i < mt->n; i++) {
		n = strlen(mt->points[i]);
		if (!strncmp(path, mt->points[i], n) && (path[n] == '\0' || path[n] == '/'))
			return false;
	}
	return true;
}

static const char *digits_end(const char *p)
{
	const char *start = p;

	while (*p >= '0' && *p <= '9')
		p++;
	return p > start ? p : NULL;
}

/* After "/proc/": "self", "thread-self" or PID, then optionally "/task/TID"; the position after, or NULL. */
static const char *proc_process(const char *p)
{
	if (!strncmp(p, "self", 4))
		p += 4;
	else if (!strncmp(p, "thread-self", 11))
		p += 11;
	else if (!(p = digits_end(p)))
		return NULL;
	if (!strncmp(p, "/task/", 6)) {
		const char *t = digits_end(p + 6);

		if (t)
			p = t;
	}
	return p;
}

bool rootfs__strip_proc_root(char *path)
{
	bool stripped = false;
	const char *p;

	/* a link may name another: /proc/self/root/proc/self/root/x */
	while (!strncmp(path, "/proc/", 6) && (p = proc_process(path + 6)) && !strncmp(p, "/root", 5) &&
	       (p[5] == '/' || p[5] == '\0')) {
		p += 5;
		memmove(path, *p ? p : "/", strlen(*p ? p : "/") + 1);
		stripped = true;
	}
	return stripped;
}
