// SPDX-License-Identifier: GPL-2.0
/*
 * Each watched syscall: its number from <asm/unistd.h> and where its
 * arguments are. The BPF side reads this table from a map, so it holds no
 * syscall numbers and one generic handler serves each detection.
 *
 * Each row names its arguments by role (PATH, STRING, FD, FLAGS below), by
 * their position in the syscall's C prototype.
 */
#include <stddef.h>
#include <sys/syscall.h>
#include "syscall_table.h"

/* a table, laid out by hand */
/* clang-format off */

/* Newer than Debian 12's headers (x86-64 numbers, checked against the 6.18 host's tracepoints) */
#ifndef __NR_fchmodat2
#define __NR_fchmodat2 452	/* Linux 6.6 */
#endif
#ifndef __NR_setxattrat
#define __NR_setxattrat 463	/* Linux 6.13 */
#endif
#ifndef __NR_removexattrat
#define __NR_removexattrat 466	/* Linux 6.13 */
#endif
#ifndef __NR_open_tree_attr
#define __NR_open_tree_attr 467	/* Linux 6.15 */
#endif
#ifndef __NR_file_setattr
#define __NR_file_setattr 469	/* Linux 6.17: inode flags (immutable, append-only, ...) by path */
#endif

/*
 * A row names the arguments it has; every other one is "none". The row's
 * defaults are then overridden by name, which is what -Woverride-init warns
 * of: here it is the point.
 */
#pragma GCC diagnostic ignored "-Woverride-init"
#ifdef __clang__
#pragma clang diagnostic ignored "-Winitializer-overrides"
#endif

#define NONE VIGIL_ARG_NONE
#define CWD  VIGIL_ARG_NONE	/* a path with no dirfd argument: relative to the cwd */

#define ROW(act, op_, ...)							\
	{ .action = (act), .op = (op_), .fd_arg = NONE, .flags_arg = NONE,	\
	  .str_arg = { NONE, NONE, NONE }, .dirfd_arg = { NONE, NONE, NONE },	\
	  .mode_arg = NONE, .owner_arg = NONE, __VA_ARGS__ }

/* String slots. rootfs-write: the path written, and rename's new name, link's or symlink's target. */
#define WRITTEN		0
#define TARGET		1
/* mount: where it is mounted (fsconfig: the key), what (the source; fsconfig: the value), the filesystem type */
#define MNT_AT		0
#define MNT_WHAT	1
#define MNT_FSTYPE	2

/* argument `arg` is a path (its base: argument `dirfd`, or CWD) or only a string */
#define PATH(slot, arg, dirfd)	.str_arg[slot] = (arg), .dirfd_arg[slot] = (dirfd), .str_is_path[slot] = 1
#define STRING(slot, arg)	.str_arg[slot] = (arg)
#define FD(arg)			.fd_arg = (arg)		/* the object is this fd */
#define FLAGS(arg)		.flags_arg = (arg)	/* open flags, mount flags */
#define MODE(arg)		.mode_arg = (arg)	/* chmod's new mode */
#define OWNER(arg)		.owner_arg = (arg)	/* chown's new uid; its gid follows */

#define WRITE(op, ...)	ROW(VIGIL_EV_ROOTFS_WRITE, op, __VA_ARGS__)
#define MOUNT(op, ...)	ROW(VIGIL_EV_MOUNT, op, __VA_ARGS__)
#define SETID(op, id)	ROW(VIGIL_EV_SETUID, op, .uid_not_gid = (id), .cap_probe = VIGIL_CAP_PROBE_SETID)
#define UID 1
#define GID 0

/* tp: the name of its SYSCALL_DEFINE, which names the tracepoint (umount2's is umount) */
#define E_TP(sys, tp, ...) { __NR_##sys, #sys, "sys_exit_" #tp, __VA_ARGS__ }
#define E(sys, ...) E_TP(sys, sys, __VA_ARGS__)

const struct syscall_entry syscall_table[] = {
	E(open,          WRITE(VIGIL_OP_OPEN, PATH(WRITTEN, 0, CWD), FLAGS(1))),
	E(openat,        WRITE(VIGIL_OP_OPEN, PATH(WRITTEN, 1, 0), FLAGS(2))),
	E(openat2,       WRITE(VIGIL_OP_OPENAT2, PATH(WRITTEN, 1, 0), FLAGS(2))),	/* FLAGS: the open_how */
	E(creat,         WRITE(VIGIL_OP_CREAT, PATH(WRITTEN, 0, CWD))),
	E(mkdir,         WRITE(VIGIL_OP_MKDIR, PATH(WRITTEN, 0, CWD))),
	E(mkdirat,       WRITE(VIGIL_OP_MKDIR, PATH(WRITTEN, 1, 0))),
	E(rmdir,         WRITE(VIGIL_OP_RMDIR, PATH(WRITTEN, 0, CWD))),
	E(unlink,        WRITE(VIGIL_OP_UNLINK, PATH(WRITTEN, 0, CWD))),
	E(unlinkat,      WRITE(VIGIL_OP_UNLINK, PATH(WRITTEN, 1, 0))),
	E(rename,        WRITE(VIGIL_OP_RENAME, PATH(WRITTEN, 0, CWD), PATH(TARGET, 1, CWD))),
	E(renameat,      WRITE(VIGIL_OP_RENAME, PATH(WRITTEN, 1, 0), PATH(TARGET, 3, 2))),
	E(renameat2,     WRITE(VIGIL_OP_RENAME, PATH(WRITTEN, 1, 0), PATH(TARGET, 3, 2))),
	E(link,          WRITE(VIGIL_OP_LINK, PATH(WRITTEN, 1, CWD), PATH(TARGET, 0, CWD))),
	E(linkat,        WRITE(VIGIL_OP_LINK, PATH(WRITTEN, 3, 2), PATH(TARGET, 1, 0))),
	E(symlink,       WRITE(VIGIL_OP_SYMLINK, PATH(WRITTEN, 1, CWD), STRING(TARGET, 0))),
	E(symlinkat,     WRITE(VIGIL_OP_SYMLINK, PATH(WRITTEN, 2, 1), STRING(TARGET, 0))),
	E(mknod,         WRITE(VIGIL_OP_MKNOD, PATH(WRITTEN, 0, CWD))),
	E(mknodat,       WRITE(VIGIL_OP_MKNOD, PATH(WRITTEN, 1, 0))),
	E(chmod,         WRITE(VIGIL_OP_CHMOD, PATH(WRITTEN, 0, CWD), MODE(1))),
	E(fchmod,        WRITE(VIGIL_OP_CHMOD, FD(0), MODE(1))),
	E(fchmodat,      WRITE(VIGIL_OP_CHMOD, PATH(WRITTEN, 1, 0), MODE(2))),
	E(fchmodat2,     WRITE(VIGIL_OP_CHMOD, PATH(WRITTEN, 1, 0), MODE(2))),
	E(chown,         WRITE(VIGIL_OP_CHOWN, PATH(WRITTEN, 0, CWD), OWNER(1))),
	E(lchown,        WRITE(VIGIL_OP_CHOWN, PATH(WRITTEN, 0, CWD), OWNER(1))),
	E(fchown,        WRITE(VIGIL_OP_CHOWN, FD(0), OWNER(1))),
	E(fchownat,      WRITE(VIGIL_OP_CHOWN, PATH(WRITTEN, 1, 0), OWNER(2))),
	E(truncate,      WRITE(VIGIL_OP_TRUNCATE, PATH(WRITTEN, 0, CWD))),
	E(ftruncate,     WRITE(VIGIL_OP_TRUNCATE, FD(0))),
	E(setxattr,      WRITE(VIGIL_OP_SETXATTR, PATH(WRITTEN, 0, CWD))),
	E(lsetxattr,     WRITE(VIGIL_OP_SETXATTR, PATH(WRITTEN, 0, CWD))),
	E(fsetxattr,     WRITE(VIGIL_OP_SETXATTR, FD(0))),
	E(removexattr,   WRITE(VIGIL_OP_REMOVEXATTR, PATH(WRITTEN, 0, CWD))),
	E(lremovexattr,  WRITE(VIGIL_OP_REMOVEXATTR, PATH(WRITTEN, 0, CWD))),
	E(fremovexattr,  WRITE(VIGIL_OP_REMOVEXATTR, FD(0))),
	E(setxattrat,    WRITE(VIGIL_OP_SETXATTR, PATH(WRITTEN, 1, 0))),
	E(removexattrat, WRITE(VIGIL_OP_REMOVEXATTR, PATH(WRITTEN, 1, 0))),
	E(file_setattr,  WRITE(VIGIL_OP_FILE_SETATTR, PATH(WRITTEN, 1, 0))),

	E(setuid,        SETID(VIGIL_OP_SETID, UID)),
	E(setgid,        SETID(VIGIL_OP_SETID, GID)),
	E(setreuid,      SETID(VIGIL_OP_SETREID, UID)),
	E(setregid,      SETID(VIGIL_OP_SETREID, GID)),
	E(setresuid,     SETID(VIGIL_OP_SETRESID, UID)),
	E(setresgid,     SETID(VIGIL_OP_SETRESID, GID)),
	E(setfsuid,      SETID(VIGIL_OP_SETFSID, UID)),
	E(setfsgid,      SETID(VIGIL_OP_SETFSID, GID)),
	E(setgroups,     SETID(VIGIL_OP_SETGROUPS, GID)),

	E(mount,         MOUNT(VIGIL_OP_MOUNT, PATH(MNT_AT, 1, CWD), STRING(MNT_WHAT, 0), STRING(MNT_FSTYPE, 2), FLAGS(3))),
	E_TP(umount2, umount, MOUNT(VIGIL_OP_UMOUNT, PATH(MNT_AT, 0, CWD), FLAGS(1))),
	E(pivot_root,    MOUNT(VIGIL_OP_PIVOT_ROOT, PATH(MNT_AT, 0, CWD), PATH(MNT_WHAT, 1, CWD))),
	E(move_mount,    MOUNT(VIGIL_OP_MOVE_MOUNT, PATH(MNT_AT, 3, 2), PATH(MNT_WHAT, 1, 0), FLAGS(4))),
	E(fsopen,        MOUNT(VIGIL_OP_FSOPEN, STRING(MNT_FSTYPE, 0), FLAGS(1))),
	E(fsconfig,      MOUNT(VIGIL_OP_FSCONFIG, STRING(MNT_AT, 2), STRING(MNT_WHAT, 3))),	/* key, value */
	E(fsmount,       MOUNT(VIGIL_OP_FSMOUNT, FLAGS(1))),
	E(open_tree,     MOUNT(VIGIL_OP_OPEN_TREE, PATH(MNT_AT, 1, 0), FLAGS(2))),
	E(open_tree_attr, MOUNT(VIGIL_OP_OPEN_TREE, PATH(MNT_AT, 1, 0), FLAGS(2))),
	E(mount_setattr, MOUNT(VIGIL_OP_MOUNT, PATH(MNT_AT, 1, 0), FLAGS(2))),

};

const unsigned int syscall_table_len = sizeof(syscall_table) / sizeof(syscall_table[0]);

const char *syscall_table__name(long nr)
{
	unsigned int i;

	for (i = 0; i < syscall_table_len; i++)
		if (syscall_table[i].nr == nr)
			return syscall_table[i].name;
	return NULL;
}
/* clang-format on */
