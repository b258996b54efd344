/* SPDX-License-Identifier: GPL-2.0 */
/* Starting an alert: the record plus who did it (executable and argv). */
#ifndef VIGIL_ALERT_BPF_H
#define VIGIL_ALERT_BPF_H

#include "vigil.bpf.h"
#include "path.bpf.h"
#include "policy.bpf.h"
#include "syscall_args.bpf.h"

#define VIGIL_AT_FDCWD (-100)

/*
 * The executable's path: from the task's cache, or walked once and cached.
 * At most VIGIL_EXE_MAX bytes (then flagged truncated): with argv's
 * VIGIL_ARGS_MAX, what describes the process never takes more than a third
 * of the record, and the operation's paths come after it (a 63-level
 * executable path of 255-byte names would fill all 16 KiB).
 */
#define VIGIL_EXE_MAX 4096

static __always_inline void alert__append_exe(struct vigil_record *rec, struct task_struct *task)
{
	struct exe_cache *cache = bpf_task_storage_get(&exe_paths, task, 0, BPF_LOCAL_STORAGE_GET_F_CREATE);
	struct file *exe = BPF_CORE_READ(task, mm, exe_file);
	__u32 off = rec->data_len, len;

	if (!exe)
		return;
	if (cache && cache->len && off < VIGIL_DATA_SIZE - VIGIL_EXE_CACHE) {
		len = cache->len;
		barrier_var(off);
		off &= VIGIL_DATA_MASK; /* see struct vigil_scratch */
		barrier_var(len);
		len &= VIGIL_EXE_CACHE - 1;
		if (bpf_probe_read_kernel(&rec->data[off], len, cache->comps))
			return;
		rec->str[VIGIL_S_EXE].off = off;
		rec->str[VIGIL_S_EXE].len = len;
		rec->str_form[VIGIL_S_EXE] = VIGIL_STR_COMPONENTS;
		rec->data_len = off + len;
		return;
	}
	/* decoration: bounded, so the operation's own paths always find room after it */
	record__append_path_max(rec, VIGIL_S_EXE, BPF_CORE_READ(exe, f_path.dentry), BPF_CORE_READ(exe, f_path.mnt),
				VIGIL_EXE_MAX);
	len = rec->str[VIGIL_S_EXE].len;
	off = rec->str[VIGIL_S_EXE].off;
	if (!cache || !len || len >= VIGIL_EXE_CACHE || (rec->flags & VIGIL_F_TRUNCATED))
		return;
	barrier_var(off);
	off &= VIGIL_DATA_MASK;
	barrier_var(len);
	len &= VIGIL_EXE_CACHE - 1;
	if (!bpf_probe_read_kernel(cache->comps, len, &rec->data[off]))
		cache->len = len;
}

/* A new alert's record, or NULL: no room, or the container's policy switched this detection off. */
static __always_inline struct vigil_record *alert__begin(__u16 kind, __u16 op)
{
	struct vigil_record *rec;
	struct task_struct *task;
	bool pending;

	/* one lookup of the container's rule: whether it alerts, and whether it is placed yet */
	if (!policy__wants_alert(policy__lookup(&pending), kind))
		return NULL;
	rec = record__begin(kind, op);
	if (!rec)
		return NULL;
	if (pending) /* said by the kernel, which decided: userspace may have placed it since */
		rec->flags |= VIGIL_F_POLICY_PENDING;
	task = bpf_get_current_task_btf();
	alert__append_exe(rec, task);
	record__append_args(rec, task);
	return rec;
}

/*
 * What else describes the process, appended after the operation's own paths
 * so these never take their room: the parent's executable
 * (process.parent.executable; a parent outside the container reads as its
 * path from the mount namespace's root) and the working directory
 * (process.working_directory). Walked per alert: alerts are rare, deduplicated
 * or rate-bounded, and no cache could know when either changed.
 */
static __always_inline void alert__append_context(struct vigil_record *rec)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct file *parent_exe = BPF_CORE_READ(task, real_parent, mm, exe_file);

	if (parent_exe)
		record__append_path_whole(rec, VIGIL_S_PARENT_EXE, BPF_CORE_READ(parent_exe, f_path.dentry),
					  BPF_CORE_READ(parent_exe, f_path.mnt), VIGIL_EXE_MAX);
	record__append_path_whole(rec, VIGIL_S_CWD, BPF_CORE_READ(task, fs, pwd.dentry),
				  BPF_CORE_READ(task, fs, pwd.mnt), VIGIL_EXE_MAX);
}

/* An alert's last step: the process context, then the ring. */
static __always_inline void alert__submit(struct vigil_record *rec)
{
	alert__append_context(rec);
	record__submit(rec, false);
}

/* The syscall the current task is in: LSM hooks and sched tracepoints get no registers. */
static __always_inline long current_syscall_nr(void)
{
	return SYSCALL_NR((struct pt_regs *)bpf_task_pt_regs(bpf_get_current_task_btf()));
}

static __always_inline void alert__set_outcome(struct vigil_record *rec, long nr, long ret)
{
	rec->syscall_nr = nr;
	rec->ret = ret;
	rec->flags |= VIGIL_F_OUTCOME_KNOWN;
}

/*
 * The directory string i (0 or 1) is relative to when it does not start with
 * '/': dirfd's, or the cwd for AT_FDCWD; recorded so userspace can give the
 * absolute path inside the container. Returns that directory's mount (the
 * root's for an absolute path), NULL when dirfd is not open.
 */
static __always_inline struct vfsmount *alert__append_base(struct vigil_record *rec, int i, char first, int dirfd)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct dentry *base_dentry;
	struct vfsmount *base_mnt;

	if (first == '/')
		return BPF_CORE_READ(task, fs, root.mnt);
	if (dirfd == VIGIL_AT_FDCWD) {
		base_dentry = BPF_CORE_READ(task, fs, pwd.dentry);
		base_mnt = BPF_CORE_READ(task, fs, pwd.mnt);
	} else {
		struct file *dir = task_fd_file(task, dirfd);

		if (!dir)
			return NULL;
		base_dentry = BPF_CORE_READ(dir, f_path.dentry);
		base_mnt = BPF_CORE_READ(dir, f_path.mnt);
	}
	record__append_path(rec, VIGIL_S_BASE0 + (i & 1), base_dentry, base_mnt);
	return base_mnt;
}

/*
 * Captures the syscall's i-th string argument. For a relative path it also
 * records the directory it is relative to (alert__append_base); returns that
 * base's mount.
 */
static __always_inline struct vfsmount *alert__append_syscall_str(struct vigil_record *rec, struct pt_regs *regs,
								  const struct vigil_syscall_desc *d, int i)
{
	const char *ustr;
	char first = 0;
	int dirfd_arg;

	if (i >= VIGIL_NSTR || d->str_arg[i] < 0)
		return NULL;
	ustr = (const char *)syscall_arg(regs, d->str_arg[i]);
	record__append_str(rec, VIGIL_S_STR0 + i, ustr, true);
	if (!d->str_is_path[i] || i >= 2)
		return NULL;
	bpf_probe_read_user(&first, 1, ustr);
	dirfd_arg = d->dirfd_arg[i];
	return alert__append_base(rec, i, first, dirfd_arg < 0 ? VIGIL_AT_FDCWD : (int)syscall_arg(regs, dirfd_arg));
}

#endif /* VIGIL_ALERT_BPF_H */
