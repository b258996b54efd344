/* SPDX-License-Identifier: GPL-2.0 */
/* The ring buffer consumer: records in, alert lines and cgroup bookkeeping out. */
#ifndef VIGIL_EVENTS_H
#define VIGIL_EVENTS_H

#include <time.h>
#include <linux/types.h>
#include "enrich.h"
#include "json.h"
#include "lost.h"
#include "cap_windows.h"
#include "drift_map.h"
#include "loader.h"
#include "metrics.h"
#include "posture_read.h"

struct events {
	struct ring_buffer *rb;
	struct loader *ld;
	struct cap_windows cap_windows;
	struct enricher enrich;
	struct alert_view view; /* of the record being written */
	struct json json;
	int lost_fd;
	__u64 *lost_percpu;
	int ncpus;
	__u64 lost_reported;
	struct lost_by_cgroup lost_by;		       /* who lost what (lost.c) */
	time_t second_checked;			       /* CLOCK_MONOTONIC second of the last once-a-second work */
	__u64 by_kind[VIGIL_EV_KIND_MAX][OUTCOME_MAX]; /* alerts written */
	struct drift_maps drift;		       /* forgotten with each container (drift_map.h) */
	__u64 capability_checks_folded;
	const struct posture_config *posture; /* NULL: no container-start lines (--posture off) */
	struct posture_env posture_env;
	__u64 posture_alerts;
	__u64 containers_started;
	__u64 posture_read_ns;
	const volatile unsigned long *rb_consumer_pos; /* read-only views of the ring's positions */
	const volatile unsigned long *rb_producer_pos;
	__u64 rb_size;
	volatile __u32 *consumer_asleep; /* shared with the BPF side: set while we wait unwoken */
	bool active;			 /* the last poll found records: poll again soon */
	bool lost_walk_due;		 /* walk the per-cgroup lost counts at the next report */
};

int events__open(struct events *ev, struct loader *ld, struct containers *cs, struct stream_id *stream,
		 unsigned int cap_window_s);
/* container-start lines and posture alerts as cfg says (events__open leaves them off). */
void events__set_posture(struct events *ev, const struct posture_config *cfg);
/* Waits up to timeout_ms, drains the ring buffer, reports drops; <0 when the stream failed. */
int events__poll(struct events *ev, int timeout_ms);
/* Reports every capability dedup window still open (vigil stops). */
void events__end_cap_windows(struct events *ev);
/* output-dropped lines for sinks that dropped since the last report */
void events__report_output_drops(struct events *ev);
/* Alerts written so far, all kinds and outcomes. */
__u64 events__alerts(const struct events *ev);
/* The event loop's counters, in the metrics snapshot. */
void events__metrics(const struct events *ev, struct metrics_snapshot *s);
void events__close(struct events *ev);

#endif /* VIGIL_EVENTS_H */
