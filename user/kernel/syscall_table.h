/* SPDX-License-Identifier: GPL-2.0 */
/* The syscalls the tracepoint backend watches, and how to read each one (pure). */
#ifndef VIGIL_SYSCALL_TABLE_H
#define VIGIL_SYSCALL_TABLE_H

#include "vigil_event.h"

struct syscall_entry {
	long nr;
	const char *name;
	const char *tracepoint; /* "sys_exit_<name>", in the syscalls group */
	struct vigil_syscall_desc desc;
};

extern const struct syscall_entry syscall_table[];
extern const unsigned int syscall_table_len;

/* "openat" for its number, NULL if vigil does not watch it. */
const char *syscall_table__name(long nr);

/*
 * The i386 syscalls of --watch-ia32 (x86-64 only), each read like a 64-bit
 * entry: the i-th one's number, name and descriptor. 1: filled; 0: past the
 * end; -1: it names no 64-bit entry (a unit test keeps that from happening).
 */
int syscall_table_ia32__get(unsigned int i, long *nr, const char **name, const struct vigil_syscall_desc **desc);
/* "chown32" for its i386 number, NULL if not watched. */
const char *syscall_table_ia32__name(long nr);

#endif /* VIGIL_SYSCALL_TABLE_H */
