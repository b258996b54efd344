// SPDX-License-Identifier: GPL-2.0
/* Enrich: a record's container, its rootfs verdict, its metadata (enrich.h). */
#include <string.h>
#include <time.h>
#include "alert.h"
#include "enrich.h"
#include "record.h"
#include "policy_apply.h"
#include "rootfs.h"

static __s64 boot_to_realtime_ns(void)
{
	struct timespec rt, bt;

	clock_gettime(CLOCK_REALTIME, &rt);
	clock_gettime(CLOCK_BOOTTIME, &bt);
	return (rt.tv_sec - bt.tv_sec) * 1000000000ll + (rt.tv_nsec - bt.tv_nsec);
}

void enrich__init(struct enricher *e, struct containers *cs, struct stream_id *stream)
{
	memset(e, 0, sizeof(*e));
	e->containers = cs;
	e->stream = stream;
	e->boot_to_realtime_ns = boot_to_realtime_ns();
	e->clock.secs = -1;
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
	case VIGIL_OP_MKDIR:
	case VIGIL_OP_RMDIR:
	case VIGIL_OP_UNLINK:
	case VIGIL_OP_RENAME:
	case VIGIL_OP_LINK:
	case VIGIL_OP_SYMLINK:
	case VIGIL_OP_MKNOD: return true;
	default: return sys && sys[0] == 'l'; /* lchown, lsetxattr, lremovexattr */
	}
}

/* path (absolute, as process pid sees it) on c's root filesystem: the kernel's answer, else the mount table's. */
static bool path_on_root(struct enricher *e, struct container *c, __u32 pid, const char *path, bool parent)
{
	int resolved = containers__resolve_on_root(e->containers, c, pid, path, parent);

	if (resolved >= 0)
		return resolved;
	return rootfs__path_on_root(containers__mounts(e->containers, c, pid), path);
}

/*
 * String i's absolute path into out, and whether it lies on the root
 * filesystem. First as the kernel resolves it in the process's root
 * (symlinks within the path, mounts as they are; containers.c); where that
 * cannot be asked any more (process and container gone, path gone), from the
 * string and the mount table: a relative path without ".." stays below its
 * base directory, so a base on another mount settles it.
 */
static bool syscall_path_on_root(struct enricher *e, struct container *c, const struct vigil_record *r, int i,
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
	resolved = containers__resolve_on_root(e->containers, c, r->pid, out, acts_on_name(r));
	if (resolved >= 0)
		return resolved;
	if (!proc_root && i == 0 && s[0] != '/' && !(r->flags & VIGIL_F_BASE_ON_ROOT) && !has_dotdot(s))
		return false;
	return rootfs__path_on_root(containers__mounts(e->containers, c, r->pid), out);
}

/*
 * Whether a rootfs-write record is an alert, and its paths. The BPF side
 * already dropped writes whose object it could see on another mount
 * (VIGIL_F_OBJ_KNOWN); path-only operations are decided here. An operation
 * whose object could not be resolved (a registered io_uring file; a base
 * directory deeper than the record holds; an object path longer than the
 * agent's path buffer) is reported, flagged, never dropped.
 */
static bool rootfs_write_view(struct enricher *e, struct container *c, const struct vigil_record *r,
			      struct alert_view *v)
{
	bool on_root;

	v->path_unresolved = false;
	v->has_target = false;
	if ((r->flags & VIGIL_F_UNRESOLVED) || (!(r->flags & VIGIL_F_OBJ_KNOWN) && (r->flags & VIGIL_F_TRUNCATED) &&
						record__syscall_path(r, 0, v->path, sizeof(v->path)) < 0)) {
		v->path_unresolved = true;
		return true;
	}
	if (r->flags & VIGIL_F_OBJ_KNOWN) {
		if (!(r->flags & VIGIL_F_OBJ_ON_ROOT))
			return false;
		/* the kernel saw it on the root: a path too long to write out is flagged, not a reason to drop */
		if (record__path(r, VIGIL_S_OBJECT, v->path, sizeof(v->path)) < 0)
			v->path_unresolved = true;
		return true;
	}
	on_root = syscall_path_on_root(e, c, r, 0, v->path, sizeof(v->path));
	if (r->op == VIGIL_OP_RENAME || r->op == VIGIL_OP_LINK) {
		v->has_target = record__syscall_path(r, 1, v->target, sizeof(v->target)) >= 0;
		if (v->has_target)
			rootfs__strip_proc_root(v->target);
		/* a rename writes at both ends */
		if (r->op == VIGIL_OP_RENAME && v->has_target && !on_root)
			on_root = path_on_root(e, c, r->pid, v->target, true);
	}
	return on_root;
}

bool enrich__view(struct enricher *e, const struct vigil_record *r, struct alert_view *v)
{
	/* a cgroup userspace found not to be a container, or vigil's own */
	struct container *c = containers__find(e->containers, r->cgroup_id);

	if (!c)
		return false;
	switch (r->kind) {
	case VIGIL_EV_ROOTFS_WRITE:
		if (!rootfs_write_view(e, c, r, v))
			return false;
		break;
	case VIGIL_EV_MOUNT:
		/* the container's mount table is no longer what was read */
		if (r->ret >= 0)
			containers__mounts_changed(c);
		break;
	default: break;
	}
	v->outcome = r->kind == VIGIL_EV_CAPABILITY ? (r->cap.granted ? OUTCOME_SUCCESS : OUTCOME_FAILURE)
						    : alert__outcome(r);
	v->container = &c->ref;
	v->stream = e->stream;
	v->seq = e->stream->next_seq++;
	v->boot_to_realtime_ns = e->boot_to_realtime_ns;
	v->clock = &e->clock;
	v->has_policy =
		e->containers->policy && policy_apply__rule_of(e->containers->policy, r->cgroup_id, v->policy_rule,
							       sizeof(v->policy_rule), &v->policy_pending);
	/* the kernel's word: the container may have been placed between its decision and this line */
	if (v->has_policy && (r->flags & VIGIL_F_POLICY_PENDING)) {
		v->policy_pending = true;
		snprintf(v->policy_rule, sizeof(v->policy_rule), "defaults");
	}
	v->meta = metadata__lock(e->containers->metadata, c->ref.id);
	e->held = v->meta ? e->containers->metadata : NULL;
	return true;
}

void enrich__release(struct enricher *e, struct alert_view *v)
{
	if (e->held)
		metadata__unlock(e->held);
	e->held = NULL;
	v->meta = NULL;
}
