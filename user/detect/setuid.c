// SPDX-License-Identifier: GPL-2.0
/*
 * setuid alerts: the ids after the change in ECS terms (process.user, real_user,
 * saved_user, group, ...: alert.c), every id before and after under vigil.credentials.
 */
#include "alert.h"
#include "setuid.h"

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
	alert__begin_vigil(j, r, v, op);
	json__begin_object(j, "credentials");
	ids(j, "before", &r->setid.before, r->setid.ngroups_before);
	ids(j, "after", &r->setid.after, r->setid.ngroups_after);
	json__end_object(j);
	json__end_object(j);
}
