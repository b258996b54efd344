// SPDX-License-Identifier: GPL-2.0
/*
 * rootfs-write, tracepoint backend: file operations submitted to an io_uring.
 *
 * io_uring runs them from its own code (inline, or in its io-wq workers),
 * never through a syscall, so no syscall tracepoint sees them. They are seen
 * here, as each request is submitted: io_uring has already copied the
 * operation's path into the kernel (struct filename), so what is read is
 * what the kernel will use, not user memory a racing thread could change.
 * The record is built like a syscall's (path strings and the directory they
 * are relative to) and userspace judges it the same way. The operation's
 * result is not known yet: event.outcome is "unknown".
 *
 * Writes through an fd need no hook: the fd was opened for writing, and that
 * open was seen (a syscall, or a request here). The LSM backend loads none
 * of this: its hooks see io_uring's calls like any other.
 */
#include "alert.bpf.h"
#include "uapi.bpf.h"

#define VIGIL_AT_REMOVEDIR 0x200

/* Path string i of a request (a struct filename) and the directory it is relative to. */
static __always_inline struct vfsmount *submitted_path(struct vigil_record *rec, int i, struct filename *fn, int dirfd)
{
	const char *name = BPF_CORE_READ(fn, name);
	char first = 0;

	record__append_str(rec, VIGIL_S_STR0 + i, name, false);
	bpf_probe_read_kernel(&first, 1, name);
	return alert__append_base(rec, i, first, dirfd);
}

static __always_inline struct vigil_record *begin(__u16 op, __u8 opcode)
{
	struct vigil_record *rec = alert__begin(VIGIL_EV_ROOTFS_WRITE, op);

	if (!rec)
		return NULL;
	rec->flags |= VIGIL_F_IO_URING;
	rec->syscall_nr = current_syscall_nr();
	rec->file.uring_opcode = opcode;
	return rec;
}

static __always_inline void submit(struct vigil_record *rec, struct vfsmount *base0)
{
	struct task_struct *task = bpf_get_current_task_btf();

	if (mnt_on_container_root(base0, container_root_sb(task)))
		rec->flags |= VIGIL_F_BASE_ON_ROOT;
	alert__submit(rec);
}

/* openat / openat2 with write intent (flags from the open_how io_uring built) */
static __always_inline void on_open(struct io_open *open, __u8 opcode)
{
	__u64 flags = BPF_CORE_READ(open, how.flags);
	struct vigil_record *rec;

	if (!(flags & VIGIL_O_WRITE_INTENT))
		return;
	rec = begin(VIGIL_OP_OPEN, opcode);
	if (!rec)
		return;
	rec->file.flags = flags;
	rec->file.mode = BPF_CORE_READ(open, how.mode);
	submit(rec, submitted_path(rec, 0, BPF_CORE_READ(open, filename), BPF_CORE_READ(open, dfd)));
}

/* One path: mkdirat, unlinkat, setxattr (always from the cwd: no dirfd). */
static __always_inline void on_one_path(__u16 op, __u8 opcode, struct filename *fn, int dirfd)
{
	struct vigil_record *rec = begin(op, opcode);

	if (rec)
		submit(rec, submitted_path(rec, 0, fn, dirfd));
}

/*
 * As the syscall table has them (user/kernel/syscall_table.c): rename's str0 is the
 * source, str1 the destination; link's str0 the new link, str1 the existing
 * file; symlink's str0 the link, str1 its text (not a path to resolve).
 */
static __always_inline void on_two_paths(__u16 op, __u8 opcode, struct filename *from, int from_dfd,
					 struct filename *to, int to_dfd)
{
	struct vigil_record *rec = begin(op, opcode);
	struct vfsmount *base0;

	if (!rec)
		return;
	if (op == VIGIL_OP_SYMLINK) {
		base0 = submitted_path(rec, 0, to, to_dfd);
		record__append_str(rec, VIGIL_S_STR1, BPF_CORE_READ(from, name), false);
	} else if (op == VIGIL_OP_LINK) {
		base0 = submitted_path(rec, 0, to, to_dfd);
		submitted_path(rec, 1, from, from_dfd);
	} else {
		base0 = submitted_path(rec, 0, from, from_dfd);
		submitted_path(rec, 1, to, to_dfd);
	}
	submit(rec, base0);
}

/* Each request type's own struct: read by name (CO-RE), never assumed to share a layout. */
#define TWO_PATHS(op, opcode, type, cmd)                                                                       \
	on_two_paths(op, opcode, BPF_CORE_READ((type *)(cmd), oldpath), BPF_CORE_READ((type *)(cmd), old_dfd), \
		     BPF_CORE_READ((type *)(cmd), newpath), BPF_CORE_READ((type *)(cmd), new_dfd))

/* REQ_F_FIXED_FILE: io_uring's request flags start with the IOSQE_* ones (uapi) */
#define VIGIL_REQ_F_FIXED_FILE 1

/*
 * fsetxattr: the object is the request's fd. A registered (fixed) file is
 * an index into the ring's own table, not an fd: reported unresolved.
 */
static __always_inline void on_fsetxattr(struct io_kiocb *req, __u8 opcode)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct file *obj;
	struct vigil_record *rec;

	if (BPF_CORE_READ(req, flags) & VIGIL_REQ_F_FIXED_FILE) {
		rec = begin(VIGIL_OP_SETXATTR, opcode);
		if (rec) {
			rec->flags |= VIGIL_F_UNRESOLVED;
			alert__submit(rec);
		}
		return;
	}
	obj = task_fd_file(task, BPF_CORE_READ(req, cqe.fd));

	if (!obj || !mnt_on_container_root(BPF_CORE_READ(obj, f_path.mnt), container_root_sb(task)))
		return;
	rec = begin(VIGIL_OP_SETXATTR, opcode);
	if (!rec)
		return;
	rec->flags |= VIGIL_F_OBJ_KNOWN | VIGIL_F_OBJ_ON_ROOT;
	record__append_file(rec, VIGIL_S_OBJECT, obj);
	alert__submit(rec);
}

static __always_inline int on_submit(struct io_kiocb *req)
{
	__u8 opcode = req->opcode;
	/* the request's own data (struct io_open, io_rename, ...), filled when it was prepared */
	void *cmd = &req->cmd;

	switch (opcode) {
	case IORING_OP_OPENAT:
	case IORING_OP_OPENAT2:
	case IORING_OP_MKDIRAT:
	case IORING_OP_UNLINKAT:
	case IORING_OP_RENAMEAT:
	case IORING_OP_LINKAT:
	case IORING_OP_SYMLINKAT:
	case IORING_OP_SETXATTR:
	case IORING_OP_FSETXATTR: break;
	default: return 0;
	}
	if (!current_is_watched() || policy__rootfs_mode(policy__current()) == VIGIL_MODE_OFF)
		return 0;

	switch (opcode) {
	case IORING_OP_OPENAT:
	case IORING_OP_OPENAT2: on_open(cmd, opcode); break;
	case IORING_OP_MKDIRAT:
		on_one_path(VIGIL_OP_MKDIR, opcode, BPF_CORE_READ((struct io_mkdir *)cmd, filename),
			    BPF_CORE_READ((struct io_mkdir *)cmd, dfd));
		break;
	case IORING_OP_UNLINKAT:
		on_one_path(BPF_CORE_READ((struct io_unlink *)cmd, flags) & VIGIL_AT_REMOVEDIR ? VIGIL_OP_RMDIR
											       : VIGIL_OP_UNLINK,
			    opcode, BPF_CORE_READ((struct io_unlink *)cmd, filename),
			    BPF_CORE_READ((struct io_unlink *)cmd, dfd));
		break;
	case IORING_OP_RENAMEAT: TWO_PATHS(VIGIL_OP_RENAME, opcode, struct io_rename, cmd); break;
	case IORING_OP_LINKAT: TWO_PATHS(VIGIL_OP_LINK, opcode, struct io_link, cmd); break;
	case IORING_OP_SYMLINKAT: TWO_PATHS(VIGIL_OP_SYMLINK, opcode, struct io_link, cmd); break;
	case IORING_OP_SETXATTR:
		on_one_path(VIGIL_OP_SETXATTR, opcode, BPF_CORE_READ((struct io_xattr *)cmd, filename), VIGIL_AT_FDCWD);
		break;
	case IORING_OP_FSETXATTR: on_fsetxattr(req, opcode); break;
	}
	return 0;
}

SEC("tp_btf/io_uring_submit_req")
int BPF_PROG(vigil_io_uring_submit, struct io_kiocb *req)
{
	return on_submit(req);
}

/* The same tracepoint before 6.4 (a second argument, force_nonblock, unused). */
SEC("tp_btf/io_uring_submit_sqe")
int BPF_PROG(vigil_io_uring_submit_sqe, struct io_kiocb *req)
{
	return on_submit(req);
}
