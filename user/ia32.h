/* SPDX-License-Identifier: GPL-2.0 */
/* Whether this kernel takes 32-bit syscalls (int 0x80) at all. */
#ifndef VIGIL_IA32_H
#define VIGIL_IA32_H

#include <stdbool.h>

/*
 * True when a 32-bit syscall works here: on x86-64 with IA32 emulation on
 * (CONFIG_IA32_EMULATION, not turned off by ia32_emulation=0 or a
 * hypervisor). A child process tries one; where the kernel takes none, the
 * tracepoint backend has no 32-bit blind spot to declare.
 */
bool ia32__syscalls_work(void);

#endif /* VIGIL_IA32_H */
