/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Capability alert deduplication, shared verbatim by the BPF side (which runs
 * it on every capability check) and the unit tests (which prove it).
 *
 * Per key (container, executable, capability, outcome): the first check in a
 * window raises an alert; later checks in the same window only count. The
 * next alert of that key carries how many checks happened since the previous
 * alert, itself included, so nothing is hidden, only folded.
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

struct vigil_dedup_state {
	__u64 last_alert_ns;	/* 0: never alerted */
	__u64 suppressed;	/* checks folded since the last alert */
};

/*
 * Returns 0 when this check is folded into the current window, otherwise the
 * count to report with the alert that must be raised now.
 */
static inline __u64 vigil_dedup_check(struct vigil_dedup_state *s, __u64 now_ns,
				      __u64 window_ns)
{
	__u64 count;

	if (s->last_alert_ns && now_ns - s->last_alert_ns < window_ns) {
		s->suppressed++;
		return 0;
	}
	count = s->suppressed + 1;
	s->last_alert_ns = now_ns;
	s->suppressed = 0;
	return count;
}

#endif /* VIGIL_CAP_DEDUP_H */
