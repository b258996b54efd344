/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The filter vigil installs on itself once started: the system calls of
 * deploy/seccomp/vigil.syscalls and nothing else (EPERM), in every thread.
 */
#ifndef VIGIL_CONFINE_H
#define VIGIL_CONFINE_H

#include <sys/types.h>

enum confine_mode {
	CONFINE_ON,  /* default: anything unlisted fails with EPERM */
	CONFINE_LOG, /* unlisted calls succeed and the kernel logs them (audit): to find what the list lacks */
	CONFINE_OFF,
};

/* "on", "log", "off"; -1 for anything else. */
int confine__mode_parse(const char *s);
/*
 * Installs the filter on every thread of the process; kill(2) is allowed
 * for helper (the path resolver's pid; 0: none) only. 0, or a negative
 * errno with one line said (the kernel has no seccomp filter: -EOPNOTSUPP,
 * which the caller reports and runs on).
 */
int confine__self(enum confine_mode mode, pid_t helper);

/*
 * In the path resolver helper, single-threaded after its fork: its own
 * filter, the helper lines of deploy/seccomp/vigil.syscalls. 0, or a
 * negative errno (the helper answers unfiltered: see path_resolver.c).
 */
int confine__helper(enum confine_mode mode);
/* agent-start's vigil.seccomp: what confine made of mode and its result. */
const char *confine__state_name(enum confine_mode mode, int err);

#endif /* VIGIL_CONFINE_H */
