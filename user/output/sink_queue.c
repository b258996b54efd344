// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "log.h"
#include "sink_queue.h"

#define LINGER_MS	 100 /* lets a burst gather into one batch */
#define BACKOFF_MIN_MS	 250
#define BACKOFF_MAX_MS	 30000
#define DRAIN_AT_EXIT_MS 5000

static struct timespec deadline_in(long ms)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	t.tv_sec += ms / 1000;
	t.tv_nsec += (ms % 1000) * 1000000L;
	if (t.tv_nsec >= 1000000000L) {
		t.tv_sec++;
		t.tv_nsec -= 1000000000L;
	}
	return t;
}

static bool passed(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec > t->tv_sec || (now.tv_sec == t->tv_sec && now.tv_nsec >= t->tv_nsec);
}

/* Under lock: waits until there is something to send, or stopping. */
static void wait_for_lines(struct queued_sink *s)
{
	struct timespec t;

	while (!s->queue.used && !s->batch_len && !s->stopping)
		pthread_cond_wait(&s->wake, &s->lock);
	if (s->batch_len || s->stopping || s->queue.used >= s->transport->batch_max / 2)
		return;
	t = deadline_in(LINGER_MS);
	while (!s->stopping && pthread_cond_timedwait(&s->wake, &s->lock, &t) != ETIMEDOUT)
		;
}

/* Under lock: the batch's lines are lost; say how many. */
static void count_undelivered(struct queued_sink *s, size_t len)
{
	s->undelivered += line_queue__count_lines(s->batch, len);
}

static void consume(struct queued_sink *s, size_t n)
{
	memmove(s->batch, s->batch + n, s->batch_len - n);
	s->batch_len -= n;
}

/*
 * Under lock. A stop wakes a long backoff early, for one more try; while
 * draining at exit the waits are short until the deadline.
 */
static void backoff_wait(struct queued_sink *s, long ms)
{
	bool was_stopping = s->stopping;
	struct timespec t = deadline_in(was_stopping ? BACKOFF_MIN_MS : ms);

	while (pthread_cond_timedwait(&s->wake, &s->lock, &t) != ETIMEDOUT && s->stopping == was_stopping)
		;
}

static void *deliver_loop(void *arg)
{
	struct queued_sink *s = arg;
	struct timespec drain_deadline = { 0 };
	long backoff = BACKOFF_MIN_MS;
	enum delivery d;
	size_t done;

	pthread_mutex_lock(&s->lock);
	for (;;) {
		wait_for_lines(s);
		if (s->stopping && !drain_deadline.tv_sec)
			drain_deadline = deadline_in(DRAIN_AT_EXIT_MS);
		if (!s->batch_len)
			s->batch_len = line_queue__take(&s->queue, s->batch, s->transport->batch_max);
		if (!s->batch_len)
			break; /* stopping, and nothing left */
		pthread_mutex_unlock(&s->lock);
		done = 0;
		d = s->transport->deliver(&s->base, s->batch, s->batch_len, &done);
		pthread_mutex_lock(&s->lock);
		if (d == DELIVERED) {
			s->batch_len = 0;
			backoff = BACKOFF_MIN_MS;
			continue;
		}
		if (d == DELIVERY_REJECTED) {
			count_undelivered(s, s->batch_len);
			s->batch_len = 0;
			continue;
		}
		consume(s, done);
		s->errors++;
		if (s->stopping && passed(&drain_deadline))
			break;
		backoff_wait(s, backoff);
		backoff = backoff * 2 > BACKOFF_MAX_MS ? BACKOFF_MAX_MS : backoff * 2;
	}
	/* whatever could not be delivered before the exit deadline */
	count_undelivered(s, s->batch_len);
	while ((s->batch_len = line_queue__take(&s->queue, s->batch, s->transport->batch_max)))
		count_undelivered(s, s->batch_len);
	pthread_mutex_unlock(&s->lock);
	return NULL;
}

int queued_sink__init(struct queued_sink *s, const struct sink_ops *ops, const struct transport *t, size_t queue_bytes)
{
	pthread_condattr_t attr;

	s->base.ops = ops;
	s->transport = t;
	/* a batch must hold any line the queue accepts, so take() always progresses */
	if (queue_bytes < t->batch_max)
		queue_bytes = t->batch_max;
	s->batch = malloc(queue_bytes);
	if (!s->batch || line_queue__init(&s->queue, queue_bytes))
		return log_err(-ENOMEM, "%s: out of memory for a %zu-byte queue", s->base.name, queue_bytes);
	pthread_mutex_init(&s->lock, NULL);
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&s->wake, &attr);
	pthread_condattr_destroy(&attr);
	s->initialized = true;
	return 0;
}

int queued_sink__run(struct sink *base)
{
	struct queued_sink *s = (struct queued_sink *)base;
	int err = pthread_create(&s->thread, NULL, deliver_loop, s);

	if (err)
		return log_errno(-err, "%s: start the delivery thread", s->base.name);
	s->started = true;
	return 0;
}

void queued_sink__push(struct queued_sink *s, const char *line, size_t len)
{
	pthread_mutex_lock(&s->lock);
	line_queue__push(&s->queue, line, len);
	pthread_mutex_unlock(&s->lock);
}

void queued_sink__drop(struct queued_sink *s)
{
	pthread_mutex_lock(&s->lock);
	s->queue.dropped++;
	pthread_mutex_unlock(&s->lock);
}

/* The event loop flushes once per poll: one wakeup per batch, not per line. */
bool queued_sink__flush(struct sink *base)
{
	struct queued_sink *s = (struct queued_sink *)base;

	pthread_mutex_lock(&s->lock);
	if (s->queue.used)
		pthread_cond_signal(&s->wake);
	pthread_mutex_unlock(&s->lock);
	return true;
}

void queued_sink__reopen(struct sink *s)
{
	(void)s; /* connections are re-made on failure, not on SIGHUP */
}

void queued_sink__stats(struct sink *base, struct sink_stats *out)
{
	struct queued_sink *s = (struct queued_sink *)base;

	pthread_mutex_lock(&s->lock);
	out->dropped = s->queue.dropped + s->undelivered;
	out->errors = s->errors;
	out->queued_bytes = s->queue.used + s->batch_len;
	out->queue_capacity = s->queue.cap;
	pthread_mutex_unlock(&s->lock);
}

void queued_sink__stop(struct queued_sink *s)
{
	if (s->started) {
		pthread_mutex_lock(&s->lock);
		s->stopping = true;
		pthread_cond_signal(&s->wake);
		pthread_mutex_unlock(&s->lock);
		pthread_join(s->thread, NULL);
		if (s->queue.dropped + s->undelivered)
			log_err(0, "%s: %llu lines dropped in all", s->base.name,
				(unsigned long long)(s->queue.dropped + s->undelivered));
	}
	if (s->initialized) {
		pthread_cond_destroy(&s->wake);
		pthread_mutex_destroy(&s->lock);
	}
	line_queue__free(&s->queue);
	free(s->batch);
}
