// SPDX-License-Identifier: GPL-2.0
/*
 * A mountinfo line:
 *   36 35 98:0 /mnt1 /mnt/parent rw,noatime master:1 - ext3 /dev/root rw
 *   id parent maj:min root mount-point options [optional...] - fstype source super-options
 * Paths escape space, tab, newline and backslash as \ooo octal.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mountinfo.h"

static void unescape_octal(char *s)
{
	char *w = s;

	for (; *s; s++) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' && s[2] >= '0' && s[2] <= '7' && s[3] >= '0' &&
		    s[3] <= '7') {
			*w++ = (char)(((s[1] - '0') << 6) | ((s[2] - '0') << 3) | (s[3] - '0'));
			s += 3;
		} else {
			*w++ = *s;
		}
	}
	*w = '\0';
}

/* Splits off the next space-separated field; NULL when none is left. */
static char *next_field(char **cursor)
{
	char *s = *cursor, *start;

	while (*s == ' ')
		s++;
	if (!*s || *s == '\n')
		return NULL;
	start = s;
	while (*s && *s != ' ' && *s != '\n')
		s++;
	if (*s)
		*s++ = '\0';
	*cursor = s;
	return start;
}

bool mountinfo__parse_line(char *line, struct mount_entry *e)
{
	char *cur = line, *f[6], *opt;
	int i;

	for (i = 0; i < 6; i++) {
		f[i] = next_field(&cur);
		if (!f[i])
			return false;
	}
	/* optional fields end at a lone "-" */
	do {
		opt = next_field(&cur);
		if (!opt)
			return false;
	} while (strcmp(opt, "-") != 0);
	e->fstype = next_field(&cur);
	e->source = next_field(&cur);
	if (!e->fstype || !e->source || f[4][0] != '/')
		return false;
	e->super_options = next_field(&cur);
	if (!e->super_options)
		e->super_options = "";
	e->options = f[5];
	if (sscanf(f[2], "%u:%u", &e->major, &e->minor) != 2 || sscanf(f[0], "%llu", &e->mnt_id) != 1)
		return false;
	unescape_octal(f[3]);
	unescape_octal(f[4]);
	unescape_octal((char *)e->source);
	e->root = f[3];
	e->mount_point = f[4];
	return true;
}

bool mountinfo__find_cgroup2(FILE *f, char *buf, size_t len)
{
	char *line = NULL;
	size_t cap = 0;
	struct mount_entry e;
	bool found = false;

	while (!found && getline(&line, &cap, f) > 0) {
		if (mountinfo__parse_line(line, &e) && !strcmp(e.fstype, "cgroup2") && strlen(e.mount_point) < len) {
			strcpy(buf, e.mount_point);
			found = true;
		}
	}
	free(line);
	return found;
}

bool mountinfo__has_option(const char *list, const char *opt)
{
	size_t n = strlen(opt);
	const char *p = list;

	while (p && *p) {
		const char *end = strchrnul(p, ',');

		if ((size_t)(end - p) == n && !strncmp(p, opt, n))
			return true;
		p = *end ? end + 1 : NULL;
	}
	return false;
}
