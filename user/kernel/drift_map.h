/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace's half of drift's kernel state (bpf/drift.bpf.h): the files a
 * container wrote are forgotten with its cgroup, and, at start, those of
 * containers that went while no vigil ran (pinned maps); the image's
 * interpreters of each container are found at its entrypoint.
 */
#ifndef VIGIL_DRIFT_MAP_H
#define VIGIL_DRIFT_MAP_H

#include <linux/types.h>
#include "containers.h"
#include "path_resolver.h"

struct drift_maps {
	int written, counts, interpreters; /* drift_written, drift_counts, drift_interpreter_inodes */
};

/* Removes cgid's entries from the three maps; how many written files were removed. */
unsigned int drift_map__forget(const struct drift_maps *m, __u64 cgid);
/* Removes the entries of every cgroup the containers map no longer holds; how many written files. */
unsigned int drift_map__sweep(const struct drift_maps *m, int containers_fd);

struct drift_learn {
	int fd; /* drift_interpreter_inodes */
	struct path_resolver *resolver;
};

/*
 * A containers hook (containers.h on_root): the inodes of the image's
 * interpreters in the usual directories (/usr/bin/python3, /bin/sh, ...),
 * as process pid sees them, on the root filesystem only; a multi-call
 * binary (busybox: sh and ls one file) is left to the names. How many were
 * found.
 */
unsigned int drift_map__learn_interpreters(void *learn, const struct container *c, __u32 pid);

#endif /* VIGIL_DRIFT_MAP_H */
