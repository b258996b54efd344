// SPDX-License-Identifier: GPL-2.0
/* /proc/PID/status and /proc/PID/cgroup: a process names itself (Name:) and its cgroup path. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "proc_status.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = strndup((const char *)data, size);
	struct cred_snapshot s;
	char path[64];
	__u64 bset;

	if (!text)
		return 0;
	if (proc_status__ids(text, &s) == 0 && s.ngroups > size)
		abort(); /* a group is at least one digit */
	if (proc_status__cgroup2_path(text, path, sizeof(path)) == 0 &&
	    (path[0] != '/' || strlen(path) >= sizeof(path) || strchr(path, '\n')))
		abort();
	if (proc_status__cgroup1_path(text, "memory", path, sizeof(path)) == 0 &&
	    (path[0] != '/' || strlen(path) >= sizeof(path) || strchr(path, '\n')))
		abort();
	proc_status__cap_bset(text, &bset);
	free(text);
	return 0;
}
