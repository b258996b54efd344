// SPDX-License-Identifier: GPL-2.0
/*
 * setuid, BPF LSM backend: the credential hooks get the old and the new
 * credentials of every setuid-family call and of setgroups, just before the
 * kernel commits them, so this backend needs no syscall program. A call
 * that changes nothing costs a compare. Exec of a set-id file stays with
 * sched_process_exec (container.bpf.c): it compares against the snapshot
 * these hooks keep current.
 *
 * The hooks never refuse; the outcome is "unknown" (a later LSM could still
 * refuse the change).
 */
#include "setuid.bpf.h"

#define VIGIL_GROUPS_COMPARED 32 /* setgroups beyond that many groups: counts only */

/* include/linux/security.h: which call of the family */
#define VIGIL_LSM_SETID_ID  1
#define VIGIL_LSM_SETID_RE  2
#define VIGIL_LSM_SETID_RES 4
#define VIGIL_LSM_SETID_FS  8

struct gid_list {
	__u32 gid[VIGIL_GROUPS_COMPARED];
};

static __always_inline __u16 setid_op(int flags)
{
	switch (flags) {
	case VIGIL_LSM_SETID_RE: return VIGIL_OP_SETREID;
	case VIGIL_LSM_SETID_RES: return VIGIL_OP_SETRESID;
	case VIGIL_LSM_SETID_FS: return VIGIL_OP_SETFSID;
	default: return VIGIL_OP_SETID;
	}
}

/* Same number of groups: are they the same groups (the first VIGIL_GROUPS_COMPARED)? */
static __always_inline bool groups_equal(const struct cred *a, const struct cred *b, __u32 n)
{
	struct group_info *ga = a->group_info, *gb = b->group_info;
	struct gid_list la = {}, lb = {};
	int i;
	__u32 bytes = n < VIGIL_GROUPS_COMPARED ? n * sizeof(__u32) : sizeof(la.gid);

	if (ga == gb || !n)
		return true;
	barrier_var(bytes);
	bytes &= 2 * sizeof(la.gid) - 1;
	if (bytes > sizeof(la.gid))
		return true;
	if (bpf_probe_read_kernel(la.gid, bytes, ga->gid) || bpf_probe_read_kernel(lb.gid, bytes, gb->gid))
		return true;
	for (i = 0; i < VIGIL_GROUPS_COMPARED; i++)
		if (la.gid[i] != lb.gid[i])
			return false;
	return true;
}

static __always_inline int setuid__lsm(int ret, __u16 op, const struct cred *new, const struct cred *old)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct cred_snapshot before = {}, after = {};

	if (ret) /* refused before us: nothing changes */
		return ret;
	if (!setuid__watched(task))
		return 0;
	snapshot_take(&before, old);
	snapshot_take(&after, new);
	if (snapshots_equal(&before, &after) && (op != VIGIL_OP_SETGROUPS || groups_equal(old, new, after.ngroups)))
		return 0;
	setuid__report(op, &before, &after, current_syscall_nr(), 0, false);
	snapshot_store(task, &after); /* what a set-id exec compares with */
	return 0;
}

SEC("lsm/task_fix_setuid")
int BPF_PROG(vigil_lsm_task_fix_setuid, struct cred *new, const struct cred *old, int flags, int ret)
{
	return setuid__lsm(ret, setid_op(flags), new, old);
}

SEC("lsm/task_fix_setgid")
int BPF_PROG(vigil_lsm_task_fix_setgid, struct cred *new, const struct cred *old, int flags, int ret)
{
	return setuid__lsm(ret, setid_op(flags), new, old);
}

SEC("lsm/task_fix_setgroups")
int BPF_PROG(vigil_lsm_task_fix_setgroups, struct cred *new, const struct cred *old, int ret)
{
	return setuid__lsm(ret, VIGIL_OP_SETGROUPS, new, old);
}
