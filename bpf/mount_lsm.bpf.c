// SPDX-License-Identifier: GPL-2.0
/*
 * mount, BPF LSM backend: sb_mount (mount(2)), sb_umount, sb_pivotroot and
 * move_mount (which also attaches what fsmount/open_tree prepared), with
 * the same slots as the tracepoint backend: STR0 the target, STR1 the
 * source, STR2 the filesystem type. The hooks never refuse.
 *
 * Outcome: "failure" when an earlier LSM already refused, otherwise
 * "unknown". umount2 and pivot_root check CAP_SYS_ADMIN before their hook,
 * so a container without it is refused before this backend sees the call
 * (the capability alert reports the refused check where the kernel has
 * the cap_capable tracepoint). mount(2) calls its hook first.
 */
#include "alert.bpf.h"

static __always_inline struct vigil_record *mount__lsm_begin(__u16 op, unsigned long flags, int ret)
{
	struct vigil_record *rec;

	if (!current_is_watched())
		return NULL;
	rec = alert__begin(VIGIL_EV_MOUNT, op);
	if (!rec)
		return NULL;
	rec->syscall_nr = current_syscall_nr();
	if (ret)
		alert__set_outcome(rec, rec->syscall_nr, ret);
	rec->mount.flags = flags;
	return rec;
}

/* pivot_root and move_mount: two paths, the target and where it comes from. */
static __always_inline int mount__lsm_paths(int ret, __u16 op, const struct path *target, const struct path *source)
{
	struct vigil_record *rec = mount__lsm_begin(op, 0, ret);

	if (!rec)
		return ret;
	record__append_struct_path(rec, VIGIL_S_STR0, target);
	record__append_struct_path(rec, VIGIL_S_STR1, source);
	alert__submit(rec);
	return ret;
}

SEC("lsm/sb_mount")
int BPF_PROG(vigil_lsm_sb_mount, const char *dev_name, const struct path *path, const char *type, unsigned long flags,
	     void *data, int ret)
{
	struct vigil_record *rec = mount__lsm_begin(VIGIL_OP_MOUNT, flags, ret);

	if (!rec)
		return ret;
	record__append_d_path(rec, VIGIL_S_STR0, path);
	record__append_str(rec, VIGIL_S_STR1, dev_name, false); /* copied in by the kernel */
	record__append_str(rec, VIGIL_S_STR2, type, false);
	alert__submit(rec);
	return ret;
}

SEC("lsm/sb_umount")
int BPF_PROG(vigil_lsm_sb_umount, struct vfsmount *mnt, int flags, int ret)
{
	struct vigil_record *rec = mount__lsm_begin(VIGIL_OP_UMOUNT, flags, ret);

	if (!rec)
		return ret;
	/* the mount's root, seen from the task: its mount point */
	record__append_path(rec, VIGIL_S_STR0, BPF_CORE_READ(mnt, mnt_root), mnt);
	alert__submit(rec);
	return ret;
}

SEC("lsm/sb_pivotroot")
int BPF_PROG(vigil_lsm_sb_pivotroot, const struct path *old_path, const struct path *new_path, int ret)
{
	return mount__lsm_paths(ret, VIGIL_OP_PIVOT_ROOT, new_path, old_path);
}

SEC("lsm/move_mount")
int BPF_PROG(vigil_lsm_move_mount, const struct path *from_path, const struct path *to_path, int ret)
{
	return mount__lsm_paths(ret, VIGIL_OP_MOVE_MOUNT, to_path, from_path);
}
