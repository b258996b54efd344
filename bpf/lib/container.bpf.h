/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Is the current task one vigil reports on: the container gate that rejects
 * most calls first (one map lookup by cgroup id), the runtime-setup window,
 * and the container's root filesystem, fixed when its entrypoint started.
 */
#ifndef VIGIL_LIB_CONTAINER_BPF_H
#define VIGIL_LIB_CONTAINER_BPF_H

#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include "maps.bpf.h"

/* The current cgroup's enum vigil_cgroup_state, NULL outside containers. */
static __always_inline __u8 *current_container(void)
{
	__u64 cgid = bpf_get_current_cgroup_id();

	return bpf_map_lookup_elem(&containers, &cgid);
}

static __always_inline bool current_in_container(void)
{
	return current_container() != NULL;
}

/*
 * The current container's root superblock (container_roots), or, for a
 * container whose entrypoint vigil did not see, the task's root's.
 */
static __always_inline struct super_block *container_root_sb(struct task_struct *task)
{
	__u64 cgid = bpf_get_current_cgroup_id();
	__u64 *sb = bpf_map_lookup_elem(&container_roots, &cgid);

	if (sb)
		return (struct super_block *)*sb;
	return BPF_CORE_READ(task, fs, root.mnt, mnt_sb);
}

/* An object on this mount is on the container's root filesystem, whatever root the task has now. */
static __always_inline bool mnt_on_container_root(struct vfsmount *mnt, struct super_block *root_sb)
{
	return mnt && BPF_CORE_READ(mnt, mnt_sb) == root_sb;
}

static __always_inline bool current_in_setup(void)
{
	__u32 tgid = bpf_get_current_pid_tgid() >> 32;
	__u64 cgid;

	if (bpf_map_lookup_elem(&setup_procs, &tgid))
		return true;
	cgid = bpf_get_current_cgroup_id();
	return bpf_map_lookup_elem(&fresh_cgroups, &cgid) != NULL; /* before its first entrypoint: maps.bpf.h */
}

/*
 * A task vigil reports on: in a container cgroup and past the runtime's
 * setup. The map lookup by cgroup id is the one cost a host task pays.
 */
static __always_inline bool current_is_watched(void)
{
	return current_in_container() && !current_in_setup();
}

#endif /* VIGIL_LIB_CONTAINER_BPF_H */
