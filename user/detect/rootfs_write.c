// SPDX-License-Identifier: GPL-2.0
/* rootfs-write alerts: the operation, its path and target (whether it is an alert: enrich.c). */
#include <stdio.h>
#include <string.h>
#include "alert.h"
#include "rootfs_write.h"

struct op_info {
	const char *name;
	const char *type; /* ECS event.type */
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

static void id_field(struct json *j, const char *key, __u32 id)
{
	if (id != (__u32)-1) /* chown's "leave it as it is" */
		json__u64_string(j, key, id);
}

/* What the kernel side knew of the object: its inode, chmod's new mode, chown's new owner. */
static void attributes(struct json *j, const struct vigil_record *r)
{
	char buf[24];

	if (r->flags & VIGIL_F_INODE) {
		alert__file_inode(j, r->file.ino, r->file.dev);
	}
	if (r->flags & VIGIL_F_MODE) {
		snprintf(buf, sizeof(buf), "%04o", r->file.mode & 07777);
		json__str(j, "mode", buf);
	}
	if (r->flags & VIGIL_F_OWNER) {
		id_field(j, "uid", r->file.uid);
		id_field(j, "gid", r->file.gid);
	}
}

/* Where it landed is unknown: the string as given, relative to a directory vigil could not name. */
static void unresolved(struct json *j, const struct vigil_record *r, const struct alert_view *v, struct op_info info)
{
	const char *types[] = { info.type, NULL };
	size_t n;
	const char *s = record__str(r, VIGIL_S_STR0, &n);

	alert__begin(j, r, v, "file", types);
	if (s) {
		json__begin_object(j, "file");
		json__strn(j, "path", s, n);
		json__end_object(j);
	}
	alert__begin_vigil(j, r, v, info.name);
	json__bool(j, "path_unresolved", true);
	json__end_object(j);
}

void rootfs_write__format(struct json *j, const struct vigil_record *r, const struct alert_view *v)
{
	struct op_info info = op_info(r->op);
	const char *types[] = { info.type, NULL };
	const char *link_text;
	size_t n;

	if (v->path_unresolved) {
		unresolved(j, r, v, info);
		return;
	}
	alert__begin(j, r, v, "file", types);
	json__begin_object(j, "file");
	json__str(j, "path", v->path);
	alert__file_name_and_directory(j, v->path);
	attributes(j, r);
	/* ECS's target_path is a symlink's target: the link's text, not a path to resolve */
	if (r->op == VIGIL_OP_SYMLINK && (link_text = record__str(r, VIGIL_S_STR1, &n)))
		json__strn(j, "target_path", link_text, n);
	json__end_object(j);
	alert__begin_vigil(j, r, v, info.name);
	if (v->has_target) { /* rename's new name, a hard link's existing file */
		json__begin_object(j, "file");
		json__str(j, "target_path", v->target);
		json__end_object(j);
	}
	json__end_object(j);
}
