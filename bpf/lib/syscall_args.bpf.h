/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading a syscall's number and arguments from the task's user registers
 * (bpf_task_pt_regs). The syscalls vigil watches leave the argument registers
 * as they were, so sys_exit reads them.
 */
#ifndef VIGIL_SYSCALL_ARGS_BPF_H
#define VIGIL_SYSCALL_ARGS_BPF_H

#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>

/*
 * regs is a BTF pointer (from bpf_task_pt_regs): direct loads, which the
 * verifier turns into fault-safe loads, cost far less than
 * bpf_probe_read_kernel calls on a path that runs for every watched syscall.
 */
#if defined(__TARGET_ARCH_x86)
#define SYSCALL_NR(regs) ((long)(regs)->orig_ax)

static __always_inline unsigned long syscall_arg(struct pt_regs *regs, int i)
{
	switch (i) {
	case 0: return regs->di;
	case 1: return regs->si;
	case 2: return regs->dx;
	case 3: return regs->r10;
	case 4: return regs->r8;
	default: return 0;
	}
}
#elif defined(__TARGET_ARCH_arm64)
#define SYSCALL_NR(regs) ((long)(regs)->syscallno)

static __always_inline unsigned long syscall_arg(struct pt_regs *regs, int i)
{
	/* x0 is overwritten by the return value at sys_exit; orig_x0 keeps it */
	return i == 0 ? regs->orig_x0 : (i < 6 ? regs->regs[i] : 0);
}
#else
#error "vigil: unsupported architecture"
#endif

#endif /* VIGIL_SYSCALL_ARGS_BPF_H */
