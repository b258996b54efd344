/* SPDX-License-Identifier: GPL-2.0 */
/*
 * setuid: a change of any uid or gid, through the setuid family, setgroups,
 * or exec of a set-id file. Every container task has a snapshot of its ids
 * (taken at fork, or at start-up by the task iterator); sys_exit of a
 * setuid-family call and sched_process_exec compare against it.
 */
#ifndef VIGIL_SETUID_BPF_H
#define VIGIL_SETUID_BPF_H

#include "alert.bpf.h"

#define VIGIL_ID_KEEP ((__u32)-1)

static __always_inline bool id_kept(__u32 arg, __u32 cur)
{
	return arg == VIGIL_ID_KEEP || arg == cur;
}

/*
 * True when the call cannot change any id: each id the call may set equals
 * its current value. Conservative. capability.bpf.c uses it to tell the
 * CAP_SETUID/CAP_SETGID checks of a no-op call from uses.
 */
static __always_inline bool setid_is_noop(struct pt_regs *regs, const struct vigil_syscall_desc *d,
					  const struct vigil_ids *cur)
{
	__u32 a0 = syscall_arg(regs, 0), a1 = syscall_arg(regs, 1), a2 = syscall_arg(regs, 2);
	__u32 r = d->uid_not_gid ? cur->ruid : cur->rgid;
	__u32 e = d->uid_not_gid ? cur->euid : cur->egid;
	__u32 s = d->uid_not_gid ? cur->suid : cur->sgid;
	__u32 fs = d->uid_not_gid ? cur->fsuid : cur->fsgid;

	switch (d->op) {
	case VIGIL_OP_SETID: return a0 == r && a0 == e && a0 == s && a0 == fs;
	case VIGIL_OP_SETREID: return id_kept(a0, r) && id_kept(a1, e) && s == e && fs == e;
	case VIGIL_OP_SETRESID: return id_kept(a0, r) && id_kept(a1, e) && id_kept(a2, s) && fs == e;
	case VIGIL_OP_SETFSID: return id_kept(a0, fs);
	default: /* setgroups, exec: compared after the call */ return false;
	}
}

static __always_inline __u32 cred_ngroups(const struct cred *cred)
{
	return cred->group_info->ngroups;
}

static __always_inline bool ids_equal(const struct vigil_ids *a, const struct vigil_ids *b)
{
	return a->ruid == b->ruid && a->euid == b->euid && a->suid == b->suid && a->fsuid == b->fsuid &&
	       a->rgid == b->rgid && a->egid == b->egid && a->sgid == b->sgid && a->fsgid == b->fsgid;
}

static __always_inline void snapshot_take(struct cred_snapshot *s, const struct cred *cred)
{
	cred_ids(cred, &s->ids);
	s->ngroups = cred_ngroups(cred);
}

static __always_inline bool snapshots_equal(const struct cred_snapshot *a, const struct cred_snapshot *b)
{
	return ids_equal(&a->ids, &b->ids) && a->ngroups == b->ngroups;
}

static __always_inline void snapshot_store(struct task_struct *task, const struct cred_snapshot *now)
{
	struct cred_snapshot *s = bpf_task_storage_get(&cred_snapshots, task, 0, BPF_LOCAL_STORAGE_GET_F_CREATE);

	if (s)
		*s = *now;
}

/* Starts tracking a task (new in a container, or found there at start-up). */
static __always_inline void setuid__track(struct task_struct *task)
{
	struct cred_snapshot now = {};

	snapshot_take(&now, task->cred);
	snapshot_store(task, &now);
}

/* The alert for a change from `before` to `after`; the caller sets the outcome and submits. */
static __always_inline struct vigil_record *setuid__alert(__u16 op, const struct cred_snapshot *before,
							  const struct cred_snapshot *after)
{
	struct vigil_record *rec = alert__begin(VIGIL_EV_SETUID, op);

	if (rec) {
		rec->setid.before = before->ids;
		rec->setid.after = after->ids;
		rec->setid.ngroups_before = before->ngroups;
		rec->setid.ngroups_after = after->ngroups;
	}
	return rec;
}

/*
 * Only container tasks have snapshots, so the snapshot lookup doubles as the
 * container check; the cgroup lookup is left for tasks without one.
 */
static __always_inline bool setuid__watched(struct task_struct *task)
{
	return bpf_task_storage_get(&cred_snapshots, task, 0, 0) || current_in_container();
}

/*
 * A change from before to after, reported unless the runtime made it (its
 * setup). Both backends report through here: the syscall's number, and its
 * result when the backend sees it (the tracepoint at exit; not an LSM hook).
 */
static __always_inline void setuid__report(__u16 op, const struct cred_snapshot *before,
					   const struct cred_snapshot *after, long nr, long ret, bool ret_known)
{
	struct vigil_record *rec;

	if (current_in_setup())
		return;
	rec = setuid__alert(op, before, after);
	if (!rec)
		return;
	if (ret_known)
		alert__set_outcome(rec, nr, ret);
	else
		rec->syscall_nr = nr;
	alert__submit(rec);
}

/*
 * Compares the current task's ids with its snapshot; a difference is a
 * change, reported unless the runtime made it (setup). Equal ids return before any
 * map update: the cost of a no-op setresuid is two lookups and a compare.
 */
static __always_inline void setuid__compare(struct task_struct *task, __u16 op, long nr, long ret)
{
	struct cred_snapshot *s = bpf_task_storage_get(&cred_snapshots, task, 0, 0);
	struct cred_snapshot now = {};

	if (!s) { /* not seen before: nothing to compare with */
		setuid__track(task);
		return;
	}
	snapshot_take(&now, task->cred);
	/* setgroups keeping the number of groups is not told apart: see docs/events.md */
	if (snapshots_equal(s, &now))
		return;
	setuid__report(op, s, &now, nr, ret, true);
	*s = now;
}

#endif /* VIGIL_SETUID_BPF_H */
