/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The current task and its syscall: 32-bit entry, the descriptor userspace
 * gave for a syscall number, an fd's file, the credentials' ids.
 */
#ifndef VIGIL_LIB_TASK_BPF_H
#define VIGIL_LIB_TASK_BPF_H

#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "maps.bpf.h"

/*
 * A comm, or a name compared with one (rodata names are NUL-padded the same
 * way): two words, compared as such.
 */
union vigil_comm {
	char c[VIGIL_COMM_LEN];
	__u64 w[2];
};

/* The current task's comm, NUL-padded. */
static __always_inline void comm__current(union vigil_comm *comm)
{
	bpf_get_current_comm(comm->c, sizeof(comm->c));
}

/*
 * The current task is in a 32-bit syscall (int 0x80, sysenter): TS_COMPAT in
 * its thread_info status (arch/x86/include/asm/thread_info.h), set at entry
 * and cleared only on the return to user mode, after sys_exit. Its syscall
 * number is then an i386 one, and its arguments are in other registers.
 */
#define VIGIL_TS_COMPAT 0x0002

static __always_inline bool current_in_ia32_syscall(void)
{
#if defined(__TARGET_ARCH_x86)
	return bpf_get_current_task_btf()->thread_info.status & VIGIL_TS_COMPAT;
#else
	return false;
#endif
}

/* The record of syscalls/sys_exit_<name> (see its format file in tracefs). */
struct syscall_exit_record {
	__u64 common; /* type, flags, preempt count, pid */
	int nr;
	long ret;
};

/* What userspace told us about this (64-bit) syscall number; NULL if out of range. */
static __always_inline const struct vigil_syscall_desc *syscall_desc(long nr)
{
	__u32 key = nr;

	if (nr < 0 || nr >= VIGIL_SYSCALL_SLOTS)
		return NULL;
	return bpf_map_lookup_elem(&syscall_table, &key);
}

static __always_inline struct file *task_fd_file(struct task_struct *task, long fd)
{
	struct fdtable *fdt = task->files->fdt;
	struct file **fds = fdt->fd;
	struct file *file = NULL;

	if (fd < 0 || fd >= fdt->max_fds)
		return NULL;
	/* the verifier allows no variable offset into a BTF pointer: one read */
	bpf_probe_read_kernel(&file, sizeof(file), &fds[fd]);
	return file;
}

/* cred is a BTF pointer: direct loads, no helper call per field (the setuid no-op path). */
static __always_inline void cred_ids(const struct cred *cred, struct vigil_ids *ids)
{
	ids->ruid = cred->uid.val;
	ids->euid = cred->euid.val;
	ids->suid = cred->suid.val;
	ids->fsuid = cred->fsuid.val;
	ids->rgid = cred->gid.val;
	ids->egid = cred->egid.val;
	ids->sgid = cred->sgid.val;
	ids->fsgid = cred->fsgid.val;
}

#endif /* VIGIL_LIB_TASK_BPF_H */
