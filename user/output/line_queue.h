/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A bounded FIFO of newline-terminated lines in one fixed ring of bytes, for
 * sinks that deliver from their own thread (syslog, HTTP). The event loop
 * pushes and never waits: a line that does not fit is dropped and counted.
 * Pure: the caller does the locking.
 */
#ifndef VIGIL_LINE_QUEUE_H
#define VIGIL_LINE_QUEUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct line_queue {
	char *ring;
	size_t cap;
	size_t head; /* next byte to take */
	size_t used;
	uint64_t dropped; /* lines that did not fit */
};

int line_queue__init(struct line_queue *q, size_t cap);
void line_queue__free(struct line_queue *q);
/* line must end with '\n'; false (and counted) if it does not fit whole. */
bool line_queue__push(struct line_queue *q, const char *line, size_t len);
/*
 * Moves the oldest whole lines, at most max bytes, into out; returns the bytes
 * moved (0 if empty, or if the first line is longer than max: push refuses
 * lines longer than the ring, so size out to the ring to rule that out).
 */
size_t line_queue__take(struct line_queue *q, char *out, size_t max);
/* The number of lines in buf[0..len). */
uint64_t line_queue__count_lines(const char *buf, size_t len);

#endif /* VIGIL_LINE_QUEUE_H */
