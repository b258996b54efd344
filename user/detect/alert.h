/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The ECS fields every alert carries, written from a record and its view
 * (view.h); each detection's formatter (rootfs_write.h, setuid.h, mount.h,
 * capability.h) adds its own between alert__begin and alert__begin_vigil.
 */
#ifndef VIGIL_ALERT_H
#define VIGIL_ALERT_H

#include "json.h"
#include "outcome.h"
#include "record.h"
#include "view.h"

/* event.outcome of a syscall's record: from its return value, unknown when not seen. */
enum outcome alert__outcome(const struct vigil_record *r);
struct alert_rule {
	const char *id; /* rule.id, and rule.name outside --policy */
	const char *description;
	const char *reference; /* NULL: none */
};

/* What opens a line: the event's classification and rule. */
struct alert_head {
	const char *kind; /* event.kind: "alert", or "event" for an inventory line */
	const char *dataset;
	const char *action;
	unsigned int severity;
	bool outcome; /* event.outcome from the view */
	const char *category;
	const char *const *types; /* NULL-terminated */
	const struct alert_rule *rule;
	const bool *privileged; /* container.security_context.privileged; NULL: not said */
};

/* The common fields as h says; alert__begin is this for a detection's alert. */
void alert__open(struct json *j, const struct vigil_record *r, const struct alert_view *v, const struct alert_head *h);
/*
 * Opens the line with the common fields; the caller adds its own, then
 * alert__begin_vigil (vigil's own fields, left open for more) and closes it.
 */
void alert__begin(struct json *j, const struct vigil_record *r, const struct alert_view *v, const char *category,
		  const char *const *types);
/* Inside file.*: name and directory of an absolute path ("/" is a directory of its own). */
void alert__file_name_and_directory(struct json *j, const char *path);
/* Inside file.*: inode, and device as "major:minor" of a kernel dev_t (major << 20 | minor). */
void alert__file_inode(struct json *j, __u64 ino, __u32 dev);
/* Opens vigil.* with what every line of a container carries (schema, labels cut, the policy's rule). */
void alert__open_vigil(struct json *j, const struct alert_view *v);
void alert__begin_vigil(struct json *j, const struct vigil_record *r, const struct alert_view *v,
			const char *operation);

#endif /* VIGIL_ALERT_H */
