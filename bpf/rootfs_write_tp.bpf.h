/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rootfs-write, tracepoint backend: a syscall that creates, modifies or
 * deletes something, seen at sys_exit so the outcome is known.
 *
 * Where the kernel holds the object (an fd, or the file an open returned),
 * "on the root filesystem" is decided here exactly: the file's superblock
 * is the container's root one (container_roots: not the task's current
 * root, which chroot moves). For path-only operations (mkdir, unlink, rename, ...)
 * the path strings and their base directory go to userspace, which decides
 * with the container's mount table.
 */
#ifndef VIGIL_ROOTFS_WRITE_TP_BPF_H
#define VIGIL_ROOTFS_WRITE_TP_BPF_H

#include "alert.bpf.h"
#include "drift.bpf.h"
#include "uapi.bpf.h"

static __always_inline bool is_open_op(__u8 op)
{
	return op == VIGIL_OP_OPEN || op == VIGIL_OP_OPENAT2 || op == VIGIL_OP_CREAT;
}

static __always_inline __u64 open_flags(struct pt_regs *regs, const struct vigil_syscall_desc *d)
{
	struct open_how *how;
	__u64 flags = 0;

	switch (d->op) {
	case VIGIL_OP_CREAT: return VIGIL_O_CREAT | VIGIL_O_WRONLY | VIGIL_O_TRUNC;
	case VIGIL_OP_OPENAT2:
		how = (struct open_how *)syscall_arg(regs, d->flags_arg);
		bpf_probe_read_user(&flags, sizeof(flags), &how->flags);
		return flags;
	default: return (__u32)syscall_arg(regs, d->flags_arg);
	}
}

/* chmod's new mode, chown's new owner: the arguments as passed. */
static __always_inline void rootfs_write__tp_attrs(struct vigil_record *rec, struct pt_regs *regs,
						   const struct vigil_syscall_desc *d)
{
	if (d->mode_arg >= 0) {
		rec->file.mode = (__u32)syscall_arg(regs, d->mode_arg);
		rec->flags |= VIGIL_F_MODE;
	}
	if (d->owner_arg >= 0) {
		rec->file.uid = (__u32)syscall_arg(regs, d->owner_arg);
		rec->file.gid = (__u32)syscall_arg(regs, d->owner_arg + 1);
		rec->flags |= VIGIL_F_OWNER;
	}
}

/* A failed attempt is an alert when something refused it, not when it was moot (ENOENT, EEXIST, ...). */
static __always_inline bool failure_is_refusal(long ret)
{
	return ret == -VIGIL_EROFS || ret == -VIGIL_EACCES || ret == -VIGIL_EPERM;
}

static __always_inline int rootfs_write__sys_exit(struct pt_regs *regs, const struct vigil_syscall_desc *d, long nr,
						  long ret)
{
	struct task_struct *task;
	struct super_block *root_sb;
	struct vfsmount *base_mnt;
	struct vigil_record *rec;
	const struct vigil_container_policy *pol;
	struct file *obj = NULL;
	__u64 flags = 0;

	if (is_open_op(d->op)) {
		flags = open_flags(regs, d);
		if (!(flags & VIGIL_O_WRITE_INTENT))
			return 0;
	}
	if (ret < 0 && !failure_is_refusal(ret))
		return 0;
	if (!current_is_watched())
		return 0;
	pol = policy__current();

	task = bpf_get_current_task_btf();
	root_sb = container_root_sb(task);
	if (d->fd_arg >= 0)
		obj = task_fd_file(task, (int)syscall_arg(regs, d->fd_arg));
	else if (is_open_op(d->op) && ret >= 0)
		obj = task_fd_file(task, ret);
	if (d->fd_arg >= 0 && !obj)
		return 0;
	/* Volumes, tmpfs, /proc, /sys, /dev: another filesystem than the root one. */
	if (obj && !mnt_on_container_root(BPF_CORE_READ(obj, f_path.mnt), root_sb))
		return 0;
	/*
	 * Drift: a write open or ftruncate that happened makes the file the
	 * container's, allowed or not. Path-only operations name no object here:
	 * a chmod +x by path is seen by the LSM backend only.
	 */
	if (obj && ret >= 0 && (is_open_op(d->op) || d->op == VIGIL_OP_TRUNCATE))
		drift__wrote(pol, BPF_CORE_READ(obj, f_inode));
	if (policy__rootfs_mode(pol) == VIGIL_MODE_OFF)
		return 0;
	/*
	 * The allow-list, where the kernel holds the object. A path-only
	 * operation (mkdir, unlink, rename, ...) is reported even on an allowed
	 * path: its string is not the object (a symlink, "..", another root
	 * may lead anywhere), and only the LSM backend sees the dentry.
	 */
	if (obj && policy__write_allowed(pol, root_sb, BPF_CORE_READ(obj, f_path.dentry), NULL))
		return 0;

	rec = alert__begin(VIGIL_EV_ROOTFS_WRITE, d->op);
	if (!rec)
		return 0;
	alert__set_outcome(rec, nr, ret);
	rec->file.flags = flags;
	rootfs_write__tp_attrs(rec, regs, d);
	if (obj) {
		rec->flags |= VIGIL_F_OBJ_KNOWN | VIGIL_F_OBJ_ON_ROOT;
		record__append_file(rec, VIGIL_S_OBJECT, obj);
		record__set_inode(rec, BPF_CORE_READ(obj, f_inode));
	}
	base_mnt = alert__append_syscall_str(rec, regs, d, 0);
	if (mnt_on_container_root(base_mnt, root_sb))
		rec->flags |= VIGIL_F_BASE_ON_ROOT;
	alert__append_syscall_str(rec, regs, d, 1);
	alert__submit(rec);
	return 0;
}

#endif /* VIGIL_ROOTFS_WRITE_TP_BPF_H */
