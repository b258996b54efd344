// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/landlock.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include "landlock.h"
#include "log.h"

#ifndef LANDLOCK_ACCESS_FS_REFER
#define LANDLOCK_ACCESS_FS_REFER (1ULL << 13) /* ABI 2 */
#endif
#ifndef LANDLOCK_ACCESS_FS_TRUNCATE
#define LANDLOCK_ACCESS_FS_TRUNCATE (1ULL << 14) /* ABI 3 */
#endif

/* Every way of changing the file system Landlock's first ABI knows; reads are not handled. */
#define CHANGES                                                                                           \
	(LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_REMOVE_DIR | LANDLOCK_ACCESS_FS_REMOVE_FILE | \
	 LANDLOCK_ACCESS_FS_MAKE_CHAR | LANDLOCK_ACCESS_FS_MAKE_DIR | LANDLOCK_ACCESS_FS_MAKE_REG |       \
	 LANDLOCK_ACCESS_FS_MAKE_SOCK | LANDLOCK_ACCESS_FS_MAKE_FIFO | LANDLOCK_ACCESS_FS_MAKE_BLOCK |    \
	 LANDLOCK_ACCESS_FS_MAKE_SYM)

int landlock__mode_parse(const char *s)
{
	return !strcmp(s, "on") ? LANDLOCK_ON : !strcmp(s, "off") ? LANDLOCK_OFF : -1;
}

static int allow_beneath(int ruleset, const char *path, __u64 access)
{
	struct landlock_path_beneath_attr rule = { .allowed_access = access };
	int err = 0;

	rule.parent_fd = open(path, O_PATH | O_CLOEXEC);
	if (rule.parent_fd < 0)
		return log_errno(-errno, "landlock: %s", path);
	if (syscall(SYS_landlock_add_rule, ruleset, LANDLOCK_RULE_PATH_BENEATH, &rule, 0))
		err = log_errno(-errno, "landlock: allow writes to %s", path);
	close(rule.parent_fd);
	return err;
}

/*
 * The output: a regular file (or one not made yet) by its directory, where
 * the next file is created after a rotation, symlinks resolved (the
 * directory the file really is in); anything else (a device, a FIFO) by
 * itself alone, not its directory (/dev). A pipe or socket (/dev/stdout of
 * a pipeline) has no place in a file system to allow: the descriptor vigil
 * holds keeps working, as Landlock checks opens only.
 */
static int allow_output(int ruleset, const char *output, __u64 handled)
{
	char real[PATH_MAX], dir[PATH_MAX];
	struct stat st;

	if (!output || !strcmp(output, "-"))
		return 0;
	if (!stat(output, &st) && !S_ISREG(st.st_mode)) {
		if (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode))
			return 0;
		return allow_beneath(ruleset, output,
				     handled & (LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_TRUNCATE));
	}
	snprintf(dir, sizeof(dir), "%s", realpath(output, real) ? real : output);
	return allow_beneath(
		ruleset, dirname(dir),
		handled & (LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_TRUNCATE | LANDLOCK_ACCESS_FS_MAKE_REG));
}

static long abi; /* Landlock's ABI version, once asked */

int landlock__confine(enum landlock_mode mode, const char *output)
{
	struct landlock_ruleset_attr attr = { .handled_access_fs = CHANGES };
	int ruleset, err;

	if (mode == LANDLOCK_OFF)
		return 0;
	abi = syscall(SYS_landlock_create_ruleset, NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);
	if (abi < 0) {
		abi = 0;
		return log_err(-EOPNOTSUPP, "landlock: not in this kernel (%s): vigil's own writes are not confined",
			       strerror(errno));
	}
	if (abi >= 2) /* renames and links into another directory */
		attr.handled_access_fs |= LANDLOCK_ACCESS_FS_REFER;
	if (abi >= 3)
		attr.handled_access_fs |= LANDLOCK_ACCESS_FS_TRUNCATE;
	ruleset = (int)syscall(SYS_landlock_create_ruleset, &attr, sizeof(attr), 0);
	if (ruleset < 0)
		return log_errno(-errno, "landlock: ruleset");
	err = allow_output(ruleset, output, attr.handled_access_fs);
	if (!err && syscall(SYS_landlock_restrict_self, ruleset, 0))
		err = log_errno(-errno, "landlock: restrict");
	close(ruleset);
	return err;
}

const char *landlock__state_name(enum landlock_mode mode, int err)
{
	if (err == -EOPNOTSUPP)
		return "unavailable";
	if (mode == LANDLOCK_OFF)
		return "off";
	/* before ABI 3 (Linux 6.2) truncation is not a right Landlock handles */
	return abi >= 3 ? "on" : "partial";
}
