/* SPDX-License-Identifier: GPL-2.0 */
/*
 * setuid, tracepoint backend: at sys_exit of a setuid-family call, the
 * task's ids against its snapshot (the comparison lives in setuid.bpf.h,
 * shared with the LSM half and the fork and exec programs).
 */
#ifndef VIGIL_SETUID_TP_BPF_H
#define VIGIL_SETUID_TP_BPF_H

#include "setuid.bpf.h"

/* The setup lookup waits until something changed. */
static __always_inline int setuid__sys_exit(const struct vigil_syscall_desc *d, long nr, long ret)
{
	struct task_struct *task = bpf_get_current_task_btf();

	if (!setuid__watched(task))
		return 0;
	setuid__compare(task, d->op, nr, ret);
	return 0;
}

#endif /* VIGIL_SETUID_TP_BPF_H */
