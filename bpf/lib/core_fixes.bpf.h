/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel fields that moved between the kernels vigil runs on, one accessor
 * each (CO-RE flavors: libbpf matches "name___suffix" to "name").
 */
#ifndef VIGIL_CORE_FIXES_BPF_H
#define VIGIL_CORE_FIXES_BPF_H

#include "vmlinux.h"
#include <bpf/bpf_core_read.h>

/* Linux 6.15 renamed kernfs_node.parent to __parent (it became RCU-protected). */
struct kernfs_node___pre615 {
	struct kernfs_node *parent;
} __attribute__((preserve_access_index));

static __always_inline struct kernfs_node *kernfs_parent(struct kernfs_node *kn)
{
	if (bpf_core_field_exists(kn->__parent))
		return BPF_CORE_READ(kn, __parent);
	return BPF_CORE_READ((struct kernfs_node___pre615 *)kn, parent);
}

/* An inode's ctime: i_ctime_sec and i_ctime_nsec since 6.11, __i_ctime in 6.6-6.10, i_ctime before. */
struct inode___pre611 {
	struct timespec64 __i_ctime;
} __attribute__((preserve_access_index));

struct inode___pre66 {
	struct timespec64 i_ctime;
} __attribute__((preserve_access_index));

static __always_inline __u64 inode_ctime_ns(struct inode *inode)
{
	struct timespec64 ts;

	if (bpf_core_field_exists(inode->i_ctime_sec))
		return BPF_CORE_READ(inode, i_ctime_sec) * 1000000000ull + BPF_CORE_READ(inode, i_ctime_nsec);
	if (bpf_core_field_exists(((struct inode___pre611 *)inode)->__i_ctime))
		ts = BPF_CORE_READ((struct inode___pre611 *)inode, __i_ctime);
	else
		ts = BPF_CORE_READ((struct inode___pre66 *)inode, i_ctime);
	return ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

/* The struct mount around a vfsmount (the kernel's real_mount()), at the offset this kernel has. */
static __always_inline struct mount *real_mount(struct vfsmount *mnt)
{
	return (void *)mnt - bpf_core_field_offset(struct mount, mnt);
}

static __always_inline struct vfsmount *mount_vfs(struct mount *m)
{
	return (void *)m + bpf_core_field_offset(struct mount, mnt);
}

/* The namespace a mount belongs to; NULL or MNT_NS_INTERNAL (ERR_PTR(-EINVAL)) for a kernel-internal one. */
static __always_inline struct mnt_namespace *mount_ns(struct vfsmount *mnt)
{
	return BPF_CORE_READ(real_mount(mnt), mnt_ns);
}

static __always_inline bool mount_is_internal(struct vfsmount *mnt)
{
	struct mnt_namespace *ns = mount_ns(mnt);

	return !ns || (long)ns == -22;
}

/*
 * The path a mapped file has for the process that mapped it. An overlayfs
 * file's mapping holds the layer's file: since 6.8 a backing file (on a
 * private layer mount, outside every namespace) whose user_path is the
 * overlay's; before 6.8 its f_path already is the overlay's (a "fake path").
 */
static __always_inline void file_user_path(struct file *f, struct dentry **dentry, struct vfsmount **mnt)
{
	struct backing_file *bf = (struct backing_file *)f;

	*dentry = BPF_CORE_READ(f, f_path.dentry);
	*mnt = BPF_CORE_READ(f, f_path.mnt);
	if (!bpf_core_type_exists(struct backing_file) || !mount_is_internal(*mnt) ||
	    !BPF_CORE_READ(f, f_inode, i_nlink)) /* a memfd, shm: internal too, and no backing file */
		return;
	*dentry = BPF_CORE_READ(bf, user_path.dentry);
	*mnt = BPF_CORE_READ(bf, user_path.mnt);
}

#endif /* VIGIL_CORE_FIXES_BPF_H */
