/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The agent's view of containers: cgroup id -> container, kept in step with
 * the kernel's `containers` map from the cgroup records and a start-up scan.
 */
#ifndef VIGIL_CONTAINERS_H
#define VIGIL_CONTAINERS_H

#include <linux/types.h>
#include <stdbool.h>
#include <sys/types.h>
#include <uthash.h>
#include "cgroup.h"
#include "metadata.h"
#include "path_resolver.h"
#include "rootfs.h"

#define CONTAINER_SSH_SAID 4

struct container {
	__u64 cgroup_id;
	struct container_ref ref;
	char *cgroup_path; /* relative to the cgroup2 mount */
	struct mount_table mounts;
	bool mounts_current; /* read from the container itself, not stale */
	__u64 root_mnt_id;   /* its root filesystem's mount (its entrypoint's root); 0: unknown */
	bool root_told;	     /* on_root was called */
	bool pending_said;   /* --policy: a container-pending line was written for it */
	bool started_said;   /* its container-start line (posture) was written: the first entrypoint only */
	__u64 ssh_said[CONTAINER_SSH_SAID]; /* SSH servers reported (container_start.c), 0: free */
	UT_hash_handle hh;
};

struct containers {
	struct container *by_cgroup;
	int map_fd; /* BPF `containers` */
	char cgroup2_root[4096];
	char containerd_tasks[256];	/* containerd's task bundles, to confirm a ctr container */
	__u64 self_cgroup_id;		/* vigil's own cgroup is never watched */
	struct path_resolver *resolver; /* NULL: paths are judged from their strings */
	struct metadata *metadata;	/* told when containers come and go; may be NULL */
	struct policy_apply *policy;	/* told too, to place each under its rule; NULL: no --policy */
	/* told each container's root filesystem, once, at its first entrypoint (drift's interpreters) */
	unsigned int (*on_root)(void *ctx, const struct container *c, __u32 pid);
	void *on_root_ctx;
	unsigned int count;
};

/* Finds the cgroup2 mount from /proc/self/mountinfo; self_cgroup_id (vigil's own) is never a container. */
int containers__init(struct containers *cs, int map_fd, struct metadata *md, const char *containerd_socket,
		     __u64 self_cgroup_id);
/* Registers containers that already exist (started before vigil). */
int containers__scan(struct containers *cs);
void containers__on_mkdir(struct containers *cs, __u64 cgid, const char *path);
void containers__on_rmdir(struct containers *cs, __u64 cgid);
/* A process of the container is past the runtime's setup: read its mounts now. */
void containers__on_entrypoint(struct containers *cs, __u64 cgid, __u32 pid);
/*
 * Whether path (absolute, inside the container, as process pid sees it) lands
 * on the container's root filesystem, resolved by the kernel in that
 * process's root (path_resolver.c), else in another of the container's
 * processes'. parent: resolve the directory the last component is in (an
 * operation on the name itself). 1 on the root filesystem, 0 elsewhere, -1
 * unknown (no resolver, the container's processes gone, the path gone).
 */
int containers__resolve_on_root(struct containers *cs, struct container *c, __u32 pid, const char *path, bool parent);
struct container *containers__find(struct containers *cs, __u64 cgid);
/* The container's mount table, read through pid (or any of its processes). */
const struct mount_table *containers__mounts(struct containers *cs, struct container *c, __u32 pid);
void containers__mounts_changed(struct container *c);
void containers__free(struct containers *cs);

#endif /* VIGIL_CONTAINERS_H */
