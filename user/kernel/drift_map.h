/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace's half of drift's kernel state (bpf/drift.bpf.h): the files a
 * container wrote are forgotten with its cgroup, and, at start, those of
 * containers that went while no vigil ran (pinned maps).
 */
#ifndef VIGIL_DRIFT_MAP_H
#define VIGIL_DRIFT_MAP_H

#include <linux/types.h>

/* Removes cgid's entries from drift_written and drift_counts; how many files were removed. */
unsigned int drift_map__forget(int written_fd, int counts_fd, __u64 cgid);
/* Removes the entries of every cgroup the containers map no longer holds; how many files. */
unsigned int drift_map__sweep(int written_fd, int counts_fd, int containers_fd);

#endif /* VIGIL_DRIFT_MAP_H */
