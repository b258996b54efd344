// SPDX-License-Identifier: GPL-2.0
/* What is kept of each open capability dedup window, within bounds (cap_windows.h). */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <uthash.h>
#include "cap_windows.h"

struct cap_window {
	struct vigil_dedup_key key;
	UT_hash_handle hh;
	size_t size;		 /* of this allocation, as counted in bytes */
	struct vigil_record rec; /* header and data_len bytes of data: allocated to fit */
};

static struct vigil_dedup_key record_key(const struct vigil_record *r)
{
	struct vigil_dedup_key key;

	memset(&key, 0, sizeof(key)); /* the padding too: it is hashed */
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
	w->bytes -= cw->size;
	w->count--;
	free(cw);
}

/* Room for size more bytes and one more window: the oldest windows go first (uthash keeps insertion order). */
static void make_room(struct cap_windows *w, size_t size)
{
	size_t max_bytes = w->max_bytes ? w->max_bytes : CAP_WINDOWS_MAX_BYTES;
	size_t max_count = w->max_count ? w->max_count : CAP_WINDOWS_MAX_COUNT;

	while (w->by_key && (w->count + 1 > max_count || w->bytes + size > max_bytes)) {
		forget(w, w->by_key);
		w->evicted++;
	}
}

void cap_windows__opened(struct cap_windows *w, const struct vigil_record *r)
{
	size_t size = offsetof(struct cap_window, rec) + VIGIL_RECORD_HDR_SIZE + r->data_len;
	struct vigil_dedup_key key = record_key(r);
	struct cap_window *cw;

	HASH_FIND(hh, w->by_key, &key, sizeof(key), cw);
	if (cw)
		forget(w, cw);
	make_room(w, size);
	/* one allocation per window, not per event: at most one per key per --cap-window */
	cw = malloc(size);
	if (!cw)
		return; /* its window's end will be reported without process fields */
	cw->key = key;
	cw->size = size;
	memcpy(&cw->rec, r, VIGIL_RECORD_HDR_SIZE + r->data_len);
	HASH_ADD(hh, w->by_key, key, sizeof(key), cw);
	w->bytes += size;
	w->count++;
}

const struct vigil_record *cap_windows__end(struct cap_windows *w, const struct vigil_dedup_tail *t, __u64 now_ns)
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

void cap_windows__closed(struct cap_windows *w, __u64 now_ns, __u64 cgroup_id, bool all)
{
	struct cap_window *cw, *tmp;

	HASH_ITER (hh, w->by_key, cw, tmp) {
		/* a window-end record was stamped now_ns: its window is over too */
		if (all || cw->key.cgroup_id == cgroup_id || cw->rec.flags & VIGIL_F_WINDOW_END ||
		    (now_ns >= cw->rec.ts_ns && now_ns - cw->rec.ts_ns >= w->window_ns))
			forget(w, cw);
	}
}

void cap_windows__free(struct cap_windows *w)
{
	cap_windows__closed(w, 0, 0, true);
}
