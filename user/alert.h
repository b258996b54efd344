/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Turning a BPF record into an ECS alert line: the fields every alert has
 * (alert.c) and, per detection, its own (rootfs_write.c, setuid.c, mount.c,
 * capability.c). Each per-detection formatter returns false to drop a record
 * that is not an alert after all (a rootfs-write to a volume, say).
 */
#ifndef VIGIL_ALERT_H
#define VIGIL_ALERT_H

#include <stdbool.h>
#include <stddef.h>
#include "containers.h"
#include "json.h"
#include "outcome.h"
#include "pathbuf.h"
#include "sink.h"
#include "vigil_event.h"

struct alert_ctx {
	struct containers *containers;
	struct container *container;	/* of this record */
	const char *host_name;
	__s64 boot_to_realtime_ns;	/* CLOCK_REALTIME - CLOCK_BOOTTIME */
	struct line_tag tag;		/* of the line alert__begin started */
	enum outcome outcome;		/* its event.outcome */
	char path[PATHBUF_MAX];		/* scratch for formatters */
	char path2[PATHBUF_MAX];
};

/* The name of the record's syscall (an i386 one for VIGIL_F_IA32), NULL if not a watched one. */
const char *record__syscall_name(const struct vigil_record *r);
/* Raw string of a slot, NULL if absent. */
const char *record__str(const struct vigil_record *r, enum vigil_str_slot slot, size_t *len);
/* Absolute path inside the container of a components slot; -1 if absent. */
int record__path(const struct vigil_record *r, enum vigil_str_slot slot, char *out, size_t len);
/*
 * The absolute path of string i (0 or 1): the string if absolute, else joined
 * to its base directory. -1 if the record lacks what it needs.
 */
int record__syscall_path(const struct vigil_record *r, int i, char *out, size_t len);

/*
 * Opens the line with the common fields; the caller adds its own, then
 * alert__begin_vigil (vigil's own fields, left open for more) and closes it.
 */
void alert__begin(struct json *j, const struct vigil_record *r, struct alert_ctx *ax,
		  const char *action, enum outcome outcome, const char *category,
		  const char *const *types);
void alert__begin_vigil(struct json *j, const struct vigil_record *r, const char *operation);
enum outcome alert__outcome(const struct vigil_record *r);

bool rootfs_write__format(struct json *j, const struct vigil_record *r, struct alert_ctx *ax);
bool setuid__format(struct json *j, const struct vigil_record *r, struct alert_ctx *ax);
bool mount__format(struct json *j, const struct vigil_record *r, struct alert_ctx *ax);
bool capability__format(struct json *j, const struct vigil_record *r, struct alert_ctx *ax);

#endif /* VIGIL_ALERT_H */
