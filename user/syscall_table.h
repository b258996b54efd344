/* SPDX-License-Identifier: GPL-2.0 */
/* The syscalls the tracepoint backend watches, and how to read each one (pure). */
#ifndef VIGIL_SYSCALL_TABLE_H
#define VIGIL_SYSCALL_TABLE_H

#include "vigil_event.h"

struct syscall_entry {
	long nr;
	const char *name;
	const char *tracepoint;	/* "sys_exit_<name>", in the syscalls group */
	struct vigil_syscall_desc desc;
};

extern const struct syscall_entry syscall_table[];
extern const unsigned int syscall_table_len;

/* "openat" for its number, NULL if vigil does not watch it. */
const char *syscall_table__name(long nr);

#endif /* VIGIL_SYSCALL_TABLE_H */
