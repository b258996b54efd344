// SPDX-License-Identifier: GPL-2.0
/*
 * rootfs-write alerts. The BPF side already dropped writes whose object it
 * could see on another mount; for path-only operations the decision is made
 * here, from the path and the container's mount table.
 */
#include <string.h>
#include "alert.h"
#include "rootfs.h"

struct op_info {
	const char *name;
	const char *type;	/* ECS event.type */
};

static struct op_info op_info(__u16 op)
{
	switch (op) {
	case VIGIL_OP_OPEN:
	case VIGIL_OP_OPENAT2: return (struct op_info){ "open", "change" };
	case VIGIL_OP_CREAT: return (struct op_info){ "creat", "creation" };
	case VIGIL_OP_MKDIR: return (struct op_info){ "mkdir", "creation" };
	case VIGIL_OP_RMDIR: return (struct op_info){ "rmdir", "deletion" };
	case VIGIL_OP_UNLINK: return (struct op_info){ "unlink", "deletion" };
	case VIGIL_OP_RENAME: return (struct op_info){ "rename", "change" };
	case VIGIL_OP_LINK: return (struct op_info){ "link", "creation" };
	case VIGIL_OP_SYMLINK: return (struct op_info){ "symlink", "creation" };
	case VIGIL_OP_MKNOD: return (struct op_info){ "mknod", "creation" };
	case VIGIL_OP_CHMOD: return (struct op_info){ "chmod", "change" };
	case VIGIL_OP_CHOWN: return (struct op_info){ "chown", "change" };
	case VIGIL_OP_TRUNCATE: return (struct op_info){ "truncate", "change" };
	case VIGIL_OP_SETXATTR: return (struct op_info){ "setxattr", "change" };
	case VIGIL_OP_REMOVEXATTR: return (struct op_info){ "removexattr", "change" };
	case VIGIL_OP_FILE_SETATTR: return (struct op_info){ "setattr", "change" };
	default: return (struct op_info){ "unknown", "change" };
	}
}

static bool has_dotdot(const char *s)
{
	const char *p = s;

	while ((p = strstr(p, "..")) != NULL) {
		if ((p == s || p[-1] == '/') && (p[2] == '\0' || p[2] == '/'))
			return true;
		p += 2;
	}
	return false;
}

/*
 * Whether the operation acts on the last component itself (a new or removed
 * name, lchown, lsetxattr) rather than on what a symlink there points to.
 */
static bool acts_on_name(const struct vigil_record *r)
{
	const char *sys = record__syscall_name(r);

	switch (r->op) {
	case VIGIL_OP_MKDIR: case VIGIL_OP_RMDIR: case VIGIL_OP_UNLINK: case VIGIL_OP_RENAME:
	case VIGIL_OP_LINK: case VIGIL_OP_SYMLINK: case VIGIL_OP_MKNOD:
		return true;
	default:
		return sys && sys[0] == 'l';	/* lchown, lsetxattr, lremovexattr */
	}
}

/*
 * String i's absolute path into out, and whether it lies on the root
 * filesystem. First as the kernel resolves it in the process's root
 * (symlinks within the path, mounts as they are; containers.c); where that
 * cannot be asked any more (process and container gone, path gone), from the
 * string and the mount table: a relative path without ".." stays below its
 * base directory, so a base on another mount settles it.
 */
static bool syscall_path_on_root(const struct vigil_record *r, int i, struct alert_ctx *ax,
				 char *out, size_t len)
{
	size_t n;
	const char *s = record__str(r, VIGIL_S_STR0 + i, &n);
	bool proc_root;
	int resolved;

	if (record__syscall_path(r, i, out, len) < 0)
		return false;
	/* /proc/self/root/x is x on the container's root, whatever its string says */
	proc_root = rootfs__strip_proc_root(out);
	resolved = containers__resolve_on_root(ax->containers, ax->container, r->pid, out, acts_on_name(r));
	if (resolved >= 0)
		return resolved;
	if (!proc_root && i == 0 && s[0] != '/' && !(r->flags & VIGIL_F_BASE_ON_ROOT) && !has_dotdot(s))
		return false;
	return rootfs__path_on_root(containers__mounts(ax->containers, ax->container, r->pid), out);
}

/*
 * An operation whose object vigil could not resolve (a registered io_uring
 * file; a base directory deeper than the record holds): where it landed is
 * unknown, so it is reported, flagged, with what is known, never dropped.
 */
static bool unresolved(struct json *j, const struct vigil_record *r, struct alert_ctx *ax, struct op_info info)
{
	const char *types[] = { info.type, NULL };
	size_t n;
	const char *s = record__str(r, VIGIL_S_STR0, &n);

	alert__begin(j, r, ax, "rootfs-write", alert__outcome(r), "file", types);
	if (s) {
		json__begin_object(j, "file");
		json__strn(j, "path", s, n);	/* as given: relative to a directory vigil could not name */
		json__end_object(j);
	}
	alert__begin_vigil(j, r, info.name);
	json__bool(j, "path_unresolved", true);
	json__end_object(j);
	return true;
}

bool rootfs_write__format(struct json *j, const struct vigil_record *r, struct alert_ctx *ax)
{
	struct op_info info = op_info(r->op);
	const char *types[] = { info.type, NULL };
	bool two_paths = r->op == VIGIL_OP_RENAME || r->op == VIGIL_OP_LINK;
	bool on_root, target_known = false;
	const char *target = NULL;
	size_t n;

	if (r->flags & VIGIL_F_UNRESOLVED)
		return unresolved(j, r, ax, info);
	/* a relative path whose base directory did not fit the record */
	if (!(r->flags & VIGIL_F_OBJ_KNOWN) && (r->flags & VIGIL_F_TRUNCATED) &&
	    record__syscall_path(r, 0, ax->path, sizeof(ax->path)) < 0)
		return unresolved(j, r, ax, info);
	if (r->flags & VIGIL_F_OBJ_KNOWN) {
		on_root = r->flags & VIGIL_F_OBJ_ON_ROOT;
		if (record__path(r, VIGIL_S_OBJECT, ax->path, sizeof(ax->path)) < 0)
			return false;
	} else {
		on_root = syscall_path_on_root(r, 0, ax, ax->path, sizeof(ax->path));
		if (two_paths) {
			target_known = record__syscall_path(r, 1, ax->path2, sizeof(ax->path2)) >= 0;
			if (target_known)
				rootfs__strip_proc_root(ax->path2);
			/* a rename writes at both ends */
			if (r->op == VIGIL_OP_RENAME && target_known && !on_root) {
				int resolved = containers__resolve_on_root(ax->containers, ax->container, r->pid,
									   ax->path2, true);

				on_root = resolved >= 0 ? resolved : rootfs__path_on_root(
					containers__mounts(ax->containers, ax->container, r->pid), ax->path2);
			}
		}
	}
	if (!on_root)
		return false;

	if (two_paths && target_known)
		target = ax->path2;
	else if (r->op == VIGIL_OP_SYMLINK)
		target = record__str(r, VIGIL_S_STR1, &n);	/* the link's text, not a path to resolve */

	alert__begin(j, r, ax, "rootfs-write", alert__outcome(r), "file", types);
	json__begin_object(j, "file");
	json__str(j, "path", ax->path);
	if (target && r->op == VIGIL_OP_SYMLINK)
		json__strn(j, "target_path", target, n);
	else if (target)
		json__str(j, "target_path", target);
	json__end_object(j);
	alert__begin_vigil(j, r, info.name);
	json__end_object(j);
	return true;
}
