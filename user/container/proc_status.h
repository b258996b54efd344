/* SPDX-License-Identifier: GPL-2.0 */
/*
 * /proc/PID/status and /proc/PID/cgroup, as the task-snapshot fallback reads
 * them (pure; fuzzed).
 */
#ifndef VIGIL_PROC_STATUS_H
#define VIGIL_PROC_STATUS_H

#include <stddef.h>
#include "vigil_event.h"

/* The Uid:, Gid: and Groups: lines of a status file; 0, or -1 when one is missing or malformed. */
int proc_status__ids(const char *text, struct cred_snapshot *out);
/* The cgroup v2 path ("0::PATH" line) of a cgroup file into path; 0, or -1 without one. */
int proc_status__cgroup2_path(const char *text, char *path, size_t len);

/* The path of a cgroup v1 hierarchy holding controller ("memory") in a cgroup file; 0, or -1 without one. */
int proc_status__cgroup1_path(const char *text, const char *controller, char *path, size_t len);
/* The CapBnd: line of a status file (hex); 0, or -1. */
int proc_status__cap_bset(const char *text, __u64 *out);

#endif /* VIGIL_PROC_STATUS_H */
