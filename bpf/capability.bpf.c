// SPDX-License-Identifier: GPL-2.0
/*
 * capability: every capability check by a container process, folded per
 * (container, executable, capability, outcome) over a window in the kernel,
 * so a busy root process costs a map update per check, not a record.
 */
#include "alert.bpf.h"
#include "setuid.bpf.h"

/* uapi linux/capability.h */
#define VIGIL_CAP_SETGID	6
#define VIGIL_CAP_SETUID	7
#define VIGIL_CAP_SYS_ADMIN	21
/* uapi linux/sched.h: CLONE_NEWTIME|NEWNS|NEWCGROUP|NEWUTS|NEWIPC|NEWUSER|NEWPID|NEWNET */
#define VIGIL_CLONE_NEW_MASK	0xfe020080ull

static __always_inline bool clone_makes_namespaces(struct pt_regs *regs, bool clone3)
{
	__u64 flags = syscall_arg(regs, 0);

	if (clone3) {
		struct clone_args *args = (struct clone_args *)flags;

		flags = 0;
		bpf_probe_read_user(&flags, sizeof(flags), &args->flags);
	}
	return flags & VIGIL_CLONE_NEW_MASK;
}

/*
 * Not every capability check is a use. The kernel also checks:
 * - with borrowed credentials: overlayfs acts as its mounter (dockerd's full
 *   root) on the container's behalf, so the check is not on the task's own;
 * - as probes: overcommit accounting asks for CAP_SYS_ADMIN (CAP_OPT_NOAUDIT)
 *   on mmap, brk, exec and fork; setuid/setgid ask for CAP_SETUID/CAP_SETGID
 *   even when the call changes nothing.
 * The tracepoint does not carry CAP_OPT_NOAUDIT, so the syscall in progress
 * tells these apart.
 */
static __always_inline bool cap_check_is_probe(struct task_struct *task, const struct cred *cred,
					       int cap)
{
	struct pt_regs *regs;
	const struct vigil_syscall_desc *d;
	struct vigil_ids cur;

	if (cred != BPF_CORE_READ(task, real_cred))
		return true;
	regs = (struct pt_regs *)bpf_task_pt_regs(task);
	d = syscall_desc(SYSCALL_NR(regs));
	if (!d)
		return false;
	switch (d->cap_probe) {
	case VIGIL_CAP_PROBE_VM_ACCOUNT:
		return cap == VIGIL_CAP_SYS_ADMIN;
	case VIGIL_CAP_PROBE_FORK:
	case VIGIL_CAP_PROBE_CLONE3:
		return cap == VIGIL_CAP_SYS_ADMIN &&
		       !clone_makes_namespaces(regs, d->cap_probe == VIGIL_CAP_PROBE_CLONE3);
	case VIGIL_CAP_PROBE_SETID:
		if (cap != VIGIL_CAP_SETUID && cap != VIGIL_CAP_SETGID)
			return false;
		cred_ids(cred, &cur);
		return setid_is_noop(regs, d, &cur);
	default:
		return false;
	}
}

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
	if (cap_check_is_probe(task, cred, cap))
		return 0;
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
