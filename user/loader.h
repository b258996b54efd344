/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel feature probing and the BPF lifecycle: open -> configure -> load ->
 * fill tables -> attach, and detach. Says what it chose and what is missing.
 */
#ifndef VIGIL_LOADER_H
#define VIGIL_LOADER_H

#include <stdbool.h>
#include <linux/types.h>
#include "cli.h"
#include "privilege.h"

#define LOADER_MAX_LIST 32

struct kernel_features {
	bool btf;			/* /sys/kernel/btf/vmlinux */
	bool lsm_listed;		/* "bpf" in /sys/kernel/security/lsm */
	char lsm_list[256];
	bool lsm_loadable;		/* a trial BPF LSM program loaded and attached */
	int lsm_error;			/* negative errno of the trial */
	bool cap_capable_tp;		/* btf_trace_cap_capable in kernel BTF */
	bool syscall_tps;		/* syscalls:sys_exit_* in tracefs (CONFIG_FTRACE_SYSCALLS) */
	bool cgroup2;
};

struct vigil_bpf;
struct bpf_link;

struct loader {
	struct vigil_bpf *skel;
	struct bpf_link **syscall_links;	/* one per syscall_table entry, NULL where absent */
	const char *backend;		/* "lsm" or "tracepoint" */
	bool enforce;
	bool pinned;		/* enforcement outlives this process (--pin) */
	bool adopted;		/* took over an earlier vigil's pinned state */
	const char *detections[LOADER_MAX_LIST];
	unsigned int n_detections;
	const char *programs[LOADER_MAX_LIST];
	unsigned int n_programs;
	const char *missing[LOADER_MAX_LIST];
	unsigned int n_missing;
	struct privilege_kept kept;	/* capabilities vigil holds once started */
};

void features__probe(struct kernel_features *f);
/* Prints what --check reports; returns 0 when vigil can run here. */
int features__report(const struct kernel_features *f);

int loader__start(struct loader *ld, const struct vigil_opts *o, const struct kernel_features *f);
/* Snapshots the credentials of container tasks that already run (after the container scan). */
int loader__snapshot_tasks(struct loader *ld);
/* vigil's own cgroup v2 id, known once loader__snapshot_tasks ran. */
__u64 loader__agent_cgroup_id(struct loader *ld);
/*
 * Opens a read of the capability checks folded after their key's last alert
 * (struct vigil_dedup_tail records), for the keys whose dedup window is
 * over, of cgroup_id's container, or all of them; taken once read.
 */
int loader__dedup_tails(struct loader *ld, __u64 cgroup_id, bool all);
void loader__stop(struct loader *ld);

#endif /* VIGIL_LOADER_H */
