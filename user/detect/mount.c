// SPDX-License-Identifier: GPL-2.0
/* mount alerts: vigil.mount.source, target (absolute inside the container), fstype, flags. */
#include "alert.h"
#include "mount.h"

static void raw_field(struct json *j, const char *key, const struct vigil_record *r, enum vigil_str_slot slot)
{
	size_t n;
	const char *s = record__str(r, slot, &n);

	if (s)
		json__strn(j, key, s, n);
}

void mount__format(struct json *j, const struct vigil_record *r, const struct alert_view *v)
{
	static const char *const types[] = { "change", NULL };
	bool fsconfig = r->op == VIGIL_OP_FSCONFIG;
	char path[PATHBUF_MAX];

	alert__begin(j, r, v, "configuration", types);
	alert__begin_vigil(j, r, v, record__syscall_name(r));
	json__begin_object(j, "mount"); /* ECS has no mount fields */
	if (fsconfig) {
		raw_field(j, "option", r, VIGIL_S_STR0);
		raw_field(j, "value", r, VIGIL_S_STR1);
	} else {
		if (record__syscall_path(r, 0, path, sizeof(path)) >= 0)
			json__str(j, "target", path);
		if (r->op == VIGIL_OP_PIVOT_ROOT || r->op == VIGIL_OP_MOVE_MOUNT) {
			if (record__syscall_path(r, 1, path, sizeof(path)) >= 0)
				json__str(j, "source", path);
		} else {
			raw_field(j, "source", r, VIGIL_S_STR1);
		}
		raw_field(j, "fstype", r, VIGIL_S_STR2);
	}
	json__u64(j, "flags", r->mount.flags);
	json__end_object(j);
	json__end_object(j);
}
