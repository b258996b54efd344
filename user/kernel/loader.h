/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel feature probing and the BPF lifecycle: open -> configure -> load ->
 * fill tables -> attach, and detach. Says what it chose and what is missing.
 */
#ifndef VIGIL_LOADER_H
#define VIGIL_LOADER_H

#include <stdbool.h>
#include <linux/types.h>
#include "loader_config.h"
#include "cap_dedup.h"
#include "privilege.h"
#include "programs.h"
#include "vigil_event.h"

#define LOADER_MAX_LIST	 64
#define LOADER_MAX_PROGS 64

struct kernel_features {
	bool btf;	 /* /sys/kernel/btf/vmlinux */
	bool lsm_listed; /* "bpf" in /sys/kernel/security/lsm */
	char lsm_list[256];
	bool lsm_loadable;    /* a trial BPF LSM program loaded and attached */
	int lsm_error;	      /* negative errno of the trial */
	bool cap_capable_tp;  /* btf_trace_cap_capable in kernel BTF */
	bool io_uring_tp;     /* btf_trace_io_uring_submit_req: the kernel has io_uring (6.4+) */
	bool io_uring_sqe_tp; /* btf_trace_io_uring_submit_sqe: its name before 6.4 */
	bool ia32_syscalls;   /* the kernel takes 32-bit syscalls (user/kernel/ia32.c) */
	bool x32_syscalls;    /* ... and x32 ones */
	bool syscall_tps;     /* syscalls:sys_exit_* in tracefs (CONFIG_FTRACE_SYSCALLS) */
	bool cgroup2;
};

struct vigil_bpf;
struct bpf_link;

/* What the kernel said of one program (index: prog_specs). */
struct prog_state {
	bool wanted;	   /* this backend and kernel call for it */
	bool absent;	   /* its hook is not in this kernel (and nothing else covers it) */
	int err;	   /* negative errno of a refused load or attach; 0: running */
	const char *stage; /* "load" or "attach" */
};

enum detection_state { DETECTION_UNAVAILABLE, DETECTION_DEGRADED, DETECTION_ACTIVE };

/* Who takes the capability checks folded after a key's last alert. */
enum tails_source {
	TAILS_NONE,	/* neither program runs: folded checks after a key's last alert go unreported */
	TAILS_ITER,	/* vigil_dedup_tails, the map iterator */
	TAILS_TEST_RUN, /* vigil_dedup_take, by BPF_PROG_TEST_RUN */
};

struct loader {
	struct vigil_bpf *skel;
	struct bpf_link **syscall_links; /* one per syscall_table entry, NULL where absent */
	const char *backend;		 /* "lsm" or "tracepoint" */
	bool lsm;
	bool watch_ia32;       /* vigil_sys_exit_ia32 runs (--watch-ia32) */
	bool path_resolution;  /* a path resolver helper runs (user/container/path_resolver.c) */
	bool ia32_syscalls;    /* the kernel takes 32-bit syscalls at all */
	bool x32_syscalls;     /* the kernel takes x32 syscalls (no backend program reads them) */
	bool lsm_capable_hook; /* bpf_lsm_capable in this kernel */
	struct prog_state progs[LOADER_MAX_PROGS];
	enum detection_state detection[DET_MAX];
	bool snapshot_by_iter; /* else vigil_whoami and /proc */
	enum tails_source tails;
	struct vigil_ip_range vm_probe_ips[VIGIL_VM_PROBE_FUNCS];
	const char *degraded[LOADER_MAX_LIST]; /* refused programs and what that costs */
	char degraded_buf[LOADER_MAX_LIST][320];
	unsigned int n_degraded;
	bool enforce;
	bool pinned;  /* enforcement outlives this process (--pin) */
	bool adopted; /* took over an earlier vigil's pinned state */
	const char *detections[LOADER_MAX_LIST];
	unsigned int n_detections;
	const char *programs[LOADER_MAX_LIST];
	unsigned int n_programs;
	const char *missing[LOADER_MAX_LIST];
	unsigned int n_missing;
	struct privilege_kept kept; /* capabilities vigil holds once started */
};

void features__probe(struct kernel_features *f);
/* Prints what --check reports; returns 0 when vigil can run here. */
int features__report(const struct kernel_features *f);

/* --check: trial-loads every program vigil would load, prints the verdicts; 0 when vigil would start. */
int loader__check(const struct loader_config *o, const struct kernel_features *f);
int loader__start(struct loader *ld, const struct loader_config *o, const struct kernel_features *f);
/*
 * Without cgroup2_root: tells the kernel side vigil's own cgroup. With it,
 * after the container scan: snapshots the credentials of container tasks
 * that already run (task iterator, else /proc).
 */
int loader__snapshot_tasks(struct loader *ld, const char *cgroup2_root);
/* vigil's own cgroup v2 id, known once loader__snapshot_tasks ran (0: unknown yet). */
__u64 loader__agent_cgroup_id(struct loader *ld);
/* The same, from /proc/self/cgroup where no program could tell it. */
__u64 loader__set_agent_cgroup(struct loader *ld, const char *cgroup2_root);
typedef void (*loader_tail_fn)(void *ctx, const struct vigil_dedup_tail *t);
/*
 * Takes the capability checks folded after their key's last alert, for the
 * keys whose dedup window is over, of cgroup_id's container, or all of
 * them, and hands each to fn; each is taken once.
 */
int loader__dedup_tails(struct loader *ld, __u64 cgroup_id, bool all, loader_tail_fn fn, void *ctx);
/* For the privilege probe: an iterator link vigil reads, a program it test-runs; -1 for none. */
int loader__iter_link_fd(const struct loader *ld);
int loader__test_run_fd(const struct loader *ld);
void loader__stop(struct loader *ld);
/* How many wanted programs the kernel refused. */
unsigned int loader__refused(const struct loader *ld);
const char *loader__detection_state_name(enum detection_state s);

#endif /* VIGIL_LOADER_H */
