// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "proc_status.h"

/* The value part of "Key:\t..." at the start of a line, or NULL. */
static const char *field(const char *text, const char *key)
{
	size_t klen = strlen(key);
	const char *p = text;

	while (p && *p) {
		if (!strncmp(p, key, klen))
			return p + klen;
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return NULL;
}

/* Four decimal ids separated by white space, up to the end of the line. */
static int four_ids(const char *p, __u32 out[4])
{
	unsigned long v;
	char *end;
	int i;

	if (!p)
		return -1;
	for (i = 0; i < 4; i++) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p < '0' || *p > '9')
			return -1;
		v = strtoul(p, &end, 10);
		if (v > 0xffffffffUL)
			return -1;
		out[i] = v;
		p = end;
	}
	return 0;
}

static int count_groups(const char *p, __u32 *n)
{
	*n = 0;
	if (!p)
		return -1;
	while (*p && *p != '\n') {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p || *p == '\n')
			break;
		if (*p < '0' || *p > '9')
			return -1;
		while (*p >= '0' && *p <= '9')
			p++;
		(*n)++;
	}
	return 0;
}

int proc_status__ids(const char *text, struct cred_snapshot *out)
{
	__u32 u[4], g[4];

	memset(out, 0, sizeof(*out));
	if (four_ids(field(text, "Uid:"), u) || four_ids(field(text, "Gid:"), g) ||
	    count_groups(field(text, "Groups:"), &out->ngroups))
		return -1;
	out->ids = (struct vigil_ids){ .ruid = u[0],
				       .euid = u[1],
				       .suid = u[2],
				       .fsuid = u[3],
				       .rgid = g[0],
				       .egid = g[1],
				       .sgid = g[2],
				       .fsgid = g[3] };
	return 0;
}

int proc_status__cgroup2_path(const char *text, char *path, size_t len)
{
	const char *p = field(text, "0::"), *end;

	if (!p || *p != '/')
		return -1;
	end = strchrnul(p, '\n');
	if ((size_t)(end - p) >= len)
		return -1;
	memcpy(path, p, end - p);
	path[end - p] = '\0';
	return 0;
}
