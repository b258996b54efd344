/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Capability alert deduplication, shared verbatim by the BPF side (which runs
 * it on every capability check) and the unit tests (which prove it).
 *
 * Per key (container, executable, capability, outcome): the first check in a
 * window raises an alert; later checks in the same window only count. The
 * next alert of that key carries how many checks happened since the previous
 * alert, itself included, so nothing is hidden, only folded. Checks folded
 * after a key's last alert (its process went quiet or exited, or vigil stops)
 * are taken by vigil_dedup_take_tail: userspace reports them as the window's
 * end.
 *
 * The counter is updated atomically: checks run on every CPU at once, and
 * the tail is taken by a map iterator while they do. Each folded check is
 * counted by exactly one alert or one tail.
 */
#ifndef VIGIL_CAP_DEDUP_H
#define VIGIL_CAP_DEDUP_H

#ifndef __VMLINUX_H__
#include <linux/types.h>
#endif

struct vigil_dedup_key {
	__u64 cgroup_id;
	__u64 exe_ino;
	__u32 exe_dev;
	__u16 cap;
	__u16 granted;
};

/* What the tail iterator writes per key: the checks no alert has reported. */
struct vigil_dedup_tail {
	struct vigil_dedup_key key;
	__u64 count;
};

/* Tails vigil_dedup_take hands over per run. */
#define VIGIL_TAIL_BATCH 256

struct vigil_dedup_state {
	__u64 last_alert_ns; /* 0: never alerted */
	__u64 suppressed;    /* checks folded since the last alert */
};

/*
 * Returns 0 when this check is folded into the current window, otherwise the
 * count to report with the alert that must be raised now.
 */
static inline __u64 vigil_dedup_check(struct vigil_dedup_state *s, __u64 now_ns, __u64 window_ns)
{
	__u64 last = s->last_alert_ns;

	if (last && now_ns - last < window_ns) {
		__sync_fetch_and_add(&s->suppressed, 1);
		return 0;
	}
	s->last_alert_ns = now_ns;
	return __sync_lock_test_and_set(&s->suppressed, 0) + 1;
}

/*
 * The checks folded since the key's last alert, once its window is over
 * (or at once with force: the container is gone, vigil stops); 0 if none.
 * Taking them zeroes the counter, so the next alert does not repeat them.
 */
static inline __u64 vigil_dedup_take_tail(struct vigil_dedup_state *s, __u64 now_ns, __u64 window_ns, int force)
{
	if (!force && now_ns - s->last_alert_ns < window_ns)
		return 0;
	if (!s->suppressed)
		return 0;
	return __sync_lock_test_and_set(&s->suppressed, 0);
}

#endif /* VIGIL_CAP_DEDUP_H */
