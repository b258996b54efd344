/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The uapi and kernel constants the BPF side tests against, written once:
 * vmlinux.h carries types, not #defines. Identical on x86-64 and arm64.
 */
#ifndef VIGIL_UAPI_BPF_H
#define VIGIL_UAPI_BPF_H

/* errno values of a refused write: LSM, permissions, read-only mount */
#define VIGIL_EPERM  1
#define VIGIL_EACCES 13
#define VIGIL_EROFS  30

/* open flags (uapi asm-generic/fcntl.h) */
#define VIGIL_O_WRONLY	      00000001
#define VIGIL_O_RDWR	      00000002
#define VIGIL_O_CREAT	      00000100
#define VIGIL_O_TRUNC	      00001000
#define VIGIL_O_ACCMODE_WRITE (VIGIL_O_WRONLY | VIGIL_O_RDWR)
/* the open-mode test of a write, for the syscall's own flags */
#define VIGIL_O_WRITE_INTENT  (VIGIL_O_ACCMODE_WRITE | VIGIL_O_CREAT | VIGIL_O_TRUNC)

/* struct file's f_mode (include/linux/fs.h) */
#define VIGIL_FMODE_WRITE 0x2

/* inode mode: file type bits (uapi linux/stat.h) */
#define VIGIL_S_IFMT  00170000
#define VIGIL_S_IFDIR 0040000
#define VIGIL_S_IFREG 0100000

/* drift: mappings, mounts and filesystems (uapi mman-common.h, linux/mount.h, linux/fs.h, magic.h) */
#define VIGIL_PROT_EXEC	   0x4
#define VIGIL_VM_EXEC	   0x4	/* vm_area_struct.vm_flags */
#define VIGIL_MNT_READONLY 0x40 /* vfsmount.mnt_flags */
#define VIGIL_SB_RDONLY	   0x1	/* super_block.s_flags */
#define VIGIL_TMPFS_MAGIC  0x01021994
#define VIGIL_EEXIST	   17

#endif /* VIGIL_UAPI_BPF_H */
