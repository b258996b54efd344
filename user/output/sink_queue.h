/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A sink that delivers from its own thread: the event loop pushes lines into
 * a bounded line_queue and returns at once; the thread takes batches and
 * hands them to the transport's deliver(), retrying failures with
 * exponential backoff. A full queue drops lines and counts them; what is
 * still queued at exit gets a few seconds, then is counted as dropped.
 */
#ifndef VIGIL_SINK_QUEUE_H
#define VIGIL_SINK_QUEUE_H

#include <pthread.h>
#include <stdbool.h>
#include "line_queue.h"
#include "sink.h"

enum delivery {
	DELIVERED,	   /* all of the batch */
	DELIVERY_RETRY,	   /* *consumed bytes went through; retry the rest later */
	DELIVERY_REJECTED, /* the receiver refused the batch: retrying cannot help */
};

struct transport {
	/* whole lines in; on RETRY, *consumed says how many bytes were delivered */
	enum delivery (*deliver)(struct sink *s, const char *batch, size_t len, size_t *consumed);
	/* most bytes one deliver() call takes (an HTTP body, one datagram's worth of lines) */
	size_t batch_max;
};

struct queued_sink {
	struct sink base;
	const struct transport *transport;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	struct line_queue queue; /* under lock */
	uint64_t errors;	 /* under lock */
	uint64_t undelivered;	 /* under lock: rejected or left at exit */
	bool stopping;		 /* under lock */
	bool initialized;
	bool started;
	pthread_t thread;
	char *batch; /* the thread's own */
	size_t batch_len;
};

/* Sets up s (embedded first in the transport's struct); its thread starts in ops->start. */
int queued_sink__init(struct queued_sink *s, const struct sink_ops *ops, const struct transport *t, size_t queue_bytes);
/* Pushes a line (ends with '\n'); never blocks on delivery. */
void queued_sink__push(struct queued_sink *s, const char *line, size_t len);
/* Counts a line the transport could not frame (too long for it) as dropped. */
void queued_sink__drop(struct queued_sink *s);
/* Stops the thread after it delivered what it could; frees the queue. */
void queued_sink__stop(struct queued_sink *s);

/* sink_ops members shared by queued sinks */
int queued_sink__run(struct sink *s);
bool queued_sink__flush(struct sink *s);
void queued_sink__reopen(struct sink *s);
void queued_sink__stats(struct sink *s, struct sink_stats *out);

#endif /* VIGIL_SINK_QUEUE_H */
