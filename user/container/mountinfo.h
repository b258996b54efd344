/* SPDX-License-Identifier: GPL-2.0 */
/* /proc/PID/mountinfo parsing (pure, see proc(5)). */
#ifndef VIGIL_MOUNTINFO_H
#define VIGIL_MOUNTINFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct mount_entry {
	const char *root; /* point into the parsed line, unescaped in place */
	const char *mount_point;
	const char *fstype;
	const char *source;
	const char *options;	   /* the mount's own: "rw,nosuid,..." */
	const char *super_options; /* the filesystem's; a cgroup v1 hierarchy names its controllers here */
	unsigned int major, minor; /* the filesystem's device */
	unsigned long long mnt_id; /* the mount's id (statx STATX_MNT_ID) */
};

/* Whether a comma-separated option list holds opt ("ro" in "ro,nosuid"). */
bool mountinfo__has_option(const char *list, const char *opt);

/* Parses one line in place (it is modified). False on a malformed line. */
bool mountinfo__parse_line(char *line, struct mount_entry *e);

/* First cgroup2 mount point in a mountinfo stream into buf; false if none. */
bool mountinfo__find_cgroup2(FILE *f, char *buf, size_t len);

#endif /* VIGIL_MOUNTINFO_H */
