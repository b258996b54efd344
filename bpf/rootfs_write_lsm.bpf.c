// SPDX-License-Identifier: GPL-2.0
/*
 * rootfs-write, BPF LSM backend: the same alert as the tracepoint backend,
 * decided before the operation, so --enforce can refuse it with -EPERM.
 *
 * "On the root filesystem" is the object's superblock against the
 * container's root superblock, taken when its entrypoint started
 * (container_roots): "..", symlinks, relative paths, dirfds, another root
 * (chroot, /proc/PID/root) and bind mounts of the image cannot dodge it.
 * Writes the kernel makes for the process under borrowed credentials (a
 * core dump) are decided the same way; overlayfs's own work on its upper
 * layer is on that layer's superblock, never the container's. For an open
 * file that superblock is its inode's: overlayfs opens the real file with
 * the overlay path as f_path (6.1's fake path, 6.6+'s backing file), and
 * only the inode tells that open from the container's own.
 *
 * Each hook only picks its mount and dentry and calls rootfs_write__lsm().
 * A later policy (per container or per image, allowed paths) belongs in a
 * map that function consults, not in new programs.
 */
#include "alert.bpf.h"
#include "drift.bpf.h"
#include "policy.bpf.h"
#include "uapi.bpf.h" /* eperm() below returns -VIGIL_EPERM */

/*
 * -EPERM as the verifier sees it. Since 6.8 it wants an LSM program's return
 * provably in [-MAX_ERRNO, 0]; clang turns "deny ? -1 : 0" into -deny, a
 * negation the verifier does not bound. The asm keeps the constant a constant.
 */
static __always_inline int eperm(void)
{
	int err;

	asm volatile("%0 = -1" : "=r"(err));
	return err;
}

/*
 * The decision for one operation on dentry: on the container's root when
 * sb, the object's superblock, is the container's root one. mnt (path
 * hooks) or `path` (file hooks, for bpf_d_path) give the reported path; the
 * dentry walk from the task's root otherwise.
 */
/* What a chmod or chown sets (the hook's arguments), for file.mode, file.uid, file.gid. */
struct file_attrs {
	__u32 flags; /* VIGIL_F_MODE, VIGIL_F_OWNER */
	__u32 mode;
	__u32 uid;
	__u32 gid;
};

/*
 * Whether op makes the file's content the container's (drift.bpf.h): a
 * write open, a truncation, a chmod that adds execute permission. A chmod
 * that adds none, chown, touch, xattrs and renames leave it the image's.
 */
static __always_inline bool changes_content(__u16 op, struct dentry *dentry, const struct file_attrs *attrs)
{
	__u32 old_mode;

	if (op == VIGIL_OP_OPEN || op == VIGIL_OP_TRUNCATE)
		return true;
	if (op != VIGIL_OP_CHMOD || !attrs)
		return false;
	old_mode = BPF_CORE_READ(dentry, d_inode, i_mode);
	return attrs->mode & 0111 & ~old_mode;
}

static __always_inline int rootfs_write__lsm(int ret, __u16 op, struct vfsmount *mnt, struct super_block *sb,
					     struct dentry *dentry, struct dentry *also, const struct path *path,
					     const struct file_attrs *attrs)
{
	const struct vigil_container_policy *pol;
	struct task_struct *task;
	struct super_block *root_sb;
	struct vigil_record *rec;
	__u8 *state, mode;
	bool deny, allowed;

	if (ret) /* an earlier LSM already refused */
		return ret;
	state = current_container();
	if (!state || current_in_setup())
		return 0;
	task = bpf_get_current_task_btf();
	root_sb = container_root_sb(task);
	if (sb != root_sb)
		return 0;
	pol = policy__current();
	mode = policy__rootfs_mode(pol);
	/*
	 * Deny only in cgroups userspace has classified as containers: a new
	 * cgroup is a candidate for the moment until then, and may be a host
	 * service's. (Its writes are still reported.)
	 */
	deny = enforce && mode == VIGIL_MODE_ENFORCE && *state == VIGIL_CG_CONTAINER;
	allowed = mode == VIGIL_MODE_OFF || policy__write_allowed(pol, sb, dentry, also);
	/* a write that happens, allowed or not alerted, makes its file the container's: drift */
	if ((allowed || !deny) && changes_content(op, dentry, attrs))
		drift__wrote(pol, BPF_CORE_READ(dentry, d_inode));
	if (allowed)
		return 0;

	rec = alert__begin(VIGIL_EV_ROOTFS_WRITE, op);
	if (rec) {
		rec->syscall_nr = current_syscall_nr();
		rec->flags |= VIGIL_F_OBJ_KNOWN | VIGIL_F_OBJ_ON_ROOT;
		record__set_inode(rec, BPF_CORE_READ(dentry, d_inode));
		if (attrs) {
			rec->flags |= attrs->flags;
			rec->file.mode = attrs->mode;
			rec->file.uid = attrs->uid;
			rec->file.gid = attrs->gid;
		}
		if (path)
			record__append_d_path(rec, VIGIL_S_OBJECT, path);
		else
			record__append_path(rec, VIGIL_S_OBJECT, dentry, mnt ? mnt : BPF_CORE_READ(task, fs, root.mnt));
		if (deny) {
			rec->flags |= VIGIL_F_DENIED;
			alert__set_outcome(rec, rec->syscall_nr, -VIGIL_EPERM);
		}
		alert__submit(rec);
	}
	return deny ? eperm() : 0;
}

static __always_inline int path_write(int ret, __u16 op, const struct path *dir, struct dentry *dentry)
{
	struct vfsmount *mnt = BPF_CORE_READ(dir, mnt);

	return rootfs_write__lsm(ret, op, mnt, BPF_CORE_READ(mnt, mnt_sb), dentry, NULL, NULL, NULL);
}

/* rename and link: two names of one file, both judged by the allow-list */
static __always_inline int path_write2(int ret, __u16 op, const struct path *dir, struct dentry *dentry,
				       struct dentry *also)
{
	struct vfsmount *mnt = BPF_CORE_READ(dir, mnt);

	return rootfs_write__lsm(ret, op, mnt, BPF_CORE_READ(mnt, mnt_sb), dentry, also, NULL, NULL);
}

static __always_inline int path_change_attrs(int ret, __u16 op, const struct path *path, const struct file_attrs *attrs)
{
	struct vfsmount *mnt = BPF_CORE_READ(path, mnt);

	return rootfs_write__lsm(ret, op, mnt, BPF_CORE_READ(mnt, mnt_sb), BPF_CORE_READ(path, dentry), NULL, NULL,
				 attrs);
}

static __always_inline int path_change(int ret, __u16 op, const struct path *path)
{
	return path_change_attrs(ret, op, path, NULL);
}

/*
 * An open file: its inode's superblock decides (see the top of this file).
 * d_path: the hook is one bpf_d_path may be called from (file_open).
 */
static __always_inline int file_change(int ret, __u16 op, struct file *file, bool d_path)
{
	return rootfs_write__lsm(ret, op, BPF_CORE_READ(file, f_path.mnt), BPF_CORE_READ(file, f_inode, i_sb),
				 BPF_CORE_READ(file, f_path.dentry), NULL, d_path ? &file->f_path : NULL, NULL);
}

/*
 * Every open on the host passes here: a read-only one returns after two
 * direct loads from the trusted `file` and one task-storage lookup (is this
 * thread an interpreter awaiting its script: drift-script).
 */
SEC("lsm/file_open")
int BPF_PROG(vigil_lsm_file_open, struct file *file, int ret)
{
	struct drift_script *s;

	if (!(file->f_mode & VIGIL_FMODE_WRITE) && !(file->f_flags & VIGIL_O_TRUNC)) {
		if (!ret && (s = drift__script_awaited()))
			drift__script_opened(s, file);
		return ret;
	}
	return file_change(ret, VIGIL_OP_OPEN, file, true);
}

/*
 * Whether file_open will report this new regular file: only when an
 * open-family syscall made it with write access or O_TRUNC (file_open then
 * sees FMODE_WRITE or O_TRUNC). open(O_CREAT|O_RDONLY), mknod(S_IFREG), a
 * 32-bit call (its arguments sit elsewhere) and io_uring's openat (no
 * syscall of its own) are reported here; the last two may then be reported
 * twice, never not at all.
 */
static __always_inline bool creation_reported_by_file_open(void)
{
	struct pt_regs *regs = (struct pt_regs *)bpf_task_pt_regs(bpf_get_current_task_btf());
	const struct vigil_syscall_desc *d;
	struct open_how *how;
	__u64 flags = 0;

	if (current_in_ia32_syscall())
		return false;
	d = syscall_desc(SYSCALL_NR(regs));
	if (!d)
		return false;
	switch (d->op) {
	case VIGIL_OP_CREAT: /* O_CREAT | O_WRONLY | O_TRUNC */ return true;
	case VIGIL_OP_OPEN: flags = (__u32)syscall_arg(regs, d->flags_arg); break;
	case VIGIL_OP_OPENAT2:
		how = (struct open_how *)syscall_arg(regs, d->flags_arg);
		if (bpf_probe_read_user(&flags, sizeof(flags), &how->flags))
			return false;
		break;
	default: return false;
	}
	return flags & (VIGIL_O_ACCMODE_WRITE | VIGIL_O_TRUNC);
}

/*
 * open(O_CREAT) of a new file passes here first, then file_open: a write
 * open is reported there (with the path d_path gives), unless refused here
 * (then file_open never runs); any other creation of a regular file here.
 */
SEC("lsm/path_mknod")
int BPF_PROG(vigil_lsm_path_mknod, const struct path *dir, struct dentry *dentry, umode_t mode, unsigned int dev,
	     int ret)
{
	if (!(enforce && policy__rootfs_mode(policy__current()) == VIGIL_MODE_ENFORCE) &&
	    (mode & VIGIL_S_IFMT) == VIGIL_S_IFREG && creation_reported_by_file_open())
		return ret;
	return path_write(ret, VIGIL_OP_MKNOD, dir, dentry);
}

SEC("lsm/path_mkdir")
int BPF_PROG(vigil_lsm_path_mkdir, const struct path *dir, struct dentry *dentry, umode_t mode, int ret)
{
	return path_write(ret, VIGIL_OP_MKDIR, dir, dentry);
}

SEC("lsm/path_rmdir")
int BPF_PROG(vigil_lsm_path_rmdir, const struct path *dir, struct dentry *dentry, int ret)
{
	return path_write(ret, VIGIL_OP_RMDIR, dir, dentry);
}

SEC("lsm/path_unlink")
int BPF_PROG(vigil_lsm_path_unlink, const struct path *dir, struct dentry *dentry, int ret)
{
	return path_write(ret, VIGIL_OP_UNLINK, dir, dentry);
}

SEC("lsm/path_symlink")
int BPF_PROG(vigil_lsm_path_symlink, const struct path *dir, struct dentry *dentry, const char *old_name, int ret)
{
	return path_write(ret, VIGIL_OP_SYMLINK, dir, dentry);
}

SEC("lsm/path_link")
int BPF_PROG(vigil_lsm_path_link, struct dentry *old_dentry, const struct path *new_dir, struct dentry *new_dentry,
	     int ret)
{
	return path_write2(ret, VIGIL_OP_LINK, new_dir, new_dentry, old_dentry);
}

SEC("lsm/path_rename")
int BPF_PROG(vigil_lsm_path_rename, const struct path *old_dir, struct dentry *old_dentry, const struct path *new_dir,
	     struct dentry *new_dentry, unsigned int flags, int ret)
{
	return path_write2(ret, VIGIL_OP_RENAME, old_dir, old_dentry, new_dentry);
}

SEC("lsm/path_truncate")
int BPF_PROG(vigil_lsm_path_truncate, const struct path *path, int ret)
{
	return path_change(ret, VIGIL_OP_TRUNCATE, path);
}

/* ftruncate since 6.2 (file_truncate); before, ftruncate calls path_truncate */
SEC("lsm/file_truncate")
int BPF_PROG(vigil_lsm_file_truncate, struct file *file, int ret)
{
	return file_change(ret, VIGIL_OP_TRUNCATE, file, false);
}

SEC("lsm/path_chmod")
int BPF_PROG(vigil_lsm_path_chmod, const struct path *path, umode_t mode, int ret)
{
	struct file_attrs a = { .flags = VIGIL_F_MODE, .mode = mode };

	return path_change_attrs(ret, VIGIL_OP_CHMOD, path, &a);
}

SEC("lsm/path_chown")
int BPF_PROG(vigil_lsm_path_chown, const struct path *path, unsigned int uid, unsigned int gid, int ret)
{
	struct file_attrs a = { .flags = VIGIL_F_OWNER, .uid = uid, .gid = gid };

	return path_change_attrs(ret, VIGIL_OP_CHOWN, path, &a);
}

/* The first argument is a user namespace (6.1) or an idmap (6.3+): unused. */
SEC("lsm/inode_setxattr")
int BPF_PROG(vigil_lsm_inode_setxattr, void *idmap, struct dentry *dentry, const char *name, const void *value,
	     size_t size, int flags, int ret)
{
	return rootfs_write__lsm(ret, VIGIL_OP_SETXATTR, NULL, BPF_CORE_READ(dentry, d_sb), dentry, NULL, NULL, NULL);
}

SEC("lsm/inode_removexattr")
int BPF_PROG(vigil_lsm_inode_removexattr, void *idmap, struct dentry *dentry, const char *name, int ret)
{
	return rootfs_write__lsm(ret, VIGIL_OP_REMOVEXATTR, NULL, BPF_CORE_READ(dentry, d_sb), dentry, NULL, NULL,
				 NULL);
}

/*
 * POSIX ACLs (system.posix_acl_*) since 6.2: setxattr and removexattr of
 * them reach these hooks instead of the xattr ones. Before 6.2 the xattr
 * hooks above see them.
 */
SEC("lsm/inode_set_acl")
int BPF_PROG(vigil_lsm_inode_set_acl, void *idmap, struct dentry *dentry, const char *acl_name, struct posix_acl *kacl,
	     int ret)
{
	return rootfs_write__lsm(ret, VIGIL_OP_SETXATTR, NULL, BPF_CORE_READ(dentry, d_sb), dentry, NULL, NULL, NULL);
}

SEC("lsm/inode_remove_acl")
int BPF_PROG(vigil_lsm_inode_remove_acl, void *idmap, struct dentry *dentry, const char *acl_name, int ret)
{
	return rootfs_write__lsm(ret, VIGIL_OP_REMOVEXATTR, NULL, BPF_CORE_READ(dentry, d_sb), dentry, NULL, NULL,
				 NULL);
}
