/* SPDX-License-Identifier: GPL-2.0 */
/*
 * setuid: a change of any uid or gid, through the setuid family, setgroups,
 * or exec of a set-id file. sys_enter snapshots the credentials only when the
 * arguments could change them; sys_exit compares and reports a real change.
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
 * its current value. Conservative: a false "maybe" only costs a snapshot.
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
	case VIGIL_OP_SETID:
		return a0 == r && a0 == e && a0 == s && a0 == fs;
	case VIGIL_OP_SETREID:
		return id_kept(a0, r) && id_kept(a1, e) && s == e && fs == e;
	case VIGIL_OP_SETRESID:
		return id_kept(a0, r) && id_kept(a1, e) && id_kept(a2, s) && fs == e;
	case VIGIL_OP_SETFSID:
		return id_kept(a0, fs);
	default:	/* setgroups, exec: compared after the call */
		return false;
	}
}

static __always_inline __u32 cred_ngroups(const struct cred *cred)
{
	return BPF_CORE_READ(cred, group_info, ngroups);
}

static __always_inline int setuid__sys_enter(struct pt_regs *regs, const struct vigil_syscall_desc *d)
{
	struct task_struct *task = bpf_get_current_task_btf();
	const struct cred *cred = BPF_CORE_READ(task, cred);
	struct setid_pending p = {};
	__u32 tid;

	cred_ids(cred, &p.before);
	if (setid_is_noop(regs, d, &p.before))
		return 0;
	if (!current_in_container())
		return 0;
	/*
	 * The runtime's own uid changes are not alerts, but the entrypoint's
	 * exec may be of a set-id file: compare that one too.
	 */
	if (d->op != VIGIL_OP_EXEC_SETID && current_in_setup())
		return 0;
	p.ngroups = cred_ngroups(cred);
	tid = (__u32)bpf_get_current_pid_tgid();
	bpf_map_update_elem(&setid_pending, &tid, &p, BPF_ANY);
	return 0;
}

static __always_inline bool ids_equal(const struct vigil_ids *a, const struct vigil_ids *b)
{
	return a->ruid == b->ruid && a->euid == b->euid && a->suid == b->suid &&
	       a->fsuid == b->fsuid && a->rgid == b->rgid && a->egid == b->egid &&
	       a->sgid == b->sgid && a->fsgid == b->fsgid;
}

static __always_inline int setuid__sys_exit(const struct vigil_syscall_desc *d, long nr, long ret)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct task_struct *task;
	const struct cred *cred;
	struct setid_pending *p;
	struct vigil_record *rec;
	struct vigil_ids after;
	__u32 ngroups;

	p = bpf_map_lookup_elem(&setid_pending, &tid);
	if (!p)
		return 0;
	task = bpf_get_current_task_btf();
	cred = BPF_CORE_READ(task, cred);
	cred_ids(cred, &after);
	ngroups = cred_ngroups(cred);
	/* setgroups with the same number of groups is not reported: see docs/events.md */
	if (ids_equal(&p->before, &after) && ngroups == p->ngroups)
		goto out;
	rec = alert__begin(VIGIL_EV_SETUID, d->op);
	if (!rec)
		goto out;
	alert__set_outcome(rec, nr, ret);
	rec->setid.before = p->before;
	rec->setid.after = after;
	rec->setid.ngroups_before = p->ngroups;
	rec->setid.ngroups_after = ngroups;
	record__submit(rec, false);
out:
	bpf_map_delete_elem(&setid_pending, &tid);
	return 0;
}

#endif /* VIGIL_SETUID_BPF_H */
