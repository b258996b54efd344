// SPDX-License-Identifier: GPL-2.0
#include <string.h>
#include "selection.h"

/*
 * Hooks whose absence leaves no gap: before 6.2, ftruncate calls
 * path_truncate, and POSIX ACLs are set and removed through the xattr hooks.
 */
static bool hook_covered_elsewhere(const char *name)
{
	return !strcmp(name, "vigil_lsm_file_truncate") || !strcmp(name, "vigil_lsm_inode_set_acl") ||
	       !strcmp(name, "vigil_lsm_inode_remove_acl");
}

enum selection selection__want(const struct prog_spec *spec, const struct prog_needs *needs, bool lsm, bool watch_ia32,
			       const struct kernel_features *f)
{
	const char *name = spec->name;
	bool want = spec->backend == ON_BOTH || (spec->backend == ON_LSM) == lsm;

	if (!strcmp(name, "vigil_cap_capable"))
		want = f->cap_capable_tp;
	else if (!strcmp(name, "vigil_lsm_capable"))
		want = lsm && !f->cap_capable_tp;
	else if (!strcmp(name, "vigil_sys_exit_ia32"))
		want = want && watch_ia32 && f->ia32_syscalls;
	else if (!strcmp(name, "vigil_io_uring_submit"))
		want = want && f->io_uring_tp; /* no tracepoint: no io_uring to submit to */
	else if (!strcmp(name, "vigil_io_uring_submit_sqe"))
		want = want && !f->io_uring_tp && f->io_uring_sqe_tp;
	else if (want && needs->is_lsm && !needs->hook_in_kernel)
		return hook_covered_elsewhere(name) ? SEL_HOOK_COVERED : SEL_HOOK_ABSENT;
	return want ? SEL_LOAD : SEL_SKIP;
}
