/* SPDX-License-Identifier: GPL-2.0 */
/* What vigil asks the running programs after the start (readback.c). */
#ifndef VIGIL_READBACK_H
#define VIGIL_READBACK_H

#include <stdbool.h>
#include <linux/types.h>
#include "loader.h"

/*
 * Without cgroup2_root: tells the kernel side vigil's own cgroup. With it,
 * after the container scan: snapshots the credentials of container tasks
 * that already run (task iterator, else /proc).
 */
int readback__snapshot_tasks(struct loader *ld, const char *cgroup2_root);
/* vigil's own cgroup v2 id, known once readback__snapshot_tasks ran (0: unknown yet). */
__u64 readback__agent_cgroup_id(struct loader *ld);
/* The same, from /proc/self/cgroup where no program could tell it. */
__u64 readback__set_agent_cgroup(struct loader *ld, const char *cgroup2_root);
typedef void (*readback_tail_fn)(void *ctx, const struct vigil_dedup_tail *t);
/*
 * Takes the capability checks folded after their key's last alert, for the
 * keys whose dedup window is over, of cgroup_id's container, or all of
 * them, and hands each to fn; each is taken once.
 */
int readback__dedup_tails(struct loader *ld, __u64 cgroup_id, bool all, readback_tail_fn fn, void *ctx);
/* For the privilege probe: an iterator link vigil reads, a program it test-runs; -1 for none. */
int readback__iter_link_fd(const struct loader *ld);
int readback__test_run_fd(const struct loader *ld);

#endif /* VIGIL_READBACK_H */
