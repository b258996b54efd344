// SPDX-License-Identifier: GPL-2.0
/*
 * Which tasks are container processes, and which of those the runtime is
 * still setting up.
 *
 * Containers: every cgroup v2 directory created after start enters the
 * `containers` map as a candidate at mkdir, before any task can join it;
 * userspace then classifies its path and keeps or drops it. So the first
 * process of a container is watched however late userspace runs.
 *
 * Setup: runc/crun place their init process into the container cgroup from
 * outside (cgroup.procs, or clone3(CLONE_INTO_CGROUP)); it mounts, setuids
 * and checks capabilities on the container's behalf until it execs the
 * entrypoint inside the container's mount namespace. Until that exec, the
 * process is in `setup_procs` and nothing it does is an alert.
 */
#include "setuid.bpf.h"
#include "posture.bpf.h"
#include "core_fixes.bpf.h"
#include "cgroup_match.h"

/* The default hierarchy (cgroup v2) is hierarchy 0; v1 ones are numbered from 1. */
static __always_inline bool cgroup_is_v2(struct cgroup *cgrp)
{
	return BPF_CORE_READ(cgrp, root, hierarchy_id) == 0;
}

static __always_inline bool cgroup_is_container(__u64 cgid)
{
	return bpf_map_lookup_elem(&containers, &cgid) != NULL;
}

static __always_inline void cgroup_record(__u16 kind, struct cgroup *cgrp, const char *path)
{
	struct vigil_record *rec = record__begin(kind, 0);

	if (!rec)
		return;
	rec->cgroup_id = BPF_CORE_READ(cgrp, kn, id);
	rec->cgroup.level = BPF_CORE_READ(cgrp, level);
	record__append_str(rec, VIGIL_S_CGROUP, path, false);
	record__submit(rec, true);
}

/*
 * A container's cgroup, recognised in the kernel so a container is a
 * container from its first instant even when no agent runs (pinned
 * enforcement): by its name (include/cgroup_match.h, the matcher userspace
 * runs too), or by its parent being one (a runtime's sub-cgroup, Podman's
 * crun "container" leaf). Userspace still decides: it confirms these and
 * classifies every other new cgroup (containerd's /<namespace>/<id>).
 */
static __always_inline bool cgroup_is_containers(struct cgroup *cgrp)
{
	struct kernfs_node *kn = BPF_CORE_READ(cgrp, kn), *pkn = kernfs_parent(kn);
	struct vigil_cg_match m;
	__u64 parent_id;
	__u8 *state;
	char name[VIGIL_CG_NAME_MAX] = {}, parent[8] = {};
	long len, plen;

	parent_id = BPF_CORE_READ(pkn, id);
	state = bpf_map_lookup_elem(&containers, &parent_id);
	if (state && *state == VIGIL_CG_CONTAINER)
		return true;
	len = bpf_probe_read_kernel_str(name, VIGIL_CG_NAME_MAX, BPF_CORE_READ(kn, name));
	if (len <= 0)
		return false;
	plen = bpf_probe_read_kernel_str(parent, sizeof(parent), BPF_CORE_READ(pkn, name));
	/* of the parent only "docker" and "pod..." matter: a longer name, cut, is neither "docker" nor short */
	plen = plen <= 0 ? 0 : plen - 1;
	return vigil_cg_match_name(name, len - 1, parent, plen, &m);
}

SEC("tp_btf/cgroup_mkdir")
int BPF_PROG(vigil_cgroup_mkdir, struct cgroup *cgrp, const char *path)
{
	__u64 cgid;
	__u8 state;

	if (!cgroup_is_v2(cgrp))
		return 0;
	state = cgroup_is_containers(cgrp) ? VIGIL_CG_CONTAINER : VIGIL_CG_CANDIDATE;
	cgid = BPF_CORE_READ(cgrp, kn, id);
	bpf_map_update_elem(&containers, &cgid, &state, BPF_NOEXIST);
	/* the runtime's, not a container's own: its setup runs there until the first entrypoint */
	if (!current_in_container())
		bpf_map_update_elem(&fresh_cgroups, &cgid, &state, BPF_ANY);
	cgroup_record(VIGIL_EV_CGROUP_MKDIR, cgrp, path);
	return 0;
}

SEC("tp_btf/cgroup_rmdir")
int BPF_PROG(vigil_cgroup_rmdir, struct cgroup *cgrp, const char *path)
{
	__u64 cgid;

	if (!cgroup_is_v2(cgrp))
		return 0;
	cgid = BPF_CORE_READ(cgrp, kn, id);
	bpf_map_delete_elem(&container_roots, &cgid);
	bpf_map_delete_elem(&container_mntns, &cgid);
	bpf_map_delete_elem(&fresh_cgroups, &cgid);
	if (bpf_map_delete_elem(&containers, &cgid) == 0)
		cgroup_record(VIGIL_EV_CGROUP_RMDIR, cgrp, path);
	return 0;
}

static __always_inline __u32 mntns_of(struct task_struct *task)
{
	return BPF_CORE_READ(task, nsproxy, mnt_ns, ns.inum);
}

/* runtime_mntns: the mount namespace the runtime runs in, which the entrypoint's exec leaves. */
static __always_inline void setup_begin(__u32 tgid, __u32 runtime_mntns)
{
	bpf_map_update_elem(&setup_procs, &tgid, &runtime_mntns, BPF_ANY);
}

/* A runtime outside the container moves its init process in. */
SEC("tp_btf/cgroup_attach_task")
int BPF_PROG(vigil_cgroup_attach_task, struct cgroup *dst, const char *path, struct task_struct *task, bool threadgroup)
{
	__u64 dst_id = BPF_CORE_READ(dst, kn, id);

	if (!cgroup_is_v2(dst) || !cgroup_is_container(dst_id))
		return 0;
	if (current_in_container()) { /* a container moving its own processes: never the runtime's setup */
		bpf_map_delete_elem(&fresh_cgroups, &dst_id);
		return 0;
	}
	setup_begin(BPF_CORE_READ(task, tgid), mntns_of(bpf_get_current_task_btf()));
	return 0;
}

SEC("tp_btf/sched_process_fork")
int BPF_PROG(vigil_process_fork, struct task_struct *parent, struct task_struct *child)
{
	__u32 child_tgid = BPF_CORE_READ(child, tgid);
	__u32 parent_tgid, *runtime_mntns;

	if (!cgroup_is_container(BPF_CORE_READ(child, cgroups, dfl_cgrp, kn, id)))
		return 0;
	/* a change no watched call told (setuid32 by int 0x80): said before the child takes it as its own */
	if (current_in_container())
		setuid__compare(bpf_get_current_task_btf(), VIGIL_OP_SETID_UNSEEN, current_syscall_nr(), 0);
	setuid__track(child);				    /* threads too: each has its own credentials */
	if ((__u32)BPF_CORE_READ(child, pid) != child_tgid) /* a thread shares its process' setup state */
		return 0;
	parent_tgid = BPF_CORE_READ(parent, tgid);
	/* Children of a process in setup, and clone3(CLONE_INTO_CGROUP) from outside. */
	runtime_mntns = bpf_map_lookup_elem(&setup_procs, &parent_tgid);
	if (runtime_mntns)
		setup_begin(child_tgid, *runtime_mntns);
	else if (!current_in_container())
		setup_begin(child_tgid, mntns_of(parent));
	return 0;
}

/*
 * The container's root filesystem, once: the first entrypoint's root (later
 * execs, docker exec included, cannot move it), or a task found at start-up.
 */
static __always_inline bool container_root_take(struct task_struct *task)
{
	__u64 cgid = BPF_CORE_READ(task, cgroups, dfl_cgrp, kn, id);
	__u64 sb = (__u64)BPF_CORE_READ(task, fs, root.mnt, mnt_sb);
	__u64 mntns = (__u64)BPF_CORE_READ(task, nsproxy, mnt_ns);

	/* an exiting task has no fs; true: this is the container's first entrypoint (its start) */
	if (!sb || bpf_map_update_elem(&container_roots, &cgid, &sb, BPF_NOEXIST))
		return false;
	bpf_map_update_elem(&container_mntns, &cgid, &mntns, BPF_NOEXIST);
	return true;
}

/* Process 1 of its pid namespace: a container's entrypoint. */
static __always_inline bool is_pid_ns_init(struct task_struct *task)
{
	struct pid *pid = BPF_CORE_READ(task, thread_pid);
	unsigned int level = BPF_CORE_READ(pid, level);

	return level > 0 && BPF_CORE_READ(pid, numbers[level & 31].nr) == 1;
}

/* The exec that ends the runtime's setup; true if this one did. */
static __always_inline bool setup_end(struct task_struct *task, __u32 tgid)
{
	__u32 *runtime_mntns = bpf_map_lookup_elem(&setup_procs, &tgid);
	__u64 cgid;
	bool first;

	if (!runtime_mntns)
		return false;
	/*
	 * runc re-execs itself (the cloned binary) in the runtime's mount
	 * namespace, before or after it is moved into the container's cgroup;
	 * only an exec in another one, the container's, is the entrypoint.
	 */
	if (mntns_of(task) == *runtime_mntns)
		return false;
	bpf_map_delete_elem(&setup_procs, &tgid);
	cgid = BPF_CORE_READ(task, cgroups, dfl_cgrp, kn, id);
	bpf_map_delete_elem(&fresh_cgroups, &cgid); /* the container runs its own code from here */
	first = container_root_take(task);
	/* Now the container's mounts are final: userspace reads them while it runs; its posture is set. */
	posture__submit(task, first);
	return true;
}

SEC("tp_btf/sched_process_exec")
int BPF_PROG(vigil_process_exec, struct task_struct *task, pid_t old_pid, struct linux_binprm *bprm)
{
	__u32 tgid = BPF_CORE_READ(task, tgid);

	if (!current_in_container())
		return 0;
	bpf_task_storage_delete(&exe_paths, task); /* a new executable */
	setup_end(task, tgid);
	if (!current_in_setup()) /* the entrypoint itself included */
		posture__exec();
	/* exec of a set-user-ID or set-group-ID file changes ids; so may the entrypoint's */
	setuid__compare(task, VIGIL_OP_EXEC_SETID, current_syscall_nr(), 0);
	return 0;
}

/* Container tasks that exist when vigil starts get their credential snapshot here. */
SEC("iter/task")
int vigil_snapshot_tasks(struct bpf_iter__task *ctx)
{
	struct task_struct *task = ctx->task;

	agent_cgroup_id = bpf_get_current_cgroup_id(); /* the reader is vigil */

	if (task && cgroup_is_container(BPF_CORE_READ(task, cgroups, dfl_cgrp, kn, id))) {
		setuid__track(task);
		__u32 tgid = task->tgid;

		/*
		 * A container that ran before vigil: its root from its entrypoint
		 * (process 1 of its pid namespace), not from any process, which
		 * may have chrooted elsewhere since.
		 */
		if (is_pid_ns_init(task) && !bpf_map_lookup_elem(&setup_procs, &tgid))
			container_root_take(task);
	}
	return 0;
}

/*
 * Where the kernel refuses task iterators: run by BPF_PROG_TEST_RUN in
 * vigil's context, it tells vigil its cgroup (userspace walks /proc for the
 * tasks' credentials: user/kernel/task_snapshot.c).
 */
SEC("raw_tp")
int vigil_whoami(void *ctx)
{
	agent_cgroup_id = bpf_get_current_cgroup_id();
	return 0;
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(vigil_process_exit, struct task_struct *task)
{
	__u32 tgid = BPF_CORE_READ(task, tgid);

	/* the last chance to tell a change no watched call made (see vigil_process_fork) */
	if (bpf_task_storage_get(&cred_snapshots, task, 0, 0))
		setuid__compare(task, VIGIL_OP_SETID_UNSEEN, current_syscall_nr(), 0);
	/*
	 * The process ends with its last thread, not its leader's exit (a
	 * leader may exit first): signal->live is already decremented here.
	 */
	if (BPF_CORE_READ(task, signal, live.counter))
		return 0;
	if (bpf_map_lookup_elem(&setup_procs, &tgid))
		bpf_map_delete_elem(&setup_procs, &tgid);
	return 0;
}
