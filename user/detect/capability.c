// SPDX-License-Identifier: GPL-2.0
/*
 * capability alerts, already folded per window by the BPF side (cap_dedup.h);
 * a window's end is built by cap_windows.c.
 */
#include "alert.h"
#include "capability.h"
#include "capnames.h"

void capability__format(struct json *j, const struct vigil_record *r, const struct alert_view *v)
{
	static const char *const types[] = { "access", NULL };
	char buf[24];

	alert__begin(j, r, v, "process", types);
	alert__begin_vigil(j, r, v, NULL);
	json__begin_object(j, "capability"); /* the capability used; ECS has only a thread's sets */
	json__str(j, "name", capnames__name(r->cap.cap, buf, sizeof(buf)));
	json__u64(j, "number", r->cap.cap);
	json__bool(j, "granted", r->cap.granted);
	json__u64(j, "count", r->cap.count);
	if (r->flags & VIGIL_F_WINDOW_END)
		json__bool(j, "window_end", true);
	json__end_object(j);
	json__end_object(j);
}
