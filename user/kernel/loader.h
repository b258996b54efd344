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
#include "kernel_features.h"
#include "cap_dedup.h"
#include "programs.h"
#include "vigil_event.h"

#define LOADER_MAX_LIST	  64
#define LOADER_MAX_PROGS  64
#define SCRIPT_OPEN_EXITS 3 /* open, openat, openat2 */

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

/*
 * What the loader chose and what the kernel refused: all that agent-start,
 * the metrics and --check say of the kernel side, and nothing they may change.
 */
struct loader_status {
	const char *backend; /* "lsm" or "tracepoint" */
	bool lsm;
	bool enforce;
	unsigned char drift; /* enum vigil_mode */
	bool drift_volumes;
	bool pinned;	      /* enforcement outlives this process (--pin) */
	bool adopted;	      /* took over an earlier vigil's pinned state */
	bool watch_ia32;      /* vigil_sys_exit_ia32 runs (--watch-ia32) */
	bool path_resolution; /* a path resolver helper runs (user/container/path_resolver.c) */
	bool ia32_syscalls;   /* the kernel takes 32-bit syscalls at all */
	bool x32_syscalls;    /* the kernel takes x32 syscalls (no backend program reads them) */
	struct prog_state progs[LOADER_MAX_PROGS];
	enum detection_state detection[DET_MAX];
	const char *degraded[LOADER_MAX_LIST]; /* refused programs and what that costs */
	unsigned int n_degraded;
	const char *detections[LOADER_MAX_LIST];
	unsigned int n_detections;
	const char *programs[LOADER_MAX_LIST];
	unsigned int n_programs;
	const char *missing[LOADER_MAX_LIST];
	unsigned int n_missing;
};

/* The running BPF side; only user/kernel/ looks inside. */
struct loader {
	struct loader_status status;
	struct vigil_bpf *skel;
	struct bpf_link **syscall_links;		       /* one per syscall_table entry, NULL where absent */
	struct bpf_link *script_open_links[SCRIPT_OPEN_EXITS]; /* vigil_drift_script_open's */
	bool lsm_capable_hook;				       /* bpf_lsm_capable in this kernel */
	bool snapshot_by_iter;				       /* else vigil_whoami and /proc */
	enum tails_source tails;
	struct vigil_ip_range vm_probe_ips[VIGIL_VM_PROBE_FUNCS];
	char degraded_buf[LOADER_MAX_LIST][320];
};

/* The maps userspace reads after the start (fds owned by the loader). */
struct loader_maps {
	int events;							  /* the ring buffer */
	__u32 events_size;						  /* its bytes */
	int lost;							  /* records that did not fit, per CPU */
	int lost_by_cgroup;						  /* ... and per cgroup */
	int containers;							  /* the container gate: cgroup id -> state */
	int container_policy, policy_config, allow_paths, allowed_writes; /* include/vigil_policy.h */
	int drift_written, drift_counts, drift_interpreter_inodes;	  /* bpf/drift.bpf.h */
};

/* --check: trial-loads every program vigil would load, prints the verdicts; 0 when vigil would start. */
int loader__check(const struct loader_config *o, const struct kernel_features *f);
int loader__start(struct loader *ld, const struct loader_config *o, const struct kernel_features *f);
/* The program of that name was wanted here and the kernel took it. */
bool loader__program_runs(const struct loader *ld, const char *name);
void loader__stop(struct loader *ld);
const struct loader_status *loader__status(const struct loader *ld);
void loader__maps(const struct loader *ld, struct loader_maps *m);
/* The flag the consumer sets while it sleeps in a long poll (record.bpf.h: the next record wakes it). */
volatile __u32 *loader__consumer_asleep(struct loader *ld);
/* Denials work: the LSM backend runs with denial on (--enforce, --policy) and every rootfs hook. */
bool loader__can_enforce(const struct loader *ld, bool drift);
/* The path resolver helper runs: agent-start then declares no path-string blind spot. */
void loader__set_path_resolution(struct loader *ld, bool on);
/* How many wanted programs the kernel refused. */
unsigned int loader__refused(const struct loader *ld);
const char *loader__detection_state_name(enum detection_state s);

#endif /* VIGIL_LOADER_H */
