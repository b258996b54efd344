/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Health and metrics over HTTP (--metrics ADDR:PORT, libmicrohttpd):
 * /metrics in the Prometheus text format, /healthz for liveness probes.
 * The event loop publishes a snapshot after each poll; the server thread
 * only formats the latest one, so a scrape never touches live state.
 */
#ifndef VIGIL_METRICS_H
#define VIGIL_METRICS_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include "hostport.h"
#include "output_config.h"
#include "outcome.h"
#include "sink.h"
#include "vigil_event.h"

#define METRICS_DETECTIONS 8

struct metrics_snapshot {
	char version[32];
	char backend[16];
	char kernel[65];
	uint64_t programs_attached;
	uint64_t programs_refused;
	struct {
		char name[16];	/* "" past the last */
		char state[16]; /* active, degraded, unavailable */
	} detections[METRICS_DETECTIONS];
	uint64_t events[VIGIL_EV_KIND_MAX][OUTCOME_MAX]; /* alerts by kind and outcome */
	uint64_t events_lost;				 /* records the ring buffer dropped */
	uint64_t ringbuf_pending_bytes;
	uint64_t ringbuf_size_bytes;
	uint64_t capability_checks_folded; /* by the dedup window, as reported so far */
	uint64_t capability_windows;	   /* open windows kept for their end (cap_windows.h) */
	uint64_t capability_window_bytes;
	uint64_t capability_windows_evicted;
	uint64_t resident_memory_bytes; /* read at scrape time, 0 if /proc/self/statm is unreadable */
	uint64_t containers;
	uint64_t containers_started; /* container-start lines (posture) */
	uint64_t posture_alerts;
	uint64_t posture_read_ns; /* reading their posture's files, all starts together */
	uint64_t metadata_lookups;
	uint64_t metadata_lookup_failures;
	unsigned int noutputs;
	struct {
		char name[160];
		struct sink_stats st;
	} outputs[OUTPUT_MAX_SINKS + 1];
	struct timespec published; /* CLOCK_MONOTONIC */
};

/* The exposition text for s; returns its length (cut at cap, which the caller sizes). */
size_t metrics__format(const struct metrics_snapshot *s, char *buf, size_t cap);

#define HEALTHZ_STALE_S 5 /* /healthz fails when the event loop has not published for this long */

struct metrics_server {
	int listen_fd; /* bound by metrics__listen, served by metrics__start */
	struct MHD_Daemon *daemon;
	pthread_mutex_t lock;
	struct metrics_snapshot snap; /* under lock */
};

/*
 * Binds and listens on addr while vigil still may bind any port; the
 * server's thread starts later (metrics__start), after vigil gave up its
 * capabilities, so no thread ever holds them.
 */
int metrics__listen(struct metrics_server *m, const char *addr, const struct hostport *hp);
int metrics__start(struct metrics_server *m);
void metrics__publish(struct metrics_server *m, const struct metrics_snapshot *s);
void metrics__stop(struct metrics_server *m);

#endif /* VIGIL_METRICS_H */
