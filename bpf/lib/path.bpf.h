/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Turning a kernel (dentry, vfsmount) into the path the current task sees,
 * relative to its own root: for a container process that is the path inside
 * the container. Components are written leaf first (see vigil_str_form).
 */
#ifndef VIGIL_PATH_BPF_H
#define VIGIL_PATH_BPF_H

#include "vigil.bpf.h"
#include "core_fixes.bpf.h"

#define VIGIL_PATH_DEPTH \
	1024		   /* components; deeper paths are flagged truncated. PATH_MAX allows
					   ~1365 of 3 bytes ("/ab"): bpf_loop makes depth cost per use, not per load */
#define VIGIL_NAME_MAX 256 /* NAME_MAX + NUL */

struct path_walk {
	struct vigil_record *rec;
	struct dentry *dentry;
	struct vfsmount *vfsmnt;
	struct dentry *root_dentry;
	struct vfsmount *root_mnt;
	__u32 off;
	__u32 end; /* the walk writes below it */
	bool complete;
};

/* One step up: a path component, or a crossing into the parent mount. */
static long path_walk_step(__u32 i, void *ctx)
{
	struct path_walk *w = ctx;
	struct vigil_record *rec = w->rec;
	struct dentry *dentry = w->dentry, *parent;
	struct vfsmount *vfsmnt = w->vfsmnt; /* locals: CO-RE relocates kernel types only */
	struct mount *mnt;
	__u32 off = w->off;
	long n;

	if (dentry == w->root_dentry && vfsmnt == w->root_mnt)
		goto complete;
	if (dentry == BPF_CORE_READ(vfsmnt, mnt_root)) {
		struct mount *up;

		mnt = real_mount(vfsmnt);
		up = BPF_CORE_READ(mnt, mnt_parent);
		if (up == mnt) /* namespace root: the path escapes the task's root */
			goto complete;
		w->dentry = BPF_CORE_READ(mnt, mnt_mountpoint);
		w->vfsmnt = mount_vfs(up);
		return 0;
	}
	parent = BPF_CORE_READ(dentry, d_parent);
	if (parent == dentry)
		goto complete;
	if (!rec || off >= VIGIL_DATA_SIZE - VIGIL_NAME_MAX || off + VIGIL_NAME_MAX > w->end)
		return 1;
	barrier_var(off);
	off &= VIGIL_DATA_MASK; /* see struct vigil_scratch */
	n = bpf_probe_read_kernel_str(&rec->data[off], VIGIL_NAME_MAX, BPF_CORE_READ(dentry, d_name.name));
	if (n <= 0)
		return 1;
	w->off = off + n;
	w->dentry = parent;
	return 0;
complete:
	w->complete = true;
	return 1;
}

/*
 * Walks up from dentry to the task's root, crossing mount points through the
 * mount tree, writing components from rec->data_len (not yet claimed).
 * bpf_loop keeps the verifier's work to one pass over the step. Returns
 * whether the walk reached the root within VIGIL_PATH_DEPTH components, max
 * bytes and the record's space; *end is where it stopped writing.
 */
static __always_inline bool path__walk(struct vigil_record *rec, struct dentry *dentry, struct vfsmount *vfsmnt,
				       __u32 max, __u32 *end)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct path_walk w = {
		.rec = rec,
		.dentry = dentry,
		.vfsmnt = vfsmnt,
		.root_dentry = BPF_CORE_READ(task, fs, root.dentry),
		.root_mnt = BPF_CORE_READ(task, fs, root.mnt),
		.off = rec->data_len,
		.end = rec->data_len + max,
	};

	bpf_loop(VIGIL_PATH_DEPTH, path_walk_step, &w, 0);
	*end = w.off;
	return w.complete;
}

static __always_inline void record__claim_path(struct vigil_record *rec, __u32 slot, __u32 end)
{
	rec->str[slot].off = rec->data_len;
	rec->str[slot].len = end - rec->data_len;
	rec->str_form[slot] = VIGIL_STR_COMPONENTS;
	rec->data_len = end;
}

/* The path, as much of it as fits: a path deeper or longer than the bounds is flagged VIGIL_F_TRUNCATED. */
static __always_inline void record__append_path_max(struct vigil_record *rec, __u32 slot, struct dentry *dentry,
						    struct vfsmount *vfsmnt, __u32 max)
{
	__u32 end;

	if (slot >= VIGIL_S_MAX)
		return;
	if (!path__walk(rec, dentry, vfsmnt, max, &end))
		rec->flags |= VIGIL_F_TRUNCATED;
	record__claim_path(rec, slot, end);
}

/*
 * The whole path or nothing: for what only describes the process, where a
 * leaf-first tail would read as a different, shorter path. One that does not
 * fit is left out and the record flagged VIGIL_F_TRUNCATED.
 */
static __always_inline void record__append_path_whole(struct vigil_record *rec, __u32 slot, struct dentry *dentry,
						      struct vfsmount *vfsmnt, __u32 max)
{
	__u32 end;

	if (slot >= VIGIL_S_MAX || !dentry || !vfsmnt)
		return;
	if (path__walk(rec, dentry, vfsmnt, max, &end))
		record__claim_path(rec, slot, end);
	else
		rec->flags |= VIGIL_F_TRUNCATED;
}

static __always_inline void record__append_path(struct vigil_record *rec, __u32 slot, struct dentry *dentry,
						struct vfsmount *vfsmnt)
{
	record__append_path_max(rec, slot, dentry, vfsmnt, VIGIL_DATA_SIZE);
}

static __always_inline void record__append_struct_path(struct vigil_record *rec, __u32 slot, const struct path *path)
{
	record__append_path(rec, slot, BPF_CORE_READ(path, dentry), BPF_CORE_READ(path, mnt));
}

static __always_inline void record__append_file(struct vigil_record *rec, __u32 slot, struct file *file)
{
	record__append_struct_path(rec, slot, &file->f_path);
}

/*
 * The kernel's own d_path, as an absolute string relative to the task's
 * root. Only LSM hooks the kernel lists as sleepable may call it (file_open,
 * sb_mount on every kernel vigil supports); elsewhere record__append_path.
 * A path d_path cannot give (longer than PATH_MAX) falls back to the walk.
 */
static __always_inline void record__append_d_path(struct vigil_record *rec, __u32 slot, const struct path *path)
{
	__u32 off = rec->data_len;
	long n = -1;

	if (slot >= VIGIL_S_MAX)
		return;
	if (off < VIGIL_DATA_SIZE - VIGIL_USTR_MAX) {
		barrier_var(off);
		off &= VIGIL_DATA_MASK; /* see struct vigil_scratch */
		n = bpf_d_path((struct path *)path, &rec->data[off], VIGIL_USTR_MAX);
	}
	if (n <= 0) {
		record__append_struct_path(rec, slot, path);
		return;
	}
	rec->str[slot].off = off;
	rec->str[slot].len = n - 1;
	rec->str_form[slot] = VIGIL_STR_RAW;
	rec->data_len = off + n;
}

#endif /* VIGIL_PATH_BPF_H */
