// SPDX-License-Identifier: GPL-2.0
/*
 * capability alerts, already folded per window by the BPF side (cap_dedup.h),
 * and the end of each window (capability.h).
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <uthash.h>
#include "alert.h"
#include "capability.h"
#include "capnames.h"

struct cap_window {
	struct vigil_dedup_key key;
	UT_hash_handle hh;
	struct vigil_record rec;	/* header and data_len bytes of data: allocated to fit */
};

bool capability__format(struct json *j, const struct vigil_record *r, struct alert_ctx *ax)
{
	static const char *const types[] = { "access", NULL };
	char buf[24];

	alert__begin(j, r, ax, "capability", r->cap.granted ? OUTCOME_SUCCESS : OUTCOME_FAILURE, "process", types);
	json__begin_object(j, "capability");
	json__str(j, "name", capnames__name(r->cap.cap, buf, sizeof(buf)));
	json__u64(j, "number", r->cap.cap);
	json__bool(j, "granted", r->cap.granted);
	json__u64(j, "count", r->cap.count);
	if (r->flags & VIGIL_F_WINDOW_END)
		json__bool(j, "window_end", true);
	json__end_object(j);
	alert__begin_vigil(j, r, NULL);
	json__end_object(j);
	return true;
}

static struct vigil_dedup_key record_key(const struct vigil_record *r)
{
	struct vigil_dedup_key key;

	memset(&key, 0, sizeof(key));	/* the padding too: it is hashed */
	key.cgroup_id = r->cgroup_id;
	key.exe_ino = r->cap.exe_ino;
	key.exe_dev = r->cap.exe_dev;
	key.cap = r->cap.cap;
	key.granted = r->cap.granted;
	return key;
}

static void forget(struct cap_windows *w, struct cap_window *cw)
{
	HASH_DEL(w->by_key, cw);
	free(cw);
}

void capability__window_opened(struct cap_windows *w, const struct vigil_record *r)
{
	size_t size = VIGIL_RECORD_HDR_SIZE + r->data_len;
	struct vigil_dedup_key key = record_key(r);
	struct cap_window *cw;

	HASH_FIND(hh, w->by_key, &key, sizeof(key), cw);
	if (cw)
		forget(w, cw);
	/* one allocation per window, not per event: at most one per key per --cap-window */
	cw = malloc(offsetof(struct cap_window, rec) + size);
	if (!cw)
		return;	/* its window's end will be reported without process fields */
	cw->key = key;
	memcpy(&cw->rec, r, size);
	HASH_ADD(hh, w->by_key, key, sizeof(key), cw);
}

const struct vigil_record *capability__window_end(struct cap_windows *w, const struct vigil_dedup_tail *t,
						  __u64 now_ns)
{
	static struct vigil_record unknown;
	struct vigil_record *r;
	struct cap_window *cw;

	HASH_FIND(hh, w->by_key, &t->key, sizeof(t->key), cw);
	if (cw) {
		r = &cw->rec;
	} else {
		r = &unknown;
		memset(r, 0, VIGIL_RECORD_HDR_SIZE);
		r->kind = VIGIL_EV_CAPABILITY;
		r->cgroup_id = t->key.cgroup_id;
		r->cap.cap = t->key.cap;
		r->cap.granted = t->key.granted;
		r->cap.exe_ino = t->key.exe_ino;
		r->cap.exe_dev = t->key.exe_dev;
		r->ret = t->key.granted ? 0 : -EPERM;
	}
	r->ts_ns = now_ns;
	r->cap.count = t->count;
	r->flags |= VIGIL_F_WINDOW_END | VIGIL_F_OUTCOME_KNOWN;
	return r;
}

void capability__windows_closed(struct cap_windows *w, __u64 now_ns, __u64 cgroup_id, bool all)
{
	struct cap_window *cw, *tmp;

	HASH_ITER(hh, w->by_key, cw, tmp) {
		/* a window-end record was stamped now_ns: its window is over too */
		if (all || cw->key.cgroup_id == cgroup_id || cw->rec.flags & VIGIL_F_WINDOW_END ||
		    (now_ns >= cw->rec.ts_ns && now_ns - cw->rec.ts_ns >= w->window_ns))
			forget(w, cw);
	}
}

void capability__windows_free(struct cap_windows *w)
{
	capability__windows_closed(w, 0, 0, true);
}
