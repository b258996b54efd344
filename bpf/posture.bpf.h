/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Posture: what a container got, read from its entrypoint's task at the exec
 * that ends the runtime's setup (bpf/container.bpf.c), into the entrypoint
 * record. The kernel's word, whatever runtime or flag asked for it and
 * however briefly the container lives; userspace adds what only files tell
 * (cgroup limits, mounts, LSM labels) and judges (user/posture/).
 */
#ifndef VIGIL_POSTURE_BPF_H
#define VIGIL_POSTURE_BPF_H

#include "vigil.bpf.h"
#include "alert.bpf.h"

#define VIGIL_MNT_READONLY 0x40 /* include/linux/mount.h: a read-only bind (docker --read-only) */
#define VIGIL_SB_RDONLY	   0x1	/* the filesystem itself mounted read-only */
#define VIGIL_PFA_NNP	   0	/* PFA_NO_NEW_PRIVS: bit 0 of task->atomic_flags */

/*
 * kernel_cap_t is a u64 since 6.3 and two u32 (low word first) before it:
 * eight bytes from the field read the same set on both.
 */
static __always_inline __u64 cap_set(const kernel_cap_t *set)
{
	__u64 v = 0;

	bpf_core_read(&v, sizeof(v), set);
	return v;
}

static __always_inline __u32 pid_ns_inum(struct task_struct *task, __u32 *level)
{
	struct pid *pid = BPF_CORE_READ(task, thread_pid);
	unsigned int l = BPF_CORE_READ(pid, level);

	*level = l;
	return BPF_CORE_READ(pid, numbers[l & 31].ns, ns.inum);
}

static __always_inline void posture__read(struct vigil_record *rec, struct task_struct *task)
{
	const struct cred *cred = BPF_CORE_READ(task, real_cred);
	struct nsproxy *nsp = BPF_CORE_READ(task, nsproxy);
	struct vfsmount *root = BPF_CORE_READ(task, fs, root.mnt);

	rec->posture.cap_bset = cap_set(&cred->cap_bset);
	rec->posture.cap_eff = cap_set(&cred->cap_effective);
	rec->posture.ns[VIGIL_NS_MNT] = BPF_CORE_READ(nsp, mnt_ns, ns.inum);
	rec->posture.ns[VIGIL_NS_NET] = BPF_CORE_READ(nsp, net_ns, ns.inum);
	rec->posture.ns[VIGIL_NS_IPC] = BPF_CORE_READ(nsp, ipc_ns, ns.inum);
	rec->posture.ns[VIGIL_NS_UTS] = BPF_CORE_READ(nsp, uts_ns, ns.inum);
	rec->posture.ns[VIGIL_NS_CGROUP] = BPF_CORE_READ(nsp, cgroup_ns, ns.inum);
	rec->posture.ns[VIGIL_NS_USER] = BPF_CORE_READ(cred, user_ns, ns.inum);
	rec->posture.ns[VIGIL_NS_PID] = pid_ns_inum(task, &rec->posture.pidns_level);
	rec->posture.userns_level = BPF_CORE_READ(cred, user_ns, level);
	rec->posture.seccomp_mode = BPF_CORE_READ(task, seccomp.mode);
	rec->posture.no_new_privs = (BPF_CORE_READ(task, atomic_flags) >> VIGIL_PFA_NNP) & 1;
	rec->posture.root_readonly = (BPF_CORE_READ(root, mnt_flags) & VIGIL_MNT_READONLY) ||
				     (BPF_CORE_READ(root, mnt_sb, s_flags) & VIGIL_SB_RDONLY);
}

/*
 * The entrypoint record: the posture, and who the entrypoint is (its
 * executable, argv, parent) for the container-start event.
 */
static __always_inline void posture__submit(struct task_struct *task, bool first_exec)
{
	struct vigil_record *rec = record__begin(VIGIL_EV_ENTRYPOINT, 0);

	if (!rec)
		return;
	posture__read(rec, task);
	rec->posture.first_exec = first_exec;
	alert__append_exe(rec, task);
	record__append_args(rec, task);
	alert__append_context(rec);
	record__submit(rec, true);
}

/*
 * An SSH server started in a container (the guides: none there), by the
 * name the exec gave it (its file's name, as comm): the configured names are
 * rodata. A binary renamed on purpose is not caught by a name: docs/posture.md.
 */
static __always_inline void posture__exec(void)
{
	union vigil_comm comm = {};
	struct vigil_record *rec;

	comm__current(&comm);
	for (int i = 0; i < VIGIL_SSH_NAMES; i++) {
		if (!ssh_server_names[i][0] || comm.w[0] != ssh_server_names[i][0] ||
		    comm.w[1] != ssh_server_names[i][1])
			continue;
		rec = alert__begin(VIGIL_EV_SSH_SERVER, 0);
		if (!rec)
			return;
		rec->syscall_nr = current_syscall_nr();
		alert__submit(rec);
		return;
	}
}

#endif /* VIGIL_POSTURE_BPF_H */
