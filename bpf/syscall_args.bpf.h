/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading a syscall's number and arguments from the user registers that the
 * raw sys_enter/sys_exit tracepoints receive. The argument registers are not
 * changed by the syscalls vigil watches, so sys_exit can read them too.
 */
#ifndef VIGIL_SYSCALL_ARGS_BPF_H
#define VIGIL_SYSCALL_ARGS_BPF_H

#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>

#if defined(__TARGET_ARCH_x86)
#define SYSCALL_NR(regs) ((long)BPF_CORE_READ(regs, orig_ax))
#elif defined(__TARGET_ARCH_arm64)
#define SYSCALL_NR(regs) ((long)BPF_CORE_READ(regs, syscallno))
#else
#error "vigil: unsupported architecture"
#endif

static __always_inline unsigned long syscall_arg(struct pt_regs *regs, int i)
{
	switch (i) {
	case 0: return PT_REGS_PARM1_CORE_SYSCALL(regs);
	case 1: return PT_REGS_PARM2_CORE_SYSCALL(regs);
	case 2: return PT_REGS_PARM3_CORE_SYSCALL(regs);
	case 3: return PT_REGS_PARM4_CORE_SYSCALL(regs);
	case 4: return PT_REGS_PARM5_CORE_SYSCALL(regs);
	default: return 0;
	}
}

#endif /* VIGIL_SYSCALL_ARGS_BPF_H */
