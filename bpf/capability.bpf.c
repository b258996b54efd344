// SPDX-License-Identifier: GPL-2.0
/*
 * capability: every capability check by a container process, folded per
 * (container, executable, capability, outcome) over a window in the kernel,
 * so a busy root process costs a map update per check, not a record.
 */
#include "alert.bpf.h"

SEC("tp_btf/cap_capable")
int BPF_PROG(vigil_cap_capable, const struct cred *cred, struct user_namespace *target_ns,
	     const struct user_namespace *capable_ns, int cap, int ret)
{
	struct vigil_dedup_key key = {};
	struct vigil_dedup_state *state, fresh = {};
	struct task_struct *task;
	struct vigil_record *rec;
	struct inode *exe_inode;
	__u64 count;

	if (!current_is_watched())
		return 0;
	task = bpf_get_current_task_btf();
	exe_inode = BPF_CORE_READ(task, mm, exe_file, f_inode);
	key.cgroup_id = bpf_get_current_cgroup_id();
	key.exe_ino = BPF_CORE_READ(exe_inode, i_ino);
	key.exe_dev = BPF_CORE_READ(exe_inode, i_sb, s_dev);
	key.cap = cap;
	key.granted = ret == 0;

	state = bpf_map_lookup_elem(&cap_dedup, &key);
	if (!state) {
		bpf_map_update_elem(&cap_dedup, &key, &fresh, BPF_NOEXIST);
		state = bpf_map_lookup_elem(&cap_dedup, &key);
		if (!state)
			return 0;
	}
	count = vigil_dedup_check(state, bpf_ktime_get_boot_ns(), cap_window_ns);
	if (!count)
		return 0;

	rec = alert__begin(VIGIL_EV_CAPABILITY, 0);
	if (!rec)
		return 0;
	rec->cap.cap = cap;
	rec->cap.granted = ret == 0;
	rec->cap.count = count;
	rec->ret = ret;
	rec->flags |= VIGIL_F_OUTCOME_KNOWN;
	record__submit(rec, false);
	return 0;
}
