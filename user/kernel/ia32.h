/* SPDX-License-Identifier: GPL-2.0 */
/* Whether this kernel takes 32-bit syscalls (int 0x80) at all. */
#ifndef VIGIL_IA32_H
#define VIGIL_IA32_H

#include <stdbool.h>

/*
 * True when a 32-bit syscall works here: on x86-64 with IA32 emulation on
 * (CONFIG_IA32_EMULATION, not turned off by ia32_emulation=0 or a
 * hypervisor). A child process tries one; only where it faults (the kernel
 * takes none) is false returned, and the tracepoint backend has no 32-bit
 * blind spot to declare; any other failure (vigil's own seccomp filter)
 * counts as "may".
 */
bool ia32__syscalls_work(void);

/*
 * The same for x32 syscalls (64-bit mode, 32-bit pointers, numbers with bit
 * 30 set; kernels built with CONFIG_X86_X32_ABI and booted with
 * syscall.x32=y): false only when the kernel answers ENOSYS.
 */
bool ia32__x32_syscalls_work(void);

#endif /* VIGIL_IA32_H */
