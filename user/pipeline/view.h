/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the enrich stage learned about a record (enrich.c), and all a
 * formatter reads besides the record itself: formatters do no I/O, take no
 * lock and keep no state, so a record and a view make one exact line
 * (tests/unit/test_format.c).
 */
#ifndef VIGIL_VIEW_H
#define VIGIL_VIEW_H

#include <stdbool.h>
#include <time.h>
#include <linux/types.h>
#include "cgroup.h"
#include "container_meta.h"
#include "ecs.h"
#include "outcome.h"
#include "pathbuf.h"
#include "policy.h"

/* The date and time to the second change rarely: formatted once per second (alert.c). */
struct alert_clock {
	time_t secs; /* -1: nothing cached */
	char buf[40];
	size_t prefix;
};

struct alert_view {
	const struct container_ref *container;
	const struct container_meta *meta; /* NULL: not known (yet) */
	const struct stream_id *stream;	   /* host, agent, ids: the same on every line */
	__u64 seq;			   /* event.id: this line's number in the stream */
	__s64 boot_to_realtime_ns;	   /* CLOCK_REALTIME - CLOCK_BOOTTIME */
	struct alert_clock *clock;	   /* the pipeline's; only a cache */
	enum outcome outcome;		   /* event.outcome */
	/* rootfs-write: where it landed, as enrich resolved it */
	bool path_unresolved; /* where it landed is unknown: the record's string as given */
	bool has_target;
	char path[PATHBUF_MAX];
	char target[PATHBUF_MAX];
	/* --policy: the container's rule (rule.name, vigil.policy) */
	bool has_policy;
	bool policy_pending; /* its rule was not known yet: the pending mode applied */
	char policy_rule[POLICY_NAME_MAX + 1];
};

#endif /* VIGIL_VIEW_H */
