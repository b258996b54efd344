/* SPDX-License-Identifier: GPL-2.0 */
/* cgroup paths -> container ids, for every runtime vigil knows (pure). */
#ifndef VIGIL_CGROUP_H
#define VIGIL_CGROUP_H

#include <stdbool.h>
#include <stddef.h>

#define CONTAINER_ID_MAX 64

struct container_ref {
	char id[CONTAINER_ID_MAX + 1];
	const char *runtime; /* "docker", "containerd", "cri-o", "podman", "cri" */
};

/*
 * Classifies a cgroup v2 path (as in /proc/PID/cgroup or the cgroup_mkdir
 * tracepoint). The deepest component naming a container wins, so a
 * container's own sub-cgroups belong to it. Returns false for host cgroups.
 */
bool cgroup__classify(const char *path, struct container_ref *out);

/*
 * containerd's own containers (ctr) live in "/<namespace>/<id>", a shape
 * any host cgroup could have: this only splits such a path (true when it has
 * exactly two components, a namespace and an id of containerd's alphabet).
 * The caller confirms it with containerd's task bundle before trusting it.
 */
bool cgroup__containerd_task(const char *path, char *ns, size_t ns_size, struct container_ref *out);

#endif /* VIGIL_CGROUP_H */
