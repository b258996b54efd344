/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The end of capability dedup windows. The BPF side folds the checks of a
 * key after the alert that opens its window; the checks folded after a
 * key's last alert (the process went quiet, its container is gone, vigil
 * stops) are read back through the cap_dedup iterator and reported as a
 * window-end alert with the process fields of that last alert, which is why
 * they are kept here, per key, until the window is over.
 *
 * A key is a (cgroup, executable, capability, outcome): a container that
 * execs a fresh copy of a binary for every check makes a new key each time,
 * and a kept record holds up to 16 KiB. So what is kept is bounded, in bytes
 * and in windows: past either bound the oldest window is forgotten, and its
 * end, if checks folded into it, is reported without process fields, as for
 * a window an earlier vigil opened. Nothing is lost but decoration; the
 * evictions are counted (vigil_capability_windows_evicted_total).
 */
#ifndef VIGIL_CAP_WINDOWS_H
#define VIGIL_CAP_WINDOWS_H

#include <stdbool.h>
#include <stddef.h>
#include "cap_dedup.h"
#include "vigil_event.h"

/* The kernel's cap_dedup map holds 16384 keys: no more windows can have tails. */
#define CAP_WINDOWS_MAX_COUNT 16384
#define CAP_WINDOWS_MAX_BYTES (8u << 20)

struct cap_window;

struct cap_windows {
	struct cap_window *by_key; /* open windows, oldest first: their opening alert's record */
	__u64 window_ns;
	size_t max_bytes, max_count; /* the bounds above unless a test sets others; 0: the defaults */
	size_t bytes, count;	     /* kept now */
	__u64 evicted;		     /* windows forgotten before their end to stay within the bounds */
};

/* A capability alert was written: it opens its key's window. */
void cap_windows__opened(struct cap_windows *w, const struct vigil_record *r);
/*
 * The window-end record for a tail: the opening alert's record with the
 * tail's count and time, or, unknown key (opened by an earlier vigil, or
 * evicted), a record without process fields (pid 0).
 */
const struct vigil_record *cap_windows__end(struct cap_windows *w, const struct vigil_dedup_tail *t, __u64 now_ns);
/* Forgets the windows over at now_ns (their tails were taken), cgroup_id's, or all. */
void cap_windows__closed(struct cap_windows *w, __u64 now_ns, __u64 cgroup_id, bool all);
void cap_windows__free(struct cap_windows *w);

#endif /* VIGIL_CAP_WINDOWS_H */
