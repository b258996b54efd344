/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The fallback of the task iterator (vigil_snapshot_tasks): credential
 * snapshots of the container processes that already run, from /proc.
 */
#ifndef VIGIL_TASK_SNAPSHOT_H
#define VIGIL_TASK_SNAPSHOT_H

#include <linux/types.h>

/*
 * Every process whose cgroup v2 (under cgroup2_root) is in the `containers`
 * map gets its ids into `cred_snapshots`, keyed by a pidfd. Thread-group
 * leaders only: before Linux 6.9 no pidfd names a thread. Returns how many.
 */
int task_snapshot__proc(int cred_map_fd, int containers_map_fd, const char *cgroup2_root);
/* vigil's own cgroup v2 id from /proc/self/cgroup, 0 if it cannot be told. */
__u64 task_snapshot__self_cgroup(const char *cgroup2_root);

#endif /* VIGIL_TASK_SNAPSHOT_H */
