// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdbool.h>
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

/* "N:a,b,controller,c:PATH": the controller among a comma list between the first two colons. */
static bool line_has_controller(const char *line, const char *colon2, const char *controller)
{
	size_t n = strlen(controller);
	const char *p = strchr(line, ':');

	if (!p || p >= colon2)
		return false;
	for (p++; p < colon2;) {
		const char *end = memchr(p, ',', colon2 - p);

		if (!end)
			end = colon2;
		if ((size_t)(end - p) == n && !memcmp(p, controller, n))
			return true;
		p = end + 1;
	}
	return false;
}

int proc_status__cgroup1_path(const char *text, const char *controller, char *path, size_t len)
{
	const char *line = text;

	while (line && *line) {
		const char *eol = strchrnul(line, '\n'), *c1 = memchr(line, ':', eol - line), *c2;

		c2 = c1 ? memchr(c1 + 1, ':', eol - c1 - 1) : NULL;
		if (c2 && line_has_controller(line, c2, controller) && c2[1] == '/') {
			if ((size_t)(eol - c2 - 1) >= len)
				return -1;
			memcpy(path, c2 + 1, eol - c2 - 1);
			path[eol - c2 - 1] = '\0';
			return 0;
		}
		line = *eol ? eol + 1 : NULL;
	}
	return -1;
}

int proc_status__cap_bset(const char *text, __u64 *out)
{
	const char *p = field(text, "CapBnd:");
	char *end;

	if (!p)
		return -1;
	while (*p == ' ' || *p == '\t')
		p++;
	errno = 0;
	*out = strtoull(p, &end, 16);
	return end == p || errno || (*end != '\n' && *end != '\0') ? -1 : 0;
}
