// SPDX-License-Identifier: GPL-2.0
/*
 * capability: every capability check by a container process, folded per
 * (container, executable, capability, outcome) over a window in the kernel,
 * so a busy root process costs a map update per check, not a record.
 */
#include "alert.bpf.h"
#include "setuid.bpf.h"

/* uapi linux/capability.h */
#define VIGIL_CAP_SETGID    6
#define VIGIL_CAP_SETUID    7
#define VIGIL_CAP_SYS_ADMIN 21

#define VM_PROBE_FRAMES 16

/*
 * Overcommit accounting (security_vm_enough_memory_mm -> cap_vm_enough_memory,
 * which 6.18 inlines into its caller) asks for CAP_SYS_ADMIN with
 * CAP_OPT_NOAUDIT on mmap, brk, exec, fork and tmpfs writes, to size a
 * reserve: a probe, not a use. The tracepoint does not carry the option, so
 * look for those functions in the first kernel stack frames.
 */
static __always_inline bool called_from_vm_accounting(void *ctx)
{
	__u64 ips[VM_PROBE_FRAMES];
	__u32 frames, i, f;
	long n;

	if (!vm_probe_ips[0].start)
		return false;
	n = bpf_get_stack(ctx, ips, sizeof(ips), 0);
	if (n <= 0)
		return false;
	frames = (__u64)n / sizeof(ips[0]);
	for (i = 0; i < VM_PROBE_FRAMES && i < frames; i++)
		for (f = 0; f < VIGIL_VM_PROBE_FUNCS; f++)
			if (ips[i] >= vm_probe_ips[f].start && ips[i] < vm_probe_ips[f].end)
				return true;
	return false;
}

/*
 * Not every capability check is a use. The kernel also checks:
 * - with borrowed credentials: overlayfs acts as its mounter (dockerd's full
 *   root) on the container's behalf, so the check is not on the task's own;
 * - as probes: overcommit accounting (above), and setuid/setgid, which ask
 *   for CAP_SETUID/CAP_SETGID even when the call changes nothing.
 */
/* CAP_SETUID/CAP_SETGID asked by a setuid-family call that changes nothing. */
static __always_inline bool cap_check_in_noop_setid(struct pt_regs *regs, long nr, const struct cred *cred, int cap)
{
	const struct vigil_syscall_desc *d;
	struct vigil_ids cur;

	/* a 32-bit call's number and registers are not the table's: never a probe */
	if ((cap != VIGIL_CAP_SETUID && cap != VIGIL_CAP_SETGID) || current_in_ia32_syscall())
		return false;
	d = syscall_desc(nr);
	if (!d || d->cap_probe != VIGIL_CAP_PROBE_SETID)
		return false;
	cred_ids(cred, &cur);
	return setid_is_noop(regs, d, &cur);
}

/* A check under credentials the kernel borrowed for the task (see above) is the kernel's own. */
static __always_inline bool creds_borrowed(struct task_struct *task, const struct cred *cred)
{
	return cred != BPF_CORE_READ(task, real_cred);
}

static __always_inline bool cap_check_is_probe(void *ctx, struct task_struct *task, struct pt_regs *regs, long nr,
					       const struct cred *cred, int cap)
{
	if (creds_borrowed(task, cred))
		return true;
	if (cap == VIGIL_CAP_SYS_ADMIN)
		return called_from_vm_accounting(ctx);
	return cap_check_in_noop_setid(regs, nr, cred, cap);
}

/* Folds the check into its dedup window and raises the window's alert. */
static __always_inline void capability__report(struct task_struct *task, long nr, int cap, int ret)
{
	struct vigil_dedup_key key = {};
	struct vigil_dedup_state *state, fresh = {};
	struct vigil_record *rec;
	struct inode *exe_inode;
	__u64 count;

	if (policy__cap_allowed(cap)) /* the container's rule lists it: not even counted */
		return;
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
			return;
	}
	count = vigil_dedup_check(state, bpf_ktime_get_boot_ns(), cap_window_ns);
	if (!count)
		return;

	rec = alert__begin(VIGIL_EV_CAPABILITY, 0);
	if (!rec)
		return;
	rec->cap.cap = cap;
	rec->cap.granted = ret == 0;
	rec->cap.count = count;
	rec->cap.exe_ino = key.exe_ino;
	rec->cap.exe_dev = key.exe_dev;
	rec->ret = ret;
	rec->syscall_nr = nr; /* the syscall that needed the capability */
	rec->flags |= VIGIL_F_OUTCOME_KNOWN;
	alert__submit(rec);
}

/* Linux 6.13+: every check, granted or denied, with the result. */
SEC("tp_btf/cap_capable")
int BPF_PROG(vigil_cap_capable, const struct cred *cred, struct user_namespace *target_ns,
	     const struct user_namespace *capable_ns, int cap, int ret)
{
	struct task_struct *task;
	struct pt_regs *regs;
	long nr;

	if (!current_is_watched())
		return 0;
	task = bpf_get_current_task_btf();
	regs = (struct pt_regs *)bpf_task_pt_regs(task);
	nr = SYSCALL_NR(regs);
	if (cap_check_is_probe(ctx, task, regs, nr, cred, cap))
		return 0;
	capability__report(task, nr, cap, ret);
	return 0;
}

#define VIGIL_CAP_OPT_NOAUDIT (1u << 1) /* include/linux/security.h */

/*
 * Older kernels (no cap_capable tracepoint) with the LSM backend. The
 * capability module runs first and the chain stops at its refusal, so this
 * hook sees granted checks only; it carries the options, so noaudit probes
 * are known for what they are. It never refuses anything itself.
 */
SEC("lsm/capable")
int BPF_PROG(vigil_lsm_capable, const struct cred *cred, struct user_namespace *ns, int cap, unsigned int opts, int ret)
{
	struct task_struct *task;
	struct pt_regs *regs;
	long nr;

	if (ret || (opts & VIGIL_CAP_OPT_NOAUDIT) || !current_is_watched())
		return ret;
	task = bpf_get_current_task_btf();
	if (creds_borrowed(task, cred))
		return 0;
	regs = (struct pt_regs *)bpf_task_pt_regs(task);
	nr = SYSCALL_NR(regs);
	if (cap_check_in_noop_setid(regs, nr, cred, cap))
		return 0;
	capability__report(task, nr, cap, 0);
	return 0;
}

/*
 * The checks folded after a key's last alert, once its window is over, or
 * at once for a container that is gone or when vigil stops. Both readers
 * below take them with this, so each check is reported exactly once
 * whichever of them the kernel allows.
 */
static __always_inline __u64 take_tail(const struct vigil_dedup_key *key, struct vigil_dedup_state *state)
{
	int force = tails_all || key->cgroup_id == tails_cgroup_id;

	return vigil_dedup_take_tail(state, bpf_ktime_get_boot_ns(), cap_window_ns, force);
}

/*
 * Over cap_dedup: the tails as struct vigil_dedup_tail records read by
 * userspace, which reports them (user/detect/capability.c). Without this, a
 * process that checks a capability many times and then goes quiet would
 * leave its count unreported.
 */
SEC("iter/bpf_map_elem")
int vigil_dedup_tails(struct bpf_iter__bpf_map_elem *ctx)
{
	struct vigil_dedup_key *key = ctx->key;
	struct vigil_dedup_state *state = ctx->value;
	struct vigil_dedup_tail tail;

	if (!key || !state)
		return 0;
	tail.count = take_tail(key, state);
	if (!tail.count)
		return 0;
	tail.key = *key;
	bpf_seq_write(ctx->meta->seq, &tail, sizeof(tail));
	return 0;
}

static long take_into_batch(struct bpf_map *map, struct vigil_dedup_key *key, struct vigil_dedup_state *state,
			    void *unused)
{
	__u32 n = tail_batch_len;
	__u64 count;

	if (n >= VIGIL_TAIL_BATCH)
		return 1; /* full: userspace runs this again */
	count = take_tail(key, state);
	if (!count)
		return 0;
	tail_batch[n].key = *key;
	tail_batch[n].count = count;
	tail_batch_len = n + 1;
	return 0;
}

/*
 * The same tails where the kernel refuses map iterators (a hardened host's
 * policy): run by BPF_PROG_TEST_RUN, never attached, it fills tail_batch
 * and userspace runs it until a batch comes back short.
 */
SEC("raw_tp")
int vigil_dedup_take(void *ctx)
{
	tail_batch_len = 0;
	if (tails_dry_run)
		return 0;
	bpf_for_each_map_elem(&cap_dedup, take_into_batch, NULL, 0);
	return 0;
}
