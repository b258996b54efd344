// SPDX-License-Identifier: GPL-2.0
/*
 * The 32-bit (i386) numbers of the watched syscalls, for --watch-ia32 on
 * x86-64. Each names the 64-bit entry of syscall_table.c whose argument
 * layout it shares: the BPF side moves a 32-bit call's arguments to the
 * 64-bit registers, so the descriptor is written once. The 16-bit-id calls
 * (chown, setuid, ...) and their 32-bit-id twins (chown32, setuid32, ...)
 * both map to one entry: paths sit in the same places, and setuid compares
 * credentials, not arguments.
 *
 * Numbers come from <asm/unistd_32.h>, kept apart from the 64-bit ones
 * (<sys/syscall.h>) in this file of its own.
 */
#include <stddef.h>
#include <string.h>
#include "syscall_table.h"

#if defined(__x86_64__)
#include <asm/unistd_32.h>

/* a table, laid out by hand */
/* clang-format off */

/* Newer than Debian 12's headers; since 424 every new syscall has one number on all architectures */
#ifndef __NR_fchmodat2
#define __NR_fchmodat2 452
#endif
#ifndef __NR_setxattrat
#define __NR_setxattrat 463
#endif
#ifndef __NR_removexattrat
#define __NR_removexattrat 466
#endif
#ifndef __NR_open_tree_attr
#define __NR_open_tree_attr 467
#endif
#ifndef __NR_file_setattr
#define __NR_file_setattr 469
#endif

#define I(sys32, sys64) { __NR_##sys32, #sys32, #sys64 }

static const struct {
	long nr;
	const char *name;	/* the i386 syscall */
	const char *as;		/* the syscall_table.c entry it is read like */
} ia32[] = {
	I(open, open), I(openat, openat), I(openat2, openat2), I(creat, creat),
	I(mkdir, mkdir), I(mkdirat, mkdirat), I(rmdir, rmdir), I(unlink, unlink), I(unlinkat, unlinkat),
	I(rename, rename), I(renameat, renameat), I(renameat2, renameat2),
	I(link, link), I(linkat, linkat), I(symlink, symlink), I(symlinkat, symlinkat),
	I(mknod, mknod), I(mknodat, mknodat),
	I(chmod, chmod), I(fchmod, fchmod), I(fchmodat, fchmodat), I(fchmodat2, fchmodat2),
	I(chown, chown), I(chown32, chown), I(lchown, lchown), I(lchown32, lchown),
	I(fchown, fchown), I(fchown32, fchown), I(fchownat, fchownat),
	I(truncate, truncate), I(truncate64, truncate), I(ftruncate, ftruncate), I(ftruncate64, ftruncate),
	I(setxattr, setxattr), I(lsetxattr, lsetxattr), I(fsetxattr, fsetxattr),
	I(removexattr, removexattr), I(lremovexattr, lremovexattr), I(fremovexattr, fremovexattr),
	I(setxattrat, setxattrat), I(removexattrat, removexattrat), I(file_setattr, file_setattr),

	I(setuid, setuid), I(setuid32, setuid), I(setgid, setgid), I(setgid32, setgid),
	I(setreuid, setreuid), I(setreuid32, setreuid), I(setregid, setregid), I(setregid32, setregid),
	I(setresuid, setresuid), I(setresuid32, setresuid), I(setresgid, setresgid), I(setresgid32, setresgid),
	I(setfsuid, setfsuid), I(setfsuid32, setfsuid), I(setfsgid, setfsgid), I(setfsgid32, setfsgid),
	I(setgroups, setgroups), I(setgroups32, setgroups),

	I(mount, mount), I(umount, umount2), I(umount2, umount2), I(pivot_root, pivot_root),
	I(move_mount, move_mount), I(fsopen, fsopen), I(fsconfig, fsconfig), I(fsmount, fsmount),
	I(open_tree, open_tree), I(open_tree_attr, open_tree_attr), I(mount_setattr, mount_setattr),
};

static const struct syscall_entry *entry64(const char *name)
{
	unsigned int i;

	for (i = 0; i < syscall_table_len; i++)
		if (!strcmp(syscall_table[i].name, name))
			return &syscall_table[i];
	return NULL;
}

int syscall_table_ia32__get(unsigned int i, long *nr, const char **name, const struct vigil_syscall_desc **desc)
{
	const struct syscall_entry *e;

	if (i >= sizeof(ia32) / sizeof(ia32[0]))
		return 0;
	static struct vigil_syscall_desc oldumount;

	e = entry64(ia32[i].as);
	if (!e)
		return -1;
	*nr = ia32[i].nr;
	*name = ia32[i].name;
	*desc = &e->desc;
	/* i386 umount(name) is umount2 without its flags: ecx holds nothing of the call's */
	if (!strcmp(ia32[i].name, "umount")) {
		oldumount = e->desc;
		oldumount.flags_arg = VIGIL_ARG_NONE;
		*desc = &oldumount;
	}
	return 1;
}

const char *syscall_table_ia32__name(long nr)
{
	unsigned int i;

	for (i = 0; i < sizeof(ia32) / sizeof(ia32[0]); i++)
		if (ia32[i].nr == nr)
			return ia32[i].name;
	return NULL;
}
#else
int syscall_table_ia32__get(unsigned int i, long *nr, const char **name, const struct vigil_syscall_desc **desc)
{
	(void)i, (void)nr, (void)name, (void)desc;
	return 0;
}

const char *syscall_table_ia32__name(long nr)
{
	(void)nr;
	return NULL;
}
#endif
/* clang-format on */
