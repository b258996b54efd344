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
/*
 * Opens the line with the common fields; the caller adds its own, then
 * alert__begin_vigil (vigil's own fields, left open for more) and closes it.
 */
void alert__begin(struct json *j, const struct vigil_record *r, const struct alert_view *v, const char *category,
		  const char *const *types);
void alert__begin_vigil(struct json *j, const struct vigil_record *r, const struct alert_view *v,
			const char *operation);

#endif /* VIGIL_ALERT_H */
