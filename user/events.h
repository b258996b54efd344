/* SPDX-License-Identifier: GPL-2.0 */
/* The ring buffer consumer: records in, alert lines and cgroup bookkeeping out. */
#ifndef VIGIL_EVENTS_H
#define VIGIL_EVENTS_H

#include <time.h>
#include <linux/types.h>
#include "alert.h"
#include "loader.h"

struct events {
	struct ring_buffer *rb;
	struct alert_ctx ax;
	struct json json;
	int lost_fd;
	__u64 *lost_percpu;
	int ncpus;
	__u64 lost_reported;
	time_t drops_checked_s;	/* CLOCK_MONOTONIC second of the last sink drop check */
	__u64 alerts;
};

int events__open(struct events *ev, struct loader *ld, struct containers *cs, const char *host);
/* Waits up to timeout_ms, drains the ring buffer, reports drops; <0 when the stream failed. */
int events__poll(struct events *ev, int timeout_ms);
/* output-dropped lines for sinks that dropped since the last report */
void events__report_output_drops(struct events *ev);
void events__close(struct events *ev);

#endif /* VIGIL_EVENTS_H */
