// SPDX-License-Identifier: GPL-2.0
/* setuid alerts: effective ids before/after in ECS terms, every id under vigil.credentials. */
#include <stdio.h>
#include "alert.h"
#include "setuid.h"

static void id_field(struct json *j, const char *key, __u32 id)
{
	char buf[16];

	snprintf(buf, sizeof(buf), "%u", id);
	json__str(j, key, buf);
}

/* ECS user / group: id before, changes.id after. */
static void before_after(struct json *j, const char *key, __u32 before, __u32 after)
{
	json__begin_object(j, key);
	id_field(j, "id", before);
	json__begin_object(j, "changes");
	id_field(j, "id", after);
	json__end_object(j);
	json__end_object(j);
}

static void ids(struct json *j, const char *key, const struct vigil_ids *v, __u32 ngroups)
{
	json__begin_object(j, key);
	json__u64(j, "ruid", v->ruid);
	json__u64(j, "euid", v->euid);
	json__u64(j, "suid", v->suid);
	json__u64(j, "fsuid", v->fsuid);
	json__u64(j, "rgid", v->rgid);
	json__u64(j, "egid", v->egid);
	json__u64(j, "sgid", v->sgid);
	json__u64(j, "fsgid", v->fsgid);
	json__u64(j, "groups_count", ngroups);
	json__end_object(j);
}

void setuid__format(struct json *j, const struct vigil_record *r, const struct alert_view *v)
{
	static const char *const types[] = { "change", NULL };
	/* unseen: found at a fork or exit (vigil.syscall), made by a call the backend does not watch */
	const char *op = r->op == VIGIL_OP_EXEC_SETID	  ? "exec"
			 : r->op == VIGIL_OP_SETID_UNSEEN ? "unseen"
							  : record__syscall_name(r);

	alert__begin(j, r, v, "process", types);
	before_after(j, "user", r->setid.before.euid, r->setid.after.euid);
	before_after(j, "group", r->setid.before.egid, r->setid.after.egid);
	alert__begin_vigil(j, r, op);
	json__begin_object(j, "credentials");
	ids(j, "before", &r->setid.before, r->setid.ngroups_before);
	ids(j, "after", &r->setid.after, r->setid.ngroups_after);
	json__end_object(j);
	json__end_object(j);
}
