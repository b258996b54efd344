// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "safe_path.h"

bool safe_path__unsafe_mode(const struct stat *st, bool is_dir)
{
	if (!(st->st_mode & S_IWOTH))
		return false;
	/* in a sticky directory, others may add entries but not replace ours */
	return !(is_dir && (st->st_mode & S_ISVTX));
}

static int refuse(const char *exe, const char *path, const struct stat *st, char *why, size_t why_len)
{
	snprintf(why, why_len, "refusing to run from %s: %s is world-writable (mode %04o)", exe, path,
		 st->st_mode & 07777);
	return -EPERM;
}

static int cannot_stat(const char *path, char *why, size_t why_len)
{
	int err = -errno;

	snprintf(why, why_len, "%s: %s", path, strerror(-err));
	return err;
}

int safe_path__check(const char *path, char *why, size_t why_len)
{
	char exe[PATH_MAX], real[PATH_MAX], *slash;
	struct stat st;

	if (!realpath(path, exe) || stat(exe, &st))
		return cannot_stat(path, why, why_len);
	if (safe_path__unsafe_mode(&st, false))
		return refuse(exe, exe, &st, why, why_len);
	strcpy(real, exe);
	while ((slash = strrchr(real, '/'))) {
		slash[slash == real] = '\0'; /* "/usr/sbin" -> "/usr", "/usr" -> "/" */
		if (stat(real, &st))
			return cannot_stat(real, why, why_len);
		if (safe_path__unsafe_mode(&st, true))
			return refuse(exe, real, &st, why, why_len);
		if (!strcmp(real, "/"))
			break;
	}
	return 0;
}
