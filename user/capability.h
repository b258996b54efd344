/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The end of capability dedup windows. The BPF side folds the checks of a
 * key after the alert that opens its window; the checks folded after a
 * key's last alert (the process went quiet, its container is gone, vigil
 * stops) are read back through the cap_dedup iterator and reported as a
 * window-end alert with the process fields of that last alert, which is why
 * they are kept here, per key, until the window is over.
 */
#ifndef VIGIL_CAPABILITY_H
#define VIGIL_CAPABILITY_H

#include <stdbool.h>
#include "cap_dedup.h"
#include "vigil_event.h"

struct cap_window;

struct cap_windows {
	struct cap_window *by_key;	/* open windows: their opening alert's record */
	__u64 window_ns;
};

/* A capability alert was written: it opens its key's window. */
void capability__window_opened(struct cap_windows *w, const struct vigil_record *r);
/*
 * The window-end record for a tail: the opening alert's record with the
 * tail's count and time, or, unknown key (opened by an earlier vigil), a
 * record without process fields (pid 0). NULL when out of memory.
 */
const struct vigil_record *capability__window_end(struct cap_windows *w, const struct vigil_dedup_tail *t,
						  __u64 now_ns);
/* Forgets the windows over at now_ns (their tails were taken), cgroup_id's, or all. */
void capability__windows_closed(struct cap_windows *w, __u64 now_ns, __u64 cgroup_id, bool all);
void capability__windows_free(struct cap_windows *w);

#endif /* VIGIL_CAPABILITY_H */
