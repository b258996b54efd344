/* SPDX-License-Identifier: GPL-2.0 */
/* What this kernel offers vigil: probed once at start, printed by --check. */
#ifndef VIGIL_KERNEL_FEATURES_H
#define VIGIL_KERNEL_FEATURES_H

#include <stdbool.h>

#define SECURITYFS	"/sys/kernel/security"
#define TRACEFS		"/sys/kernel/tracing"
#define DEBUGFS_TRACING "/sys/kernel/debug/tracing" /* where libbpf looks first */

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

void features__probe(struct kernel_features *f);
/* Prints what --check reports; returns 0 when vigil can run here. */
int features__report(const struct kernel_features *f);

#endif /* VIGIL_KERNEL_FEATURES_H */
