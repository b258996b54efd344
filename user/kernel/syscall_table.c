// SPDX-License-Identifier: GPL-2.0
/*
 * Each watched syscall: its number from <asm/unistd.h> and where its
 * arguments are. The BPF side reads this table from a map, so it holds no
 * syscall numbers and one generic handler serves each detection.
 *
 * For rootfs-write, string 0 is the path being written (rename: the source;
 * string 1 the target). For mount, string 0 is the target, 1 the source,
 * 2 the filesystem type.
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

#define N VIGIL_ARG_NONE

#define DESC(act, op_, fd, fl, s0, d0, p0, s1, d1, p1, s2)                          \
	{ .action = (act), .op = (op_), .fd_arg = (fd), .flags_arg = (fl),          \
	  .str_arg = { (s0), (s1), (s2) }, .dirfd_arg = { (d0), (d1), N },          \
	  .str_is_path = { (p0), (p1), 0 } }

/* rootfs-write: one path (string arg, dirfd arg), an fd, or two paths. */
#define W_PATH(op, s, d)	DESC(VIGIL_EV_ROOTFS_WRITE, op, N, N, s, d, 1, N, N, 0, N)
#define W_FD(op, fd)		DESC(VIGIL_EV_ROOTFS_WRITE, op, fd, N, N, N, 0, N, N, 0, N)
#define W_OPEN(op, s, d, fl)	DESC(VIGIL_EV_ROOTFS_WRITE, op, N, fl, s, d, 1, N, N, 0, N)
#define W_TWO(op, s0, d0, s1, d1, p1) \
	DESC(VIGIL_EV_ROOTFS_WRITE, op, N, N, s0, d0, 1, s1, d1, p1, N)

#define SETID(op_, uid) \
	{ .action = VIGIL_EV_SETUID, .op = (op_), .fd_arg = N, .flags_arg = N, \
	  .str_arg = { N, N, N }, .dirfd_arg = { N, N, N }, .uid_not_gid = (uid), \
	  .cap_probe = VIGIL_CAP_PROBE_SETID }

#define MNT(op, s0, d0, p0, s1, d1, p1, s2, fl) \
	DESC(VIGIL_EV_MOUNT, op, N, fl, s0, d0, p0, s1, d1, p1, s2)

/* tp: the name of its SYSCALL_DEFINE, which names the tracepoint (umount2's is umount) */
#define E_TP(sys, tp, ...) { __NR_##sys, #sys, "sys_exit_" #tp, __VA_ARGS__ }
#define E(sys, ...) E_TP(sys, sys, __VA_ARGS__)

const struct syscall_entry syscall_table[] = {
	E(open,          W_OPEN(VIGIL_OP_OPEN, 0, N, 1)),
	E(openat,        W_OPEN(VIGIL_OP_OPEN, 1, 0, 2)),
	E(openat2,       W_OPEN(VIGIL_OP_OPENAT2, 1, 0, 2)),
	E(creat,         W_PATH(VIGIL_OP_CREAT, 0, N)),
	E(mkdir,         W_PATH(VIGIL_OP_MKDIR, 0, N)),
	E(mkdirat,       W_PATH(VIGIL_OP_MKDIR, 1, 0)),
	E(rmdir,         W_PATH(VIGIL_OP_RMDIR, 0, N)),
	E(unlink,        W_PATH(VIGIL_OP_UNLINK, 0, N)),
	E(unlinkat,      W_PATH(VIGIL_OP_UNLINK, 1, 0)),
	E(rename,        W_TWO(VIGIL_OP_RENAME, 0, N, 1, N, 1)),
	E(renameat,      W_TWO(VIGIL_OP_RENAME, 1, 0, 3, 2, 1)),
	E(renameat2,     W_TWO(VIGIL_OP_RENAME, 1, 0, 3, 2, 1)),
	E(link,          W_TWO(VIGIL_OP_LINK, 1, N, 0, N, 1)),
	E(linkat,        W_TWO(VIGIL_OP_LINK, 3, 2, 1, 0, 1)),
	E(symlink,       W_TWO(VIGIL_OP_SYMLINK, 1, N, 0, N, 0)),
	E(symlinkat,     W_TWO(VIGIL_OP_SYMLINK, 2, 1, 0, N, 0)),
	E(mknod,         W_PATH(VIGIL_OP_MKNOD, 0, N)),
	E(mknodat,       W_PATH(VIGIL_OP_MKNOD, 1, 0)),
	E(chmod,         W_PATH(VIGIL_OP_CHMOD, 0, N)),
	E(fchmod,        W_FD(VIGIL_OP_CHMOD, 0)),
	E(fchmodat,      W_PATH(VIGIL_OP_CHMOD, 1, 0)),
	E(fchmodat2,     W_PATH(VIGIL_OP_CHMOD, 1, 0)),
	E(chown,         W_PATH(VIGIL_OP_CHOWN, 0, N)),
	E(lchown,        W_PATH(VIGIL_OP_CHOWN, 0, N)),
	E(fchown,        W_FD(VIGIL_OP_CHOWN, 0)),
	E(fchownat,      W_PATH(VIGIL_OP_CHOWN, 1, 0)),
	E(truncate,      W_PATH(VIGIL_OP_TRUNCATE, 0, N)),
	E(ftruncate,     W_FD(VIGIL_OP_TRUNCATE, 0)),
	E(setxattr,      W_PATH(VIGIL_OP_SETXATTR, 0, N)),
	E(lsetxattr,     W_PATH(VIGIL_OP_SETXATTR, 0, N)),
	E(fsetxattr,     W_FD(VIGIL_OP_SETXATTR, 0)),
	E(removexattr,   W_PATH(VIGIL_OP_REMOVEXATTR, 0, N)),
	E(lremovexattr,  W_PATH(VIGIL_OP_REMOVEXATTR, 0, N)),
	E(fremovexattr,  W_FD(VIGIL_OP_REMOVEXATTR, 0)),
	E(setxattrat,    W_PATH(VIGIL_OP_SETXATTR, 1, 0)),
	E(removexattrat, W_PATH(VIGIL_OP_REMOVEXATTR, 1, 0)),
	E(file_setattr,  W_PATH(VIGIL_OP_FILE_SETATTR, 1, 0)),

	E(setuid,        SETID(VIGIL_OP_SETID, 1)),
	E(setgid,        SETID(VIGIL_OP_SETID, 0)),
	E(setreuid,      SETID(VIGIL_OP_SETREID, 1)),
	E(setregid,      SETID(VIGIL_OP_SETREID, 0)),
	E(setresuid,     SETID(VIGIL_OP_SETRESID, 1)),
	E(setresgid,     SETID(VIGIL_OP_SETRESID, 0)),
	E(setfsuid,      SETID(VIGIL_OP_SETFSID, 1)),
	E(setfsgid,      SETID(VIGIL_OP_SETFSID, 0)),
	E(setgroups,     SETID(VIGIL_OP_SETGROUPS, 0)),

	E(mount,         MNT(VIGIL_OP_MOUNT, 1, N, 1, 0, N, 0, 2, 3)),
	E_TP(umount2, umount, MNT(VIGIL_OP_UMOUNT, 0, N, 1, N, N, 0, N, 1)),
	E(pivot_root,    MNT(VIGIL_OP_PIVOT_ROOT, 0, N, 1, 1, N, 1, N, N)),
	E(move_mount,    MNT(VIGIL_OP_MOVE_MOUNT, 3, 2, 1, 1, 0, 1, N, 4)),
	E(fsopen,        MNT(VIGIL_OP_FSOPEN, N, N, 0, N, N, 0, 0, 1)),
	E(fsconfig,      MNT(VIGIL_OP_FSCONFIG, 2, N, 0, 3, N, 0, N, N)),
	E(fsmount,       MNT(VIGIL_OP_FSMOUNT, N, N, 0, N, N, 0, N, 1)),
	E(open_tree,     MNT(VIGIL_OP_OPEN_TREE, 1, 0, 1, N, N, 0, N, 2)),
	E(open_tree_attr, MNT(VIGIL_OP_OPEN_TREE, 1, 0, 1, N, N, 0, N, 2)),
	E(mount_setattr, MNT(VIGIL_OP_MOUNT, 1, 0, 1, N, N, 0, N, 2)),

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
